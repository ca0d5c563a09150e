// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHA-256 of files: streamed in chunks, many at once on every core, in input order; copies hash what they write. */
class FileHasherTest {
    /** Longer than one 1 MiB chunk and not a multiple of it, so chunk borders are crossed. */
    private static final int LARGE = 3 * 1024 * 1024 + 17;

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void known_digests_of_small_files_and_a_file_larger_than_one_chunk() throws Exception {
        // FIPS 180-2 test vector and the empty string's digest: independent of this code.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FileHasher.sha256(write("abc", "abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                FileHasher.sha256(write("empty", new byte[0])));
        byte[] large = random(LARGE, 1);
        assertEquals(FileHasher.sha256(large), FileHasher.sha256(write("large", large)));
    }

    @Test
    void many_files_hashed_in_parallel_give_the_sequential_hashes_in_input_order() throws Exception {
        List<Path> files = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Sizes vary a lot so workers finish out of order; the result must not.
            byte[] content = random(i % 7 == 0 ? LARGE : i * 1000, i);
            files.add(write("f" + i, content));
            expected.add(FileHasher.sha256(content));
        }
        List<Path> reversed = new ArrayList<>(files);
        java.util.Collections.reverse(reversed);
        List<String> reversedExpected = new ArrayList<>(expected);
        java.util.Collections.reverse(reversedExpected);

        assertEquals(expected, FileHasher.sha256All(files));
        assertEquals(reversedExpected, FileHasher.sha256All(reversed));
        assertEquals(List.of(expected.get(3)), FileHasher.sha256All(List.of(files.get(3))));
        assertEquals(List.of(), FileHasher.sha256All(List.of()));
    }

    @Test
    void a_file_deleted_before_its_turn_fails_the_call_naming_it_without_hanging() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(write("f" + i, random(50_000, i)));
        }
        Path gone = files.get(11);
        Files.delete(gone);
        // A hang guard only (a worker left waiting would block forever), not a speed target.
        NoSuchFileException e = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> assertThrows(NoSuchFileException.class, () -> FileHasher.sha256All(files)));
        assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
    }

    @Test
    void an_unreadable_entry_is_reported_with_its_name_and_the_lowest_one_wins() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(write("f" + i, random(10_000, i)));
        }
        // A folder where a file is expected cannot be read even by root (tests here may run as root).
        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        files.set(4, folder);
        files.set(9, Files.createDirectory(dir.resolve("another-folder")));
        IOException e = assertThrows(IOException.class, () -> FileHasher.sha256All(files));
        assertTrue(e.getMessage().contains("cannot hash " + folder), e.getMessage());
    }

    @Test
    void a_copy_hashes_what_it_writes_and_keeps_bytes_and_mtime() throws Exception {
        byte[] content = random(LARGE, 7);
        Path src = write("src.jsonl", content);
        FileTime mtime = FileTime.fromMillis(1_700_000_000_123L);
        Files.setLastModifiedTime(src, mtime);
        Path dst = dir.resolve("out/dst.jsonl");

        AtomicFiles.CopyResult r = AtomicFiles.copy(src, dst, FileHasher.sha256(content));

        assertArrayEquals(content, Files.readAllBytes(dst));
        assertEquals(FileHasher.sha256(dst), r.sha256(), "the hash computed while copying is the destination's");
        assertEquals(LARGE, r.size());
        assertEquals(mtime, Files.getLastModifiedTime(dst));
    }

    @Test
    void a_staged_stream_write_in_odd_pieces_hashes_the_whole_content() throws Exception {
        byte[] content = random(200_000, 3);
        Path dst = dir.resolve("written");
        AtomicFiles.CopyResult r;
        try (StagedWrite w = StagedWrite.open(dst)) {
            w.stream().write(content[0]);
            w.stream().write(content, 1, 99_999);
            w.stream().write(content, 100_000, 100_000);
            r = w.finish();
            w.commit();
        }
        assertArrayEquals(content, Files.readAllBytes(dst));
        assertEquals(FileHasher.sha256(content), r.sha256());
        assertEquals(content.length, r.size());
    }
}
