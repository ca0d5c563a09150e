// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.read;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.SyncFixtures;
import codexsync.testsupport.SyncthingPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's story over a real cloud client: two Syncthing instances (the project's {@link SyncthingPair}) sync
 * machine A's and machine B's workspace folders. A appends a prompt and syncs; B, whose Syncthing has not delivered
 * it (the pair is paused), syncs, then appends its own prompt; after delivery B syncs again, then A. Both prompts
 * must be in both histories, each once, and Syncthing must not have forked any file of the workspace (no
 * {@code *.sync-conflict-*} anywhere: per-machine state files, D27). Every codexsync step runs through
 * {@code ./jbang}.
 */
class SyncthingHistoryMergeTest {
    @TempDir
    Path dir;
    SyncthingPair pair;

    @AfterEach
    void down() {
        if (pair != null) {
            pair.close();
        }
    }

    private Path home(String m) {
        return dir.resolve(m + "/.codex");
    }

    private Path ws(String m) {
        return dir.resolve(m + "/Sync/codexsync"); // the folder each machine's Syncthing shares
    }

    private void sync(String m) {
        Path cfg = SyncFixtures.config(dir.resolve("config-" + m + ".toml"), m, home(m), ws(m), Map.of());
        ProcessRun.Result r = ProcessRun.codexsync(Map.of(), "-c", cfg.toString(), "sync", "--apply");
        assertEquals(0, r.code(), m + ": " + r);
    }

    private void waitSynced() {
        pair.awaitInStep(Duration.ofSeconds(120));
    }

    private static String prompt(String sid, long ts, String text) {
        return "{\"session_id\":\"" + sid + "\",\"ts\":" + ts + ",\"text\":\"" + text + "\"}\n";
    }

    private static void append(Path root, String rel, String line, long mtimeSeconds) throws IOException {
        Path f = root.resolve(rel);
        Files.writeString(f, Files.readString(f) + line);
        Files.setLastModifiedTime(f, FileTime.fromMillis(mtimeSeconds * 1000));
    }

    @Test
    void a_prompt_delivered_late_is_merged_not_replaced_over_a_real_syncthing_pair() throws Exception {
        Assumptions.assumeTrue(SyncthingPair.available(), "syncthing is not on PATH: the real-cloud-client tests "
                + "need it (.ci/run installs the Debian package syncthing)");
        Files.createDirectories(ws("A"));
        Files.createDirectories(ws("B"));
        pair = SyncthingPair.start(ws("A"), ws("B"), dir.resolve("syncthing"));

        String h = prompt("s0", 100, "shared start");
        String pa = prompt("sa", 200, "prompt typed on A");
        String pb = prompt("sb", 300, "prompt typed on B");
        write(home("A"), "history.jsonl", h, T0);
        Files.createDirectories(home("B"));
        sync("A");
        waitSynced();
        sync("B");
        waitSynced();
        assertEquals(h, read(home("B"), "history.jsonl"));

        pair.pause();
        append(home("A"), "history.jsonl", pa, T0 + 200);
        sync("A");
        sync("B"); // Syncthing has not delivered A's prompt
        append(home("B"), "history.jsonl", pb, T0 + 300);
        pair.resume();
        waitSynced();
        sync("B");
        waitSynced();
        sync("A");
        waitSynced();

        for (String m : List.of("A", "B")) {
            String history = read(home(m), "history.jsonl");
            assertEquals(h + pa + pb, history, m);
            assertEquals(h + pa + pb, read(ws(m).resolve("sync"), "history.jsonl"), m + "'s cloud folder");
        }
        for (String m : List.of("A", "B")) {
            try (Stream<Path> s = Files.walk(ws(m))) {
                List<String> forks = s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".sync-conflict-"))
                        .toList();
                assertTrue(forks.isEmpty(), "Syncthing forked files in " + m + "'s workspace: " + forks);
            }
        }
    }
}
