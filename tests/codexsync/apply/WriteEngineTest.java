// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.backup.BackupItem;
import codexsync.backup.BackupWriter;
import codexsync.backup.OpenSnapshot;
import codexsync.backup.SnapshotCatalog;
import codexsync.config.BackupOptions;
import codexsync.config.BackupOptions.Compression;
import codexsync.core.Progress;
import codexsync.fs.Trees;
import codexsync.testsupport.SyncFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine as restore uses it, and what recovery does with an interrupted restore. */
class WriteEngineTest {
    @TempDir
    Path dir;

    private Path home;
    private Path backups;
    private Path temp;
    private String snapshot;

    @Test
    void every_action_kind_has_a_journal_kind() {
        List<String> actions = Arrays.stream(WriteAction.class.getPermittedSubclasses())
                .map(c -> c.getSimpleName().toUpperCase(Locale.ROOT)).sorted().toList();
        List<String> kinds = Arrays.stream(JournalRecord.Kind.values()).map(Enum::name).sorted().toList();
        assertEquals(kinds, actions, "a new WriteAction needs its JournalRecord.Kind (and its recovery)");
    }

    /** An old snapshot of a.jsonl and b.jsonl, and a home where both have changed since. */
    private void setUp() throws Exception {
        home = dir.resolve("home");
        backups = dir.resolve("backups");
        temp = dir.resolve("tmp");
        write(home, "sessions/a.jsonl", "a old\n", T0);
        write(home, "sessions/b.jsonl", "b old\n", T0);
        BackupWriter w = new BackupWriter(backups, "laptop", Instant.parse("2026-11-01T00:00:00Z"), Compression.NONE,
                "sync --apply");
        snapshot = w.nextName();
        w.write(snapshot, List.of(
                new BackupItem("sessions/a.jsonl", home.resolve("sessions/a.jsonl"), "local", BackupItem.OVERWRITTEN),
                new BackupItem("sessions/b.jsonl", home.resolve("sessions/b.jsonl"), "local", BackupItem.OVERWRITTEN)));
        write(home, "sessions/a.jsonl", "a new\n", T0 + 10);
        write(home, "sessions/b.jsonl", "b new\n", T0 + 10);
    }

    private ApplyResult restore(ApplyHooks hooks) throws Exception {
        try (OpenSnapshot open = OpenSnapshot.open(new SnapshotCatalog(backups).resolve(snapshot))) {
            List<WriteAction> actions = open.entries().stream()
                    .map(e -> (WriteAction) new WriteAction.Restore(e.path(), Side.LOCAL, open, e)).toList();
            ApplyContext ctx = new ApplyContext("laptop", "restore --apply", home, null, backups, temp, null,
                    new BackupOptions(true, 0, 0, Compression.NONE), Instant.parse("2026-12-01T00:00:00Z"), null,
                    Progress.NONE, () -> false, hooks);
            return new WriteEngine(ctx).run(actions, null);
        }
    }

    @Test
    void a_restore_backs_up_what_it_replaces_and_writes_through_the_journal() throws Exception {
        setUp();
        ApplyResult r = restore(ApplyHooks.NONE);
        assertEquals(2, r.count(ActionOutcome.Kind.RESTORED));
        assertEquals("a old\n", SyncFixtures.read(home, "sessions/a.jsonl"));
        assertEquals("b new\n", SyncFixtures.read(backups.resolve(r.snapshot()), "sessions/b.jsonl"));
        assertTrue(!Files.exists(Journal.fileFor(temp, "laptop")), "a finished run closes its journal");
    }

    @Test
    void an_interrupted_restore_is_finished_from_its_snapshot_by_recovery() throws Exception {
        setUp();
        crashAtSecondStaged();
        JournalRecovery.Outcome o = JournalRecovery.recover(Journal.fileFor(temp, "laptop"));
        assertEquals(1, o.finished(), o.lines().toString());
        assertEquals(1, o.stagingRemoved(), o.lines().toString());
        assertEquals("a old\n", SyncFixtures.read(home, "sessions/a.jsonl"));
        assertEquals("b old\n", SyncFixtures.read(home, "sessions/b.jsonl"));
        assertTrue(o.lines().get(0).startsWith("Recovered an interrupted restore --apply"), o.lines().toString());
    }

    @Test
    void an_interrupted_restore_whose_snapshot_is_gone_is_rolled_back() throws Exception {
        setUp();
        crashAtSecondStaged();
        Trees.deleteRecursively(backups.resolve(snapshot));
        JournalRecovery.Outcome o = JournalRecovery.recover(Journal.fileFor(temp, "laptop"));
        assertEquals(1, o.rolledBack(), o.lines().toString());
        assertEquals("a old\n", SyncFixtures.read(home, "sessions/a.jsonl"));
        assertEquals("b new\n", SyncFixtures.read(home, "sessions/b.jsonl"), "left at its old version");
    }

    private void crashAtSecondStaged() {
        int[] staged = {0};
        assertThrows(SimulatedCrash.class, () -> restore((step, path) -> {
            if (step == ApplyStep.STAGED && ++staged[0] == 2) {
                throw new SimulatedCrash(step, path);
            }
        }));
    }
}
