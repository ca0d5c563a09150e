// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.ProcessRun.Result;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the 0.1.1 reference (shared/spec/BEHAVIOUR.md) checked through ./jbang, as a user runs it. */
class ReferenceBehaviourTest {
    @TempDir
    Path tmp;

    private Path config() {
        SyncFixtures.write(tmp.resolve("home"), "sessions/a.jsonl", "a\n", SyncFixtures.T0);
        return SyncFixtures.config(tmp.resolve("config.toml"), "laptop", tmp.resolve("home"), tmp.resolve("ws"),
                Map.of());
    }

    /** §3.1 "apply of an empty plan deletes temp/nested/leftover.tmp"; 0.2 spares ones younger than an hour. */
    @Test
    void sync_apply_removes_temp_dir_leftovers_older_than_an_hour_whatever_made_them() throws IOException {
        Path cfg = config();
        Result first = ProcessRun.codexsync(Map.of(), "-c", cfg.toString(), "sync", "--apply");
        assertEquals(0, first.code(), first.toString());
        Path temp = tmp.resolve("ws/.tmp");
        Path old = temp.resolve("nested/leftover.tmp");
        Path young = temp.resolve("nested/fresh.tmp");
        Path notTmp = temp.resolve("nested/notes.txt");
        for (Path p : new Path[] {old, young, notTmp}) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "left by something");
        }
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(old, twoHoursAgo);
        Files.setLastModifiedTime(notTmp, twoHoursAgo);

        Result r = ProcessRun.codexsync(Map.of(), "-c", cfg.toString(), "sync", "--apply"); // an empty plan
        assertEquals(0, r.code(), r.toString());
        assertFalse(Files.exists(old), r.toString());
        assertTrue(Files.exists(young), "a younger one may be another machine's write in progress");
        assertTrue(Files.exists(notTmp), "only *.tmp files are leftovers");
        assertTrue(r.out().contains("Removed 1 leftover temporary file(s) older than an hour"), r.toString());
    }

    /** §2.8: {@code --from NAME} that matches nothing is exit 4 {@code Backup snapshot not found: NAME}. */
    @Test
    void restore_from_a_missing_snapshot_names_it_with_exit_4() {
        Path cfg = config();
        Result r = ProcessRun.codexsync(Map.of(), "-c", cfg.toString(), "restore", "--from", "missing");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("codexsync: Backup snapshot not found: missing"), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
