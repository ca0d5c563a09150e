// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.RuntimeFailureException;
import codexsync.fs.FileHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare = mtime_hash_fallback's hasher: files announced by the planner are hashed once, together. */
class LazyContentHashesTest {
    @TempDir
    Path dir;

    private Path write(Path root, String rel, String content) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content, StandardCharsets.UTF_8);
    }

    @Test
    void prefetched_hashes_are_the_files_hashes_and_are_never_computed_twice() throws Exception {
        Path local = dir.resolve("local");
        Path cloud = dir.resolve("cloud");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String rel = "sessions/2026/12/0" + (i % 3) + "/r" + i + ".jsonl";
            write(local, rel, "local " + i + "\n".repeat(i));
            write(cloud, rel, i % 2 == 0 ? "local " + i + "\n".repeat(i) : "cloud " + i);
            paths.add(rel);
        }
        LazyContentHashes hashes = new LazyContentHashes(local, cloud);
        assertNull(hashes.cloudIfHashed(paths.get(0)), "nothing is read before it is asked for");

        hashes.prefetch(paths);
        assertEquals(60, hashes.computed());
        for (String rel : paths) {
            assertEquals(FileHasher.sha256(local.resolve(rel)), hashes.local(rel));
            assertEquals(FileHasher.sha256(cloud.resolve(rel)), hashes.cloud(rel));
            assertEquals(hashes.cloud(rel), hashes.cloudIfHashed(rel));
        }
        hashes.prefetch(paths.subList(0, 5));
        assertEquals(60, hashes.computed(), "asking again reads nothing");
    }

    @Test
    void a_file_gone_before_it_is_hashed_is_a_runtime_failure_naming_it() throws Exception {
        Path local = dir.resolve("local");
        Path cloud = dir.resolve("cloud");
        write(local, "a.md", "a");
        write(cloud, "a.md", "a");
        write(local, "b.md", "b");
        LazyContentHashes hashes = new LazyContentHashes(local, cloud);
        RuntimeFailureException e = assertThrows(RuntimeFailureException.class,
                () -> hashes.prefetch(List.of("a.md", "b.md")));
        assertTrue(e.getMessage().contains(cloud.resolve("b.md").toString()), e.getMessage());
    }
}
