// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged, flushed, atomically renamed writes every other package relies on (D18). */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_write_replaces_the_whole_file_and_leaves_no_staging_file() throws Exception {
        Path f = dir.resolve("a/b/state.json");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeString(f, "new and longer");
        assertEquals("new and longer", Files.readString(f));
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> StagingNames.isStaging(p.getFileName().toString())).toList());
        }
    }

    @Test
    void a_copy_keeps_the_source_mtime_and_reports_size_and_hash() throws Exception {
        Path src = Files.writeString(dir.resolve("src.jsonl"), "line\n");
        Files.setLastModifiedTime(src, FileTime.fromMillis(1_700_000_000_123L));
        AtomicFiles.CopyResult r = AtomicFiles.copy(src, dir.resolve("dst.jsonl"), null);
        assertEquals(5, r.size());
        assertEquals(FileHasher.sha256("line\n".getBytes(StandardCharsets.UTF_8)), r.sha256());
        assertEquals(Files.getLastModifiedTime(src), Files.getLastModifiedTime(dir.resolve("dst.jsonl")));
    }

    @Test
    void a_copy_whose_source_changed_since_planning_leaves_the_destination_untouched() throws Exception {
        Path src = Files.writeString(dir.resolve("src"), "changed since the plan");
        Path dst = Files.writeString(dir.resolve("dst"), "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.copy(src, dst, "00".repeat(32)));
        assertTrue(e.getMessage().contains("does not match the hash"), e.getMessage());
        assertEquals("old", Files.readString(dst));
        assertEquals(List.of("dst", "src"), names());
    }

    @Test
    void a_staged_copy_waits_beside_its_destination_until_committed_or_discarded() throws Exception {
        Path src = Files.writeString(dir.resolve("src"), "new");
        Path dst = Files.writeString(dir.resolve("dst"), "old");
        AtomicFiles.Staged staged = AtomicFiles.stageCopy(src, dst, null);
        assertEquals(dir, staged.staging().getParent(), "staged in the destination's own folder");
        assertEquals("old", Files.readString(dst));
        AtomicFiles.commit(staged);
        assertEquals("new", Files.readString(dst));
        assertEquals(List.of("dst", "src"), names());

        AtomicFiles.Staged dropped = AtomicFiles.stageCopy(src, dir.resolve("other"), null);
        AtomicFiles.discard(dropped);
        assertEquals(List.of("dst", "src"), names());
    }

    @Test
    void a_staged_write_closed_without_commit_leaves_nothing_and_publish_never_replaces() throws Exception {
        try (StagedWrite w = StagedWrite.open(dir.resolve("never"))) {
            w.stream().write(new byte[] {1, 2, 3});
        }
        assertEquals(List.of(), names());
        Path taken = Files.writeString(dir.resolve("snapshot.zip"), "first");
        try (StagedWrite w = StagedWrite.open(taken)) {
            w.stream().write(new byte[] {4});
            assertThrows(FileAlreadyExistsException.class, w::publish);
        }
        assertEquals("first", Files.readString(taken));
        assertEquals(List.of("snapshot.zip"), names());
    }

    @Test
    void an_unhashed_staged_write_is_staged_and_renamed_the_same_way_and_reports_no_hash() throws Exception {
        Path target = Files.writeString(dir.resolve("state.json"), "old");
        try (StagedWrite w = StagedWrite.openUnhashed(target)) {
            w.stream().write("new".getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(w.staging().getFileName().toString(), "state.json"), names(), "staged beside it");
            assertEquals(new AtomicFiles.CopyResult(3, null), w.finish());
            w.commit();
        }
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("state.json"), names());
    }

    @Test
    void staging_names_are_hidden_unique_siblings_that_only_they_match() {
        Path dest = dir.resolve("sessions/rollout.jsonl");
        Path a = StagingNames.stagingFor(dest);
        Path b = StagingNames.stagingFor(dest);
        assertEquals(dest.getParent(), a.getParent());
        assertNotEquals(a, b);
        assertTrue(a.getFileName().toString().startsWith(".rollout.jsonl.codexsync-"));
        assertTrue(StagingNames.isStaging(a.getFileName().toString()));
        for (String other : new String[] {"rollout.jsonl", ".rollout.jsonl.tmp", ".x.codexsync-12.tmp",
                "x.codexsync-0123456789ab.tmp", ".x.codexsync-0123456789AB.tmp"}) {
            assertFalse(StagingNames.isStaging(other), other);
        }
    }

    @Test
    void the_journal_log_appends_whole_lines_and_never_reopens_an_existing_one_as_new() throws Exception {
        Path file = dir.resolve("journal/m.journal");
        try (AppendLog log = AppendLog.createNew(file)) {
            log.append("{\"a\":1}", true);
            log.append("{\"b\":2}", false);
            assertThrows(IllegalArgumentException.class, () -> log.append("two\nlines", true));
        }
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), Files.readAllLines(file));
        assertThrows(FileAlreadyExistsException.class, () -> AppendLog.createNew(file));
        AppendLog.delete(file);
        assertFalse(Files.exists(file));
    }

    /**
     * Inside a batch the renames of many files in a few folders cost one folder fsync per folder, made when the
     * batch closes (before anything durable claims the files); outside one, each rename is made durable at once.
     * (Folder fsyncs exist on POSIX only: elsewhere both counts are zero.)
     */
    @Test
    void a_batch_makes_each_changed_folder_durable_once_when_it_closes() throws Exception {
        Path day1 = Files.createDirectories(dir.resolve("sessions/2026/12/01"));
        Path day2 = Files.createDirectories(dir.resolve("sessions/2026/12/02"));
        boolean posix = !System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win");

        long before = AtomicFiles.FOLDER_SYNCS.get();
        for (int i = 0; i < 10; i++) {
            AtomicFiles.writeString(day1.resolve("alone-" + i + ".jsonl"), "x");
        }
        assertEquals(posix ? 10 : 0, AtomicFiles.FOLDER_SYNCS.get() - before, "one fsync per rename outside a batch");

        before = AtomicFiles.FOLDER_SYNCS.get();
        try (AtomicFiles.FolderSyncs batch = AtomicFiles.deferFolderSyncs()) {
            for (int i = 0; i < 10; i++) {
                AtomicFiles.writeString(day1.resolve("a-" + i + ".jsonl"), "x");
                AtomicFiles.writeString(day2.resolve("b-" + i + ".jsonl"), "y");
            }
            AtomicFiles.delete(day2.resolve("b-0.jsonl"));
            assertEquals(0, AtomicFiles.FOLDER_SYNCS.get() - before, "deferred until the batch closes");
            assertThrows(IllegalStateException.class, AtomicFiles::deferFolderSyncs, "batches do not nest");
        }
        assertEquals(posix ? 2 : 0, AtomicFiles.FOLDER_SYNCS.get() - before, "one fsync per changed folder");
        assertEquals("y", Files.readString(day2.resolve("b-9.jsonl")));

        before = AtomicFiles.FOLDER_SYNCS.get();
        AtomicFiles.writeString(day1.resolve("after.jsonl"), "z");
        assertEquals(posix ? 1 : 0, AtomicFiles.FOLDER_SYNCS.get() - before, "closing ended the batch");
    }
}
