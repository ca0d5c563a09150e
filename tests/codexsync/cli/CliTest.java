// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.ExitStatus;
import codexsync.core.Json;
import codexsync.core.Version;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The umbrella's wiring: exit codes, help, version, argument errors, init-config and validate in-process. */
class CliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(ExitStatus.class)
    void everyExitCodeIsInEveryHelp(ExitStatus status) {
        for (String cmd : new String[] {"", "init-config", "validate", "doctor", "plan", "sync", "restore"}) {
            Result r = cmd.isEmpty() ? CliRun.umbrella("--help") : CliRun.umbrella(cmd, "--help");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("Exit codes:"), r.toString());
            assertTrue(r.out().matches("(?s).*\\n  " + status.code() + "\\s+" + status.help().substring(0, 12).replace("(", "\\(") + ".*"),
                    cmd + " help lacks exit code " + status.code() + "\n" + r);
        }
    }

    @Test
    void exitStatusTableIsTheContract() {
        assertEquals(0, ExitStatus.OK.code());
        assertEquals(1, ExitStatus.RUNTIME_ERROR.code());
        assertEquals(2, ExitStatus.CONFLICT.code());
        assertEquals(3, ExitStatus.CODEX_RUNNING.code());
        assertEquals(4, ExitStatus.INVALID_INPUT.code());
        assertEquals(5, ExitStatus.SAFE_ABORT.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "sync --apply --dry-run", "restore --dry-run --apply", "plan --nope",
            "--manual-terminate-confirmation --auto-terminate-without-confirmation validate",
            "validate --manual-terminate-confirmation --auto-terminate-without-confirmation", "", "init-config --output"})
    void argumentErrorsExit4WithAHint(String args) {
        Result r = CliRun.umbrella(args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().startsWith("codexsync: "), r.toString());
        assertTrue(r.err().contains("fix: "), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void argumentErrorWithJsonIsAJsonDocument() {
        Result r = CliRun.umbrella("plan", "--json", "--bogus");
        assertEquals(4, r.code(), r.toString());
        Map<String, Object> doc = Json.parseObject(r.out());
        assertEquals("invalid_input", doc.get("status"));
        assertEquals(4L, doc.get("code"));
    }

    @Test
    void versionFlagPrintsTheVersion() {
        for (String[] args : new String[][] {{"-V"}, {"--version"}, {"sync", "-V"}}) {
            Result r = CliRun.umbrella(args);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("codexsync " + Version.VALUE), r.toString());
        }
    }

    @Test
    void preflightIsAnAliasOfDoctor() {
        Result r = CliRun.umbrella("preflight", "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("doctor"), r.toString());
    }

    @Test
    void initConfigWritesRefusesAndForces() throws IOException {
        Path out = tmp.resolve("deep/er/config.toml");
        Result first = CliRun.umbrella("init-config", "--output", out.toString());
        assertEquals(0, first.code(), first.toString());
        assertEquals("Config template written: " + out + "\n", first.out());
        Files.writeString(out, "mine");
        Result again = CliRun.umbrella("init-config", "--output", out.toString());
        assertEquals(4, again.code(), again.toString());
        assertTrue(again.err().contains("File already exists: " + out + ". Use --force to overwrite."), again.toString());
        assertEquals("mine", Files.readString(out));
        Result forced = CliRun.umbrella("init-config", "--output", out.toString(), "--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(Files.readString(out).contains("[sync]"));
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no staging file left behind");
        }
    }

    @Test
    void validateAcceptsAGoodConfigAndChangesNothing() throws IOException {
        Path home = Files.createDirectories(tmp.resolve(".codex"));
        Path cfg = tmp.resolve("c/config.toml");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "[paths]\nworkspace_root_dir = \"" + tmp.resolve("ws").toString().replace('\\', '/')
                + "\"\nlocal_state_dir = \"" + home.toString().replace('\\', '/') + "\"\n[logging]\nfile = \"${workspace_root}/logs/x.log\"\n");
        Result r = CliRun.umbrella("-c", cfg.toString(), "validate");
        assertEquals(0, r.code(), r.toString());
        assertEquals("Config is valid.\n", r.out());
        assertFalse(Files.exists(tmp.resolve("ws")), "validate created the workspace");
        Result json = CliRun.umbrella("validate", "-c", cfg.toString(), "--json");
        Map<String, Object> doc = Json.parseObject(json.out());
        assertEquals("ok", doc.get("status"));
        assertEquals(home.toString(), doc.get("local_state_dir"));
    }

    @Test
    void validateReportsBadConfigWithLocationAndExit4() throws IOException {
        Path cfg = tmp.resolve("config.toml");
        Files.writeString(cfg, "[sync]\ncompare = \"fast\"\n");
        Result r = CliRun.umbrella("-c", cfg.toString(), "validate");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("codexsync: config value 'sync.compare' must be one of mtime, mtime_hash_fallback"), r.toString());
        assertTrue(r.err().contains("  at " + cfg + ":2:1"), r.toString());
        assertTrue(r.err().contains("  fix: write e.g. compare = \"mtime\""), r.toString());
        Result json = CliRun.umbrella("-c", cfg.toString(), "validate", "--json");
        Map<String, Object> doc = Json.parseObject(json.out());
        assertEquals(4L, doc.get("code"));
        assertEquals(cfg + ":2:1", doc.get("location"));
    }

    @Test
    void missingConfigNamedByDashCIsExit4() {
        Result r = CliRun.umbrella("-c", tmp.resolve("none.toml").toString(), "validate");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("config file not found"), r.toString());
    }
}
