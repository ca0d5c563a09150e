// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.BackupOptions.Compression;
import codexsync.fs.AtomicFiles;
import codexsync.fs.FileHasher;
import codexsync.fs.StagingNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot written by BackupWriter (folder or zip) reads back through the catalog and restores byte for byte. */
class SnapshotRoundTripTest {
    @TempDir
    Path dir;

    private static final Instant RUN = Instant.parse("2026-12-01T10:00:00.750Z");

    @ParameterizedTest
    @EnumSource(Compression.class)
    void what_is_backed_up_reads_back_and_restores_with_content_side_hash_and_mtime(Compression c) throws Exception {
        Path local = dir.resolve("home");
        Path cloud = dir.resolve("cloud");
        Path a = write(local.resolve("sessions/ä b.jsonl"), "local a\n", 1_700_000_000_000L);
        Path b = write(cloud.resolve("sessions/ä b.jsonl"), "cloud a, same path\n", 1_700_000_100_000L);
        Path h = write(local.resolve("history.jsonl"), "h\n", 1_700_000_200_000L);
        Path backups = dir.resolve("backups");
        BackupWriter writer = new BackupWriter(backups, "laptop", RUN, c, "sync --apply");
        String name = writer.nextName();
        assertEquals("laptop-20261201T100000Z", name);
        SnapshotResult written = writer.write(name, List.of(
                new BackupItem("sessions/ä b.jsonl", a, BackupItem.LOCAL, BackupItem.OVERWRITTEN),
                new BackupItem("sessions/ä b.jsonl", b, BackupItem.CLOUD, BackupItem.OVERWRITTEN),
                new BackupItem("history.jsonl", h, BackupItem.LOCAL, BackupItem.DELETED))).orElseThrow();
        assertEquals("laptop-20261201T100000Z-2", writer.nextName(), "a snapshot name is never reused");
        try (Stream<Path> s = Files.list(backups)) {
            assertEquals(List.of(written.location().getFileName().toString()),
                    s.map(p -> p.getFileName().toString()).toList(), "no staging entry is left beside it");
        }

        try (OpenSnapshot open = OpenSnapshot.open(new SnapshotCatalog(backups).resolve(name))) {
            assertTrue(open.hasManifest());
            assertEquals(3, open.entries().size());
            for (SnapshotEntry e : open.entries()) {
                Path original = (e.side().equals("local") ? local : cloud).resolve(e.path());
                assertEquals(FileHasher.sha256(original), e.sha256(), e.toString());
                assertEquals(Files.size(original), e.size());
                Path restored = dir.resolve("restored-" + e.side()).resolve(e.path());
                AtomicFiles.commit(open.stageTo(e, restored));
                assertEquals(Files.readString(original), Files.readString(restored));
                assertEquals(Files.getLastModifiedTime(original), Files.getLastModifiedTime(restored));
            }
            assertEquals(written.entries().get(1).entry(), open.entries().get(1).entry(),
                    "the second copy of a path gets its own entry name");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertFalse(s.anyMatch(p -> StagingNames.isStaging(p.getFileName().toString())));
        }
    }

    @Test
    void nothing_to_back_up_writes_nothing() throws Exception {
        Path backups = dir.resolve("backups");
        BackupWriter writer = new BackupWriter(backups, "laptop", RUN, Compression.ZIP, "restore --apply");
        assertTrue(writer.write(writer.nextName(), List.of()).isEmpty());
        assertFalse(Files.exists(backups));
    }

    private static Path write(Path file, String content, long mtimeMillis) throws Exception {
        AtomicFiles.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
        return file;
    }
}
