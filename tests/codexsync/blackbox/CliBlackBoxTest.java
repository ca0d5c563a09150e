// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.ProcessRun.Result;
import codexsync.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real CLI in a separate process through ./jbang, the way a user runs it. */
class CliBlackBoxTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsEveryCommandAndExitsZero() {
        Result r = ProcessRun.codexsync(Map.of(), "--help");
        assertEquals(0, r.code(), r.toString());
        for (String cmd : List.of("init-config", "validate", "doctor", "plan", "sync", "restore", "status", "completion",
                "Exit codes:")) {
            assertTrue(r.out().contains(cmd), cmd + "\n" + r);
        }
    }

    @Test
    void unknownCommandExits4WithoutAStackTrace() {
        Result r = ProcessRun.codexsync(Map.of(), "snyc");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("codexsync: ") && r.err().contains("sync"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void brokenTomlExits4NamingLineAndColumn() throws IOException {
        Path cfg = tmp.resolve("config.toml");
        Files.writeString(cfg, "[sync]\ncompare = \"mtime\"\n[paths\n");
        Result r = ProcessRun.codexsync(Map.of(), "-c", cfg.toString(), "validate");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("config is not valid TOML") && r.err().contains(cfg + ":3:"), r.toString());
    }

    @Test
    void initConfigThenValidateWorksEndToEnd() throws IOException {
        Path cfg = tmp.resolve("my config/config.toml");
        Result init = ProcessRun.codexsync(Map.of(), "init-config", "--output", cfg.toString());
        assertEquals(0, init.code(), init.toString());
        Path home = Files.createDirectories(tmp.resolve("home/.codex"));
        Files.writeString(cfg, Files.readString(cfg).replace("~/Dropbox/codexsync", tmp.resolve("ws").toString()));
        Result valid = ProcessRun.codexsync(Map.of("CODEX_HOME", home.toString()), "-c", cfg.toString(), "validate");
        assertEquals(0, valid.code(), valid.toString());
        assertEquals("Config is valid.", valid.out().strip());
    }

    @Test
    void eachCommandScriptRunsAloneAndTheCatalogAliasResolves() {
        Path root = RepoRoot.find();
        Result alone = ProcessRun.run(root, Map.of(), List.of("./jbang", "commands/ValidateCommand.java", "--help"));
        assertEquals(0, alone.code(), alone.toString());
        assertTrue(alone.out().contains("Usage: validate"), alone.toString());
        // From another folder, through the catalog in the checkout: `jbang codexsync@<checkout> ...`.
        Result alias = ProcessRun.run(tmp, Map.of(), List.of(root.resolve("jbang").toString(),
                "codexsync@" + root, "--version"));
        assertEquals(0, alias.code(), alias.toString());
        assertTrue(alias.out().startsWith("codexsync "), alias.toString());
        Result sub = ProcessRun.run(tmp, Map.of(), List.of(root.resolve("jbang").toString(),
                "codexsync-validate@" + root, "--bogus"));
        assertEquals(4, sub.code(), sub.toString());
    }
}
