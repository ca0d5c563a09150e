// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.BackupOptions;
import codexsync.config.BackupOptions.Compression;
import codexsync.config.SyncOptions.DeletePolicy;
import codexsync.fs.StagingNames;
import codexsync.testsupport.SyncFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crashes an apply at every hook call in turn (a {@link SimulatedCrash} thrown from the fault hook, which skips
 * all cleanup as a power cut would), then recovers and syncs again. After every crash each file on both sides
 * must be its old or its new version; after recovery the state must equal an uninterrupted run's.
 */
class JournalRecoveryTest {
    @TempDir
    Path dir;

    /** Old and new content per side for the scenario below. */
    private static final Map<String, String> OLD_LOCAL = Map.of("history.jsonl", "h1\n", "sessions/b.jsonl", "b1\n",
            "sessions/d.jsonl", "d1\n");
    private static final Map<String, String> NEW_LOCAL = Map.of("history.jsonl", "h2 local edit\n",
            "sessions/b.jsonl", "b2 cloud edit\n", "sessions/c.jsonl", "c new local\n");

    private ApplyKit scenario(Path root, Compression compression) throws Exception {
        ApplyKit k = new ApplyKit(root, "laptop");
        k.backup = new BackupOptions(true, 30, 0, compression);
        k.options = k.options.withDeletePolicy(DeletePolicy.PROPAGATE).withMaxDeletePercent(100);
        OLD_LOCAL.forEach((p, c) -> write(k.local, p, c, T0));
        for (int i = 0; i < 6; i++) {
            write(k.local, "skills/s" + i + "/SKILL.md", "skill " + i, T0);
        }
        k.sync();
        k.runStart = java.time.Instant.parse("2026-11-25T12:00:00Z");
        write(k.local, "history.jsonl", "h2 local edit\n", T0 + 100);   // overwrite cloud
        write(k.cloud, "sessions/b.jsonl", "b2 cloud edit\n", T0 + 100); // overwrite local
        write(k.local, "sessions/c.jsonl", "c new local\n", T0 + 100);   // new file to cloud
        Files.delete(k.local.resolve("sessions/d.jsonl"));             // deletion to propagate
        return k;
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void a_crash_at_any_step_leaves_old_or_new_and_recovery_reaches_the_uninterrupted_state(Compression c)
            throws Exception {
        ApplyKit reference = scenario(dir.resolve("reference"), c);
        List<ApplyStep> steps = new ArrayList<>();
        reference.sync((step, path) -> steps.add(step));
        SortedMap<String, String> finalLocal = SyncFixtures.contents(reference.local);
        SortedMap<String, String> finalCloud = SyncFixtures.contents(reference.cloud);
        assertEquals(finalLocal, finalCloud);
        assertTrue(steps.contains(ApplyStep.STAGED) && steps.contains(ApplyStep.BACKED_UP), steps.toString());

        for (int crashAt = 1; crashAt <= steps.size(); crashAt++) {
            ApplyKit k = scenario(dir.resolve("trial-" + crashAt), c);
            SortedMap<String, String> beforeLocal = SyncFixtures.contents(k.local);
            SortedMap<String, String> beforeCloud = SyncFixtures.contents(k.cloud);
            AtomicInteger n = new AtomicInteger();
            int target = crashAt;
            assertThrows(SimulatedCrash.class, () -> k.sync((step, path) -> {
                if (n.incrementAndGet() == target) {
                    throw new SimulatedCrash(step, path);
                }
            }));
            String at = "crash at step " + crashAt + " (" + steps.get(crashAt - 1) + ")";
            assertOldOrNew(k.local, beforeLocal, finalLocal, at);
            assertOldOrNew(k.cloud, beforeCloud, finalCloud, at);

            JournalRecovery.Outcome outcome = JournalRecovery.recover(Journal.fileFor(k.temp, "laptop"));
            assertTrue(outcome.recovered(), at);
            assertEquals(0, outcome.leftAlone(), at + ": " + outcome.lines());
            assertFalse(Files.exists(Journal.fileFor(k.temp, "laptop")), at + ": journal closed");
            k.sync();
            assertEquals(finalLocal, SyncFixtures.contents(k.local), at);
            assertEquals(finalCloud, SyncFixtures.contents(k.cloud), at);
            assertNoStaging(dir.resolve("trial-" + crashAt), at);
            assertTrue(k.plan().actions().isEmpty(), at + ": a further run plans nothing");
            assertOldVersionsBackedUp(k, at);
        }
    }

    @Test
    void recovery_without_a_journal_does_nothing() throws Exception {
        JournalRecovery.Outcome o = JournalRecovery.recover(dir.resolve("none.journal"));
        assertFalse(o.recovered());
        assertEquals(List.of(), o.lines());
    }

    @Test
    void a_start_record_without_its_folders_is_refused_naming_the_journal_and_changes_nothing() throws Exception {
        Path journal = dir.resolve("edited.journal");
        String text = "{\"op\":\"start\",\"journal_version\":2,\"command\":\"sync --apply\",\"machine_id\":\"m\","
                + "\"started\":\"t\",\"cloud\":\"/x\",\"actions\":0}\n";
        Files.writeString(journal, text);
        codexsync.core.SafeAbortException e = assertThrows(codexsync.core.SafeAbortException.class,
                () -> JournalRecovery.recover(journal));
        assertEquals(5, e.status().code());
        assertTrue(e.getMessage().contains("does not say where") && e.getMessage().contains(journal.toString()),
                e.getMessage());
        assertEquals(text, Files.readString(journal), "the journal is kept for a human to look at");
    }

    @Test
    void the_inspector_describes_an_interrupted_run_without_changing_it() throws Exception {
        ApplyKit k = scenario(dir, Compression.NONE);
        AtomicInteger n = new AtomicInteger();
        assertThrows(SimulatedCrash.class, () -> k.sync((step, path) -> {
            if (step == ApplyStep.MOVED && n.incrementAndGet() == 2) {
                throw new SimulatedCrash(step, path);
            }
        }));
        Path journal = Journal.fileFor(k.temp, "laptop");
        byte[] before = Files.readAllBytes(journal);
        String d = JournalRecovery.describe(journal).orElseThrow();
        assertTrue(d.contains("interrupted sync --apply") && d.contains("1 of 4"), d);
        assertEquals(new String(before), new String(Files.readAllBytes(journal)));
    }

    private static void assertOldOrNew(Path root, Map<String, String> before, Map<String, String> after,
                                       String at) {
        SortedMap<String, String> now = SyncFixtures.contents(root);
        for (Map.Entry<String, String> e : now.entrySet()) {
            String rel = e.getKey();
            if (StagingNames.isStaging(Path.of(rel).getFileName().toString())) {
                continue; // a leftover staging file is not a synced file; recovery must remove it (checked later)
            }
            boolean isOld = e.getValue().equals(before.get(rel));
            boolean isNew = e.getValue().equals(after.get(rel));
            assertTrue(isOld || isNew, at + ": " + root + "/" + rel + " is neither old nor new: " + e.getValue());
        }
        for (String rel : before.keySet()) {
            if (!now.containsKey(rel)) {
                assertFalse(after.containsKey(rel), at + ": " + rel + " vanished but should exist");
            }
        }
    }

    private static void assertNoStaging(Path root, String at) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(List.of(), s.filter(p -> StagingNames.isStaging(p.getFileName().toString())).toList(), at);
        }
    }

    /** The two overwritten files and the deleted one have their old versions in some snapshot of this machine. */
    private static void assertOldVersionsBackedUp(ApplyKit k, String at) throws Exception {
        List<String> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(k.backups)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (p.toString().endsWith(".zip")) {
                    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(p.toFile())) {
                        for (var e : java.util.Collections.list(z.entries())) {
                            all.add(new String(z.getInputStream(e).readAllBytes()));
                        }
                    }
                } else {
                    all.add(Files.readString(p));
                }
            }
        }
        for (String old : List.of("h1\n", "b1\n", "d1\n")) {
            assertTrue(all.contains(old), at + ": old version " + old.strip() + " is in a backup");
        }
    }
}
