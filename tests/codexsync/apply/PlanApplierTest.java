// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.read;
import static codexsync.testsupport.SyncFixtures.sha;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.backup.BackupWriter;
import codexsync.config.BackupOptions;
import codexsync.config.BackupOptions.Compression;
import codexsync.config.SyncOptions.DeletePolicy;
import codexsync.core.ConflictException;
import codexsync.core.Json;
import codexsync.core.SafeAbortException;
import codexsync.fs.InUseSimulation;
import codexsync.fs.StagingNames;
import codexsync.plan.ActionKind;
import codexsync.plan.BaseState;
import codexsync.plan.Conflict;
import codexsync.plan.PlannedAction;
import codexsync.plan.SyncPlan;
import codexsync.testsupport.SyncFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlanApplierTest {
    @TempDir
    Path dir;

    @AfterEach
    void unlock() {
        InUseSimulation.lock(null);
    }

    @Test
    void first_sync_copies_both_ways_keeps_mtimes_saves_base_state_and_a_rerun_plans_nothing() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        write(k.local, "sessions/2026/01/01/a.jsonl", "local a\n", T0);
        write(k.cloud, "skills/s/SKILL.md", "cloud skill\n", T0 + 5);
        ApplyResult r = k.sync();
        assertEquals(2, r.count(ActionOutcome.Kind.COPIED));
        assertEquals("local a\n", read(k.cloud, "sessions/2026/01/01/a.jsonl"));
        assertEquals("cloud skill\n", read(k.local, "skills/s/SKILL.md"));
        assertEquals(Files.getLastModifiedTime(k.local.resolve("skills/s/SKILL.md")),
                Files.getLastModifiedTime(k.cloud.resolve("skills/s/SKILL.md")));
        assertNull(r.snapshot(), "nothing was overwritten, so no snapshot");
        assertFalse(Files.exists(k.backups) && Files.list(k.backups).findAny().isPresent());
        assertEquals(2, k.base().files().size());
        assertEquals(sha("local a\n".getBytes(StandardCharsets.UTF_8)),
                k.base().entry("sessions/2026/01/01/a.jsonl").cloud().sha256());
        assertFalse(Files.exists(Journal.fileFor(k.temp, "laptop")), "journal closed");
        assertTrue(k.plan().actions().isEmpty(), "second run plans 0 actions");
        assertEquals(0, k.sync().outcomes().size());
    }

    @Test
    void a_no_change_rerun_keeps_every_base_entry_with_its_hash_and_leaves_the_state_file_untouched() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        write(k.local, "sessions/2026/01/01/a.jsonl", "local a\n", T0);
        k.sync();
        BaseState first = k.base();
        Path stateFile = k.manifest.resolveSibling("machines/laptop.json");
        String text = Files.readString(stateFile);
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(stateFile);

        assertEquals(0, k.sync().outcomes().size());
        assertEquals(first, k.base(), "the same entries, the copy's hashes kept");
        assertEquals(sha("local a\n".getBytes(StandardCharsets.UTF_8)),
                k.base().entry("sessions/2026/01/01/a.jsonl").local().sha256());
        assertEquals(text, Files.readString(stateFile), "nothing but the finish time would change: not rewritten");
        assertEquals(mtime, Files.getLastModifiedTime(stateFile));

        write(k.local, "sessions/2026/01/01/a.jsonl", "local a, more\n", T0 + 10);
        k.sync();
        assertEquals(sha("local a, more\n".getBytes(StandardCharsets.UTF_8)),
                k.base().entry("sessions/2026/01/01/a.jsonl").cloud().sha256(), "a changed file gets its new entry");
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void an_overwrite_is_backed_up_completely_before_the_file_is_replaced(Compression mode) throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        k.backup = new BackupOptions(true, 30, 0, mode);
        write(k.local, "history.jsonl", "v1\n", T0);
        k.sync();
        write(k.local, "history.jsonl", "v2 local edit\n", T0 + 100);
        write(k.cloud, "sessions/x.jsonl", "cloud only\n", T0);
        k.sync();
        write(k.cloud, "sessions/x.jsonl", "cloud edit\n", T0 + 200);
        k.runStart = java.time.Instant.parse("2026-11-25T12:00:00Z");
        List<String> seenAtIntent = new ArrayList<>();
        ApplyResult r = k.sync((step, path) -> {
            if (step == ApplyStep.INTENT_RECORDED) {
                // The snapshot must already be complete under its final name when the first file changes.
                Path snap = k.backups.resolve("laptop-20261125T120000Z" + (mode == Compression.ZIP ? ".zip" : ""));
                assertTrue(Files.exists(snap), "snapshot exists before " + path + " changes");
                seenAtIntent.add(read(k.local, path));
            }
        });
        assertEquals(List.of("cloud only\n"), seenAtIntent, "the file was still old when the snapshot was complete");
        assertEquals("laptop-20261125T120000Z", r.snapshot());
        assertEquals(1, r.backedUp());
        assertEquals("cloud edit\n", read(k.local, "sessions/x.jsonl"));
        Map<String, Object> manifest = manifest(k, r.snapshot(), mode);
        assertEquals("codexsync-backup-v1", manifest.get("format"));
        assertEquals("laptop", manifest.get("machine_id"));
        assertEquals("2026-11-25T12:00:00Z", manifest.get("created"));
        List<?> files = (List<?>) manifest.get("files");
        Map<?, ?> f = (Map<?, ?>) files.get(0);
        assertEquals("sessions/x.jsonl", f.get("path"));
        assertEquals("local", f.get("side"));
        assertEquals("overwritten", f.get("reason"));
        assertEquals(sha("cloud only\n".getBytes(StandardCharsets.UTF_8)), f.get("sha256"));
        assertEquals(11L, f.get("size"));
        assertEquals("cloud only\n", entry(k, r.snapshot(), mode, (String) f.get("entry")));
    }

    @Test
    void cloud_side_overwrites_are_recorded_as_cloud() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        write(k.local, "history.jsonl", "v1\n", T0);
        k.sync();
        write(k.local, "history.jsonl", "v2\n", T0 + 60);
        ApplyResult r = k.sync();
        Map<?, ?> f = (Map<?, ?>) ((List<?>) manifest(k, r.snapshot(), Compression.NONE).get("files")).get(0);
        assertEquals("cloud", f.get("side"));
        assertEquals("v1\n", read(k.backups.resolve(r.snapshot()), "history.jsonl"));
        assertEquals("v2\n", read(k.cloud, "history.jsonl"));
    }

    @Test
    void a_propagated_deletion_is_backed_up_with_reason_deleted() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        k.options = k.options.withDeletePolicy(DeletePolicy.PROPAGATE).withMaxDeletePercent(100);
        for (int i = 0; i < 8; i++) {
            write(k.local, "sessions/s" + i + ".jsonl", "s" + i, T0);
        }
        k.sync();
        Files.delete(k.local.resolve("sessions/s3.jsonl"));
        SyncPlan p = k.plan();
        assertEquals(1, p.count(ActionKind.DELETE_CLOUD), p.toString());
        ApplyResult r = k.sync();
        assertEquals(1, r.count(ActionOutcome.Kind.DELETED));
        assertFalse(Files.exists(k.cloud.resolve("sessions/s3.jsonl")));
        Map<?, ?> f = (Map<?, ?>) ((List<?>) manifest(k, r.snapshot(), Compression.NONE).get("files")).get(0);
        assertEquals("deleted", f.get("reason"));
        assertEquals("cloud", f.get("side"));
        assertEquals("s3", read(k.backups.resolve(r.snapshot()), "sessions/s3.jsonl"));
        assertNull(k.base().entry("sessions/s3.jsonl"), "a deleted path leaves the base state");
        assertTrue(k.plan().actions().isEmpty());
    }

    @Test
    void every_action_kind_of_a_hand_made_plan_runs() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        write(k.local, "a", "local a", T0);
        write(k.cloud, "b", "cloud b", T0);
        write(k.local, "c", "doomed local c", T0);
        write(k.cloud, "d", "doomed cloud d", T0);
        SyncPlan plan = new SyncPlan(List.of(
                new PlannedAction(ActionKind.COPY_TO_CLOUD, "a", "only on local", false, null),
                new PlannedAction(ActionKind.COPY_TO_LOCAL, "b", "only on cloud", false, null),
                new PlannedAction(ActionKind.DELETE_LOCAL, "c", "deleted on cloud", true, null),
                new PlannedAction(ActionKind.DELETE_CLOUD, "d", "deleted on local", true, null)),
                List.of(), List.of(), List.of(), List.of(), null, List.of());
        ApplyResult r = new PlanApplier(k.ctx(ApplyHooks.NONE)).apply(plan, k.scan(k.local), k.scan(k.cloud),
                k.base());
        assertEquals(List.of("copied", "copied", "deleted", "deleted"),
                r.outcomes().stream().map(o -> o.kind().wireName()).toList());
        assertEquals("local a", read(k.cloud, "a"));
        assertEquals("cloud b", read(k.local, "b"));
        assertFalse(Files.exists(k.local.resolve("c")));
        assertFalse(Files.exists(k.cloud.resolve("d")));
        assertEquals(2, r.backedUp());
        assertEquals("doomed local c", read(k.backups.resolve(r.snapshot()), "c"));
        assertEquals("doomed cloud d", read(k.backups.resolve(r.snapshot()), "d"));
    }

    @Test
    void a_plan_with_conflicts_or_a_safe_abort_reason_is_refused_before_anything_is_written() {
        ApplyKit k = new ApplyKit(dir, "laptop");
        write(k.local, "a", "x", T0);
        PlannedAction copy = new PlannedAction(ActionKind.COPY_TO_CLOUD, "a", "only on local", false, null);
        SyncPlan conflicted = new SyncPlan(List.of(copy), List.of(new Conflict("b", "both changed")), List.of(),
                List.of(), List.of(), null, List.of());
        assertThrows(ConflictException.class, () -> new PlanApplier(k.ctx(ApplyHooks.NONE))
                .apply(conflicted, k.scan(k.local), k.scan(k.cloud), k.base()));
        SyncPlan aborted = new SyncPlan(List.of(copy), List.of(), List.of(), List.of(), List.of(),
                "would delete 80% of sessions", List.of());
        SafeAbortException e = assertThrows(SafeAbortException.class, () -> new PlanApplier(k.ctx(ApplyHooks.NONE))
                .apply(aborted, k.scan(k.local), k.scan(k.cloud), k.base()));
        assertEquals(5, e.status().code());
        assertFalse(Files.exists(dir.resolve("ws")), "no workspace folder, journal, backup or copy was created");
    }

    @Test
    void a_file_held_by_another_program_is_retried_then_reported_with_exit_5_and_nothing_half_written()
            throws Exception {
        // Simulated: Linux never blocks a rename over an open file (and root ignores read-only folders), so the
        // fs seam makes this path answer like Windows' ERROR_SHARING_VIOLATION on every attempt.
        ApplyKit k = new ApplyKit(dir, "laptop");
        write(k.local, "history.jsonl", "v1\n", T0);
        write(k.local, "skills/s/SKILL.md", "skill\n", T0);
        k.sync();
        write(k.local, "history.jsonl", "v2\n", T0 + 60);
        Path locked = k.cloud.resolve("history.jsonl").toAbsolutePath().normalize();
        InUseSimulation.lock(p -> p.equals(locked));
        SafeAbortException e = assertThrows(SafeAbortException.class, k::sync);
        assertEquals(5, e.status().code());
        assertTrue(e.getMessage().contains(locked.toString()), e.getMessage());
        assertEquals("v1\n", read(k.cloud, "history.jsonl"), "the locked file keeps its old version");
        assertNoStaging(k.cloud);
        assertTrue(Files.exists(Journal.fileFor(k.temp, "laptop")), "journal kept for the next run");
        InUseSimulation.lock(null);
        JournalRecovery.Outcome rec = JournalRecovery.recover(Journal.fileFor(k.temp, "laptop"));
        assertEquals(1, rec.finished(), rec.lines().toString());
        assertEquals("v2\n", read(k.cloud, "history.jsonl"), "recovery finished the interrupted copy");
        assertEquals(0, k.sync().outcomes().size());
        assertTrue(k.plan().actions().isEmpty());
    }

    @Test
    void a_stop_request_ends_at_a_safe_point_with_the_journal_closed_and_exit_5() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        for (int i = 0; i < 5; i++) {
            write(k.local, "sessions/s" + i, "s" + i, T0);
        }
        int[] done = {0};
        k.stop = () -> done[0] >= 2;
        SafeAbortException e = assertThrows(SafeAbortException.class, () -> k.sync((step, path) -> {
            if (step == ApplyStep.DONE) {
                done[0]++;
            }
        }));
        assertEquals(5, e.status().code());
        assertTrue(e.getMessage().contains("2 of 5"), e.getMessage());
        assertFalse(Files.exists(Journal.fileFor(k.temp, "laptop")), "journal closed consistently");
        assertEquals(2, SyncFixtures.contents(k.cloud).size());
        k.stop = () -> false;
        assertEquals(3, k.sync().count(ActionOutcome.Kind.COPIED));
        assertEquals(SyncFixtures.contents(k.local), SyncFixtures.contents(k.cloud));
    }

    @Test
    void pruning_after_apply_keeps_only_max_backups_of_this_machine() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        k.backup = new BackupOptions(true, 0, 1, Compression.NONE);
        Files.createDirectories(k.backups.resolve("laptop-20261120T000000Z"));
        Files.createDirectories(k.backups.resolve("desktop-20261120T000000Z"));
        Files.createDirectories(k.backups.resolve("sessions"));
        write(k.local, "history.jsonl", "v1\n", T0);
        k.sync();
        write(k.local, "history.jsonl", "v2\n", T0 + 60);
        ApplyResult r = k.sync();
        assertEquals(List.of("laptop-20261120T000000Z"), r.pruned());
        assertTrue(Files.isDirectory(k.backups.resolve("desktop-20261120T000000Z")));
        assertTrue(Files.isDirectory(k.backups.resolve("sessions")));
        assertTrue(Files.isDirectory(k.backups.resolve(r.snapshot())));
    }

    @Test
    void pruning_never_removes_the_snapshot_the_run_just_wrote() throws Exception {
        ApplyKit k = new ApplyKit(dir, "laptop");
        k.backup = new BackupOptions(true, 0, 1, Compression.NONE);
        write(k.local, "history.jsonl", "v1\n", T0);
        k.sync();
        // A snapshot of this machine named by a clock that ran ahead sorts as the newest one.
        Files.createDirectories(k.backups.resolve("laptop-20991231T000000Z"));
        write(k.local, "history.jsonl", "v2\n", T0 + 60);
        ApplyResult r = k.sync();
        assertEquals(1, r.backedUp());
        assertEquals(List.of(), r.pruned());
        assertTrue(Files.isDirectory(k.backups.resolve(r.snapshot())), "the backup of what this run replaced");
    }

    private static void assertNoStaging(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> staging = s.filter(p -> StagingNames.isStaging(p.getFileName().toString())).toList();
            assertEquals(List.of(), staging);
        }
    }

    private static Map<String, Object> manifest(ApplyKit k, String snapshot, Compression mode) throws Exception {
        return Json.parseObject(entry(k, snapshot, mode, BackupWriter.MANIFEST));
    }

    private static String entry(ApplyKit k, String snapshot, Compression mode, String entry) throws Exception {
        if (mode == Compression.ZIP) {
            try (ZipFile zip = new ZipFile(k.backups.resolve(snapshot + ".zip").toFile())) {
                assertNotNull(zip.getEntry(entry), entry);
                return new String(zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(k.backups.resolve(snapshot).resolve(entry), StandardCharsets.UTF_8);
    }
}
