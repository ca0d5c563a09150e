// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.HostEnvironment;
import codexsync.core.Json;
import codexsync.guard.DummyCodexFixture;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.CliRun.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor}/{@code preflight} through the CLI: 0.1.1's report shape and exit codes (0 with warnings, 5 on any
 * FAIL, 5 for a missing config), each check's verdict on a prepared workspace, and that it writes nothing.
 */
class DoctorTest {
    @TempDir
    Path tmp;

    /** A process name nobody runs, so a real Codex (or another test's dummy) cannot make the healthy case fail. */
    private static String unusedName() {
        return "\"codex-none-" + UUID.randomUUID().toString().substring(0, 8) + "\"";
    }

    private static String line(Result r, String check) {
        return r.out().lines().filter(l -> l.contains("] " + check + ":")).findFirst().orElse("<no " + check + " line>");
    }

    @Test
    void healthyWorkspacePassesAndNothingOnDiskChanges() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        List<String> before = f.listing();
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("Preflight report:", lines.get(0), r.toString());
        assertEquals("Preflight checks passed.", lines.get(lines.size() - 1), r.toString());
        assertTrue(lines.get(lines.size() - 2).matches("Summary: pass=\\d+ warn=\\d+ fail=0"), r.toString());
        for (String check : List.of("config", "runtime_paths", "state_dirs", "local_write", "cloud_write", "backup_write",
                "temp_write", "manifest", "codex_process", "clock_drift", "orphan_temp_files", "cloud_folders", "cloud_conflict_copies",
                "interrupted_run", "lock",
                "path_overlap", "never_synced", "free_space")) {
            assertTrue(line(r, check).matches("  \\[(PASS|WARN)] " + check + ": .+"), check + "\n" + r);
        }
        assertTrue(line(r, "codex_process").startsWith("  [PASS]"), r.toString());
        assertEquals(before, f.listing(), "doctor must not create, modify or delete anything");
    }

    @Test
    void preflightIsTheSameCommand() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Result r = CliRun.umbrella("-c", f.config.toString(), "preflight");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Preflight report:"), r.toString());
    }

    @Test
    void manifestWithAnotherDataVersionFails() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Files.writeString(f.workspace.resolve("state/manifest.json"), "{\"data_version\": 2, \"machines\": {}}");
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertEquals(5, r.code(), r.toString());
        assertTrue(line(r, "manifest").startsWith("  [FAIL] manifest:"), r.toString());
        assertTrue(line(r, "manifest").contains("data_version 2"), r.toString());
        assertTrue(r.out().endsWith("Preflight checks failed.\n"), r.toString());
    }

    @Test
    void currentManifestPassesAndNamesThisMachinesEntry() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Files.writeString(f.workspace.resolve("state/manifest.json"), "{\"data_version\": 1, \"machines\": {\"doctor-test\": "
                + "{\"files\": {\"sessions/a\": {\"local\": null, \"cloud\": {\"size\": 1, \"mtime_ns\": 1}}}}}}");
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertTrue(line(r, "manifest").startsWith("  [PASS]") && line(r, "manifest").contains("1 file(s)"), r.toString());
    }

    @Test
    void orphanStagingFileWarnsButPasses() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Files.writeString(f.workspace.resolve("sync/sessions/.a.jsonl.codexsync-0123456789ab.tmp"), "half");
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertEquals(0, r.code(), r.toString());
        assertTrue(line(r, "orphan_temp_files").startsWith("  [WARN]"), r.toString());
        assertTrue(line(r, "orphan_temp_files").contains(".a.jsonl.codexsync-0123456789ab.tmp"), r.toString());
        // No journal names this file, so no run will remove it: the hint must say it can be deleted by hand.
        assertTrue(line(r, "orphan_temp_files").contains("can be deleted while no codexsync run is active"),
                r.toString());
    }

    @Test
    void runningCodexFailsCodexProcessWithExit5AndIsLeftRunning() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, "\"codex.exe\", \"codex\"");
        try (DummyCodexFixture codex = DummyCodexFixture.sleeping(tmp.resolve("bin"), "codex")) {
            Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
            assertEquals(5, r.code(), r.toString());
            assertTrue(line(r, "codex_process").startsWith("  [FAIL] codex_process: Codex is running"), r.toString());
            assertTrue(line(r, "codex_process").contains("pid " + codex.pid()), r.toString());
            assertTrue(codex.isAlive(), "doctor never closes Codex");
        }
    }

    @Test
    void journalWithoutALiveLockHolderIsAnInterruptedRun() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Path journal = f.workspace.resolve(".tmp/journal/doctor-test.journal");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, "{\"type\":\"start\"}\n");
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertEquals(5, r.code(), r.toString());
        assertTrue(line(r, "interrupted_run").startsWith("  [FAIL]"), r.toString());
        assertTrue(line(r, "interrupted_run").contains("codexsync sync --apply"), r.toString());
    }

    @Test
    void liveLockHolderIsReportedAndItsJournalIsNotInterrupted() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Path journal = f.workspace.resolve(".tmp/journal/doctor-test.journal");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, "{\"type\":\"start\"}\n");
        Path lock = f.workspace.resolve(".tmp/locks/doctor-test.lock");
        Files.createDirectories(lock.getParent());
        long pid = ProcessHandle.current().pid();
        Files.writeString(lock, Json.write(Map.of("pid", pid, "host", HostEnvironment.current().hostName(),
                "started", "2026-01-01T00:00:00Z", "command", "sync --apply")), StandardCharsets.UTF_8);
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertEquals(0, r.code(), r.toString());
        assertTrue(line(r, "lock").startsWith("  [WARN] lock: held by a running pid " + pid), r.toString());
        assertTrue(line(r, "interrupted_run").startsWith("  [WARN]"), r.toString());
    }

    @Test
    void staleLockWarns() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Path lock = f.workspace.resolve(".tmp/locks/doctor-test.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, Json.write(Map.of("pid", Long.MAX_VALUE - 1, "host", HostEnvironment.current().hostName(),
                "started", "2026-01-01T00:00:00Z", "command", "sync --apply")));
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertTrue(line(r, "lock").startsWith("  [WARN] lock: stale lock"), r.toString());
    }

    @Test
    void missingConfigIsAFailCheckWithExit5NotExit4() {
        Result r = CliRun.umbrella("-c", tmp.resolve("nope.toml").toString(), "doctor");
        assertEquals(5, r.code(), r.toString());
        assertTrue(line(r, "config").startsWith("  [FAIL] config: config file not found"), r.toString());
        assertTrue(r.out().contains("Summary: pass=0 warn=0 fail=1"), r.toString());
    }

    @Test
    void invalidConfigIsAFailCheckNamingTheKey() throws Exception {
        Path cfg = tmp.resolve("bad.toml");
        Files.writeString(cfg, "[paths]\nworkspace_root_dir = \"" + DoctorFixture.toml(tmp.resolve("ws"))
                + "\"\n[safety]\nfail_on_unknown = \"false\"\n");
        Result r = CliRun.umbrella("-c", cfg.toString(), "doctor");
        assertEquals(5, r.code(), r.toString());
        assertTrue(line(r, "config").contains("fail_on_unknown"), r.toString());
    }

    @Test
    void tokenFilesUnderAnIncludeRootAreListedAsRefused() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Files.writeString(f.local.resolve("sessions/auth.json"), "{}");
        Files.writeString(f.local.resolve("sessions/state_5.sqlite"), "db");
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertEquals(0, r.code(), r.toString());
        assertTrue(line(r, "never_synced").startsWith("  [WARN]"), r.toString());
        assertTrue(line(r, "never_synced").contains("sessions/auth.json"), r.toString());
        assertTrue(line(r, "never_synced").contains("sessions/state_5.sqlite"), r.toString());
    }

    @Test
    void aFileWhereTheCloudFolderShouldBeFailsRuntimePaths() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Files.delete(f.workspace.resolve("sync/sessions"));
        Files.delete(f.workspace.resolve("sync"));
        Files.writeString(f.workspace.resolve("sync"), "not a folder");
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertEquals(5, r.code(), r.toString());
        assertTrue(line(r, "runtime_paths").startsWith("  [FAIL]"), r.toString());
    }

    @Test
    void futureMtimeWarnsClockDrift() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Path file = f.workspace.resolve("sync/sessions/from-the-future.jsonl");
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(3600)));
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor");
        assertTrue(line(r, "clock_drift").startsWith("  [WARN]"), r.toString());
    }

    @Test
    void jsonHasTheChecksAndTheSummary() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Files.writeString(f.workspace.resolve("state/manifest.json"), "{\"data_version\": 2}");
        Result r = CliRun.umbrella("-c", f.config.toString(), "doctor", "--json");
        assertEquals(5, r.code(), r.toString());
        Map<String, Object> doc = Json.parseObject(r.out());
        assertEquals("safe_abort", doc.get("status"));
        List<?> checks = (List<?>) doc.get("checks");
        assertEquals(19, checks.size(), r.toString());
        assertTrue(checks.stream().anyMatch(c -> ((Map<?, ?>) c).get("name").equals("manifest")
                && ((Map<?, ?>) c).get("status").equals("FAIL")), r.toString());
        Map<?, ?> summary = (Map<?, ?>) doc.get("summary");
        assertEquals(1L, summary.get("fail"));
    }

    @Test
    void adHocFoldersWithoutConfigWork() throws Exception {
        DoctorFixture f = new DoctorFixture(tmp, unusedName());
        Result r = CliRun.umbrella("doctor", "--workspace", f.workspace.toString(), "--local", f.local.toString());
        assertTrue(line(r, "config").startsWith("  [WARN] config: no config file"), r.toString());
        assertTrue(line(r, "state_dirs").startsWith("  [PASS]"), r.toString());
    }
}
