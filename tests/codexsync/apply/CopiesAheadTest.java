// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.RuntimeFailureException;
import codexsync.fs.StagingNames;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write engine stages copies ahead on several threads ({@link CopiesAhead}) while it renames them in order: each
 * copy's intent is journaled before its staging starts, later copies really are staged while an earlier one waits,
 * and a copy that fails ahead fails the run at its own turn, with every earlier file new, every later one untouched
 * and no staging file left.
 */
class CopiesAheadTest {
    @TempDir
    Path dir;

    private static final int FILES = 3 * CopiesAhead.WINDOW;

    private ApplyKit kitWithNewLocalFiles() {
        ApplyKit k = new ApplyKit(dir, "laptop");
        for (int i = 0; i < FILES; i++) {
            write(k.local, String.format("sessions/2026/01/%02d/s%03d.jsonl", 1 + i % 3, i), ("line " + i + "\n")
                    .repeat(50 + i), T0 + i);
        }
        return k;
    }

    @Test
    void later_copies_are_staged_while_the_first_waits_for_its_rename() throws Exception {
        ApplyKit k = kitWithNewLocalFiles();
        List<String> othersStaged = new ArrayList<>();
        k.sync((step, path) -> {
            if (step == ApplyStep.STAGED && othersStaged.isEmpty()) {
                // This thread holds copy 0 before its rename; only the staging threads can make the next ones.
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (othersStaged.isEmpty() && System.nanoTime() < deadline) {
                    stagingFiles(k.cloud).stream().filter(s -> !s.contains(Path.of(path).getFileName().toString()))
                            .forEach(othersStaged::add);
                    Thread.onSpinWait();
                }
                assertFalse(othersStaged.isEmpty(), "no later copy was staged while " + path + " waited");
            }
        });
        assertEquals(SyncFixtures.contents(k.local), SyncFixtures.contents(k.cloud));
        assertEquals(List.of(), stagingFiles(k.cloud));
    }

    @Test
    void every_copy_is_journaled_before_its_staging_starts() throws Exception {
        ApplyKit k = kitWithNewLocalFiles();
        List<String> early = new ArrayList<>();
        List<String> journaled = new ArrayList<>();
        k.sync((step, path) -> {
            if (step == ApplyStep.INTENT_RECORDED) {
                journaled.add(path);
                String name = "." + Path.of(path).getFileName() + ".";
                if (stagingFiles(k.cloud).stream().anyMatch(s -> s.startsWith(name))
                        || Files.exists(k.cloud.resolve(path))) {
                    early.add(path);
                }
            }
        });
        assertEquals(FILES, journaled.size());
        assertEquals(List.of(), early, "staged or written before its intent was journaled");
    }

    @Test
    void a_copy_that_fails_ahead_fails_the_run_at_its_turn_and_leaves_no_staging_file() throws Exception {
        ApplyKit k = kitWithNewLocalFiles();
        List<String> order = new ArrayList<>();
        k.plan().actions().forEach(a -> order.add(a.path()));
        String failing = order.get(CopiesAhead.WINDOW + 3);
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class, () -> k.sync((step, path) -> {
            if (step == ApplyStep.BACKED_UP || step == ApplyStep.JOURNAL_STARTED) {
                try {
                    // Its intent can still be journaled (a folder has a size and an mtime), but its copy ahead fails
                    // reading it, on a staging thread.
                    Files.deleteIfExists(k.local.resolve(failing));
                    Files.createDirectory(k.local.resolve(failing));
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            }
        }));
        assertTrue(e.getMessage().contains(failing), e.getMessage());
        int failedAt = order.indexOf(failing);
        for (int i = 0; i < order.size(); i++) {
            assertEquals(i < failedAt, Files.exists(k.cloud.resolve(order.get(i))), order.get(i) + " (index " + i
                    + "): only the copies before the failing one are renamed into place");
        }
        assertEquals(List.of(), stagingFiles(k.cloud), "every staged copy ahead is removed");
        assertTrue(Files.exists(Journal.fileFor(k.temp, "laptop")), "the journal stays for the next run's recovery");

        // Recovery finishes the copies journaled after the failing one (their sources are unchanged) and leaves the
        // failing one (its source is no file now); the rerun copies what is left.
        JournalRecovery.Outcome recovery = JournalRecovery.recover(Journal.fileFor(k.temp, "laptop"));
        assertEquals(1, recovery.rolledBack(), recovery.lines().toString());
        ApplyResult again = k.sync();
        assertEquals(FILES - 1 - failedAt, recovery.finished() + again.count(ActionOutcome.Kind.COPIED),
                "every other file is copied by recovery or the rerun");
        assertEquals(SyncFixtures.contents(k.local), SyncFixtures.contents(k.cloud));
        assertEquals(List.of(), stagingFiles(k.cloud));
    }

    private static List<String> stagingFiles(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> p.getFileName().toString()).filter(StagingNames::isStaging).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // a staging file renamed or removed mid-walk; the caller looks again
        }
    }
}
