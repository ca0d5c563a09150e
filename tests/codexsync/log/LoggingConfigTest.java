// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.app.RunLogging;
import codexsync.app.RunSummary;
import codexsync.config.ConfigLoader;
import codexsync.config.ConfigOverrides;
import codexsync.config.LoggingOptions.Format;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The [logging] table end to end: refused values through the CLI, which commands log to file, the summary line. */
class LoggingConfigTest {
    @TempDir
    Path tmp;
    Path home;
    Path cfg;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(tmp.resolve("home/.codex"));
        cfg = tmp.resolve("config.toml");
    }

    @AfterEach
    void restoreConsoleLogging() {
        LogSetup.console(false);
    }

    private void writeConfig(String logging) throws IOException {
        Files.writeString(cfg, "[identity]\nmachine_id = \"Machine A\"\n[paths]\nworkspace_root_dir = \""
                + tmp.resolve("ws").toString().replace('\\', '/') + "\"\nlocal_state_dir = \""
                + home.toString().replace('\\', '/') + "\"\n[logging]\n" + logging + "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "level = \"TRACE\"|logging.level",
            "format = \"xml\"|logging.format",
            "archive_mode = \"rar\"|logging.archive_mode",
            "max_file_size_mb = 0|logging.max_file_size_mb",
            "file = \"HOME/logs/codexsync.log\"|logging.file"})
    void validateRefusesBadLoggingValuesWithExit4(String line, String key) throws IOException {
        writeConfig(line.replace("HOME", home.toString().replace('\\', '/')));
        Result r = CliRun.umbrella("-c", cfg.toString(), "validate");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains(key), r.toString());
        assertFalse(Files.exists(home.resolve("logs")), "nothing created inside the Codex home");
    }

    @Test
    void validateAcceptsEveryLevelAndFormatSpelling() throws IOException {
        for (String level : List.of("DEBUG", "info", "WARNING", "error")) {
            for (String format : List.of("text", "JSON", "logfmt")) {
                writeConfig("level = \"" + level + "\"\nformat = \"" + format + "\"\nfile = \"${workspace_root}/logs/c.log\"");
                Result r = CliRun.umbrella("-c", cfg.toString(), "validate");
                assertEquals(0, r.code(), level + "/" + format + ": " + r);
            }
        }
        assertFalse(Files.exists(tmp.resolve("ws/logs")), "validate writes no log file");
    }

    @Test
    void planAndDryRunsCreateNoLogFolderButAnApplyLogsToTheFile() throws IOException {
        Files.createDirectories(home.resolve("sessions"));
        Files.writeString(home.resolve("sessions/a.jsonl"), "{}\n");
        // Codex is declared closed so the runs reach the sync itself; the guard has its own tests.
        Files.writeString(cfg, "[identity]\nmachine_id = \"Machine A\"\n[paths]\nworkspace_root_dir = \""
                + tmp.resolve("ws").toString().replace('\\', '/') + "\"\nlocal_state_dir = \""
                + home.toString().replace('\\', '/') + "\"\n[safety]\nrequire_codex_stopped = false\n"
                + "[logging]\nfile = \"${workspace_root}/logs/codexsync.log\"\n");
        for (String[] args : new String[][] {{"plan"}, {"sync", "--dry-run"}, {"doctor"}, {"restore", "--list"}}) {
            List<String> all = new java.util.ArrayList<>(List.of("-c", cfg.toString()));
            all.addAll(List.of(args));
            CliRun.umbrella(all.toArray(String[]::new));
            assertFalse(Files.exists(tmp.resolve("ws/logs")), String.join(" ", args) + " created the log folder");
        }
        Result apply = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertEquals(0, apply.code(), apply.toString());
        LogSetup.stop();
        try (var files = Files.list(tmp.resolve("ws/logs"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("codexsync-Machine-A-")),
                    "sync --apply writes the daily log file");
        }
    }

    private SyncConfig load() {
        HostEnvironment host = new HostEnvironment(Map.of(), tmp.resolve("home"), "host", OperatingSystem.LINUX);
        return new ConfigLoader(host).load(cfg, ConfigOverrides.NONE);
    }

    @ParameterizedTest
    @CsvSource({"sync --apply, true", "restore --apply, true", "plan, false", "sync, false", "restore, false",
            "doctor, false", "validate, false", "init-config, false"})
    void onlyWritingRunsWriteTheLogFile(String command, boolean toFile) throws IOException {
        writeConfig("file = \"${workspace_root}/logs/codexsync.log\"");
        Optional<Path> file = RunLogging.start(load(), command, false);
        assertEquals(toFile, file.isPresent(), command);
        file.ifPresent(f -> assertTrue(f.getFileName().toString().startsWith("codexsync-Machine-A-"), f.toString()));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void summaryLineIsInTheFileWithEveryFieldParseable(Format format) throws IOException {
        writeConfig("format = \"" + format.name().toLowerCase() + "\"\nlevel = \"WARNING\"\n"
                + "file = \"${workspace_root}/logs/codexsync.log\"");
        Path file = RunLogging.start(load(), "sync --apply", false).orElseThrow();
        // WARNING filters INFO; the summary is INFO on its own logger, so it only appears when INFO is on.
        new RunSummary("sync", false, 3, 2, 1, 0, 0, 4096, 1.25, 0).log();
        writeConfig("format = \"" + format.name().toLowerCase() + "\"\nfile = \"${workspace_root}/logs/codexsync.log\"");
        file = RunLogging.start(load(), "sync --apply", false).orElseThrow();
        new RunSummary("restore", true, 7, 0, 12, 1, 2, 123456789, 0.5, 2).log();
        LogSetup.stop();

        List<Map<String, String>> records = LogLineParser.parseAll(format, Files.readAllLines(file, StandardCharsets.UTF_8));
        List<Map<String, String>> summaries = records.stream().filter(r -> r.get("logger").equals(RunSummary.LOGGER)).toList();
        assertEquals(1, summaries.size(), records.toString());
        assertEquals("INFO", summaries.get(0).get("level"));
        String message = summaries.get(0).get("message");
        assertEquals("summary command=restore mode=dry-run copied=7 backed_up=0 skipped=12 conflicts=1 deleted=2 "
                + "bytes=123456789 seconds=0.500 exit=2", message);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : message.substring("summary ".length()).split(" ")) {
            String[] kv = pair.split("=", 2);
            fields.put(kv[0], kv[1]);
        }
        assertEquals(List.of("command", "mode", "copied", "backed_up", "skipped", "conflicts", "deleted", "bytes",
                "seconds", "exit"), List.copyOf(fields.keySet()));
        for (String numeric : List.of("copied", "backed_up", "skipped", "conflicts", "deleted", "bytes", "exit")) {
            Long.parseLong(fields.get(numeric));
        }
        assertEquals(0.5, Double.parseDouble(fields.get("seconds")));
    }
}
