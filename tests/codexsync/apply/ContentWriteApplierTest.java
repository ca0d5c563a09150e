// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.read;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.backup.BackupWriter;
import codexsync.core.Json;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Produced writes (D29) as WriteEngine actions (Merge, Inflate) planned by PlanApplier: backed up, journaled,
 * staged, atomic, recoverable; recovery tells a merged side by its staged hash and never finishes a merge itself.
 */
class ContentWriteApplierTest {
    static final String BASE = h("s0", 100, "base");
    static final String A = BASE + h("sa", 200, "from A");
    static final String B = BASE + h("sb", 150, "from B");
    static final String MERGED = BASE + h("sb", 150, "from B") + h("sa", 200, "from A");

    @TempDir
    Path dir;

    static String h(String sid, long ts, String text) {
        return "{\"session_id\":\"" + sid + "\",\"ts\":" + ts + ",\"text\":\"" + text + "\"}\n";
    }

    private ApplyKit kit() {
        ApplyKit k = new ApplyKit(dir, "laptop");
        k.appendOnlyRules = true;
        return k;
    }

    @Test
    void a_diverged_history_is_merged_into_both_sides_after_both_old_versions_are_backed_up() throws Exception {
        ApplyKit k = kit();
        write(k.local, "history.jsonl", A, T0 + 50);
        write(k.cloud, "history.jsonl", B, T0 + 100); // newer, and shorter: "newer wins" would drop A's prompt
        ApplyResult r = k.sync();
        assertEquals(MERGED, read(k.local, "history.jsonl"));
        assertEquals(MERGED, read(k.cloud, "history.jsonl"));
        assertEquals(2, r.produced().size());
        assertEquals(2, r.backedUp());
        Map<String, String> backedUp = new HashMap<>();
        Map<String, Object> manifest = Json.parseObject(Files.readString(k.backups.resolve(r.snapshot())
                .resolve(BackupWriter.MANIFEST)));
        for (Object o : (List<?>) manifest.get("files")) {
            Map<?, ?> f = (Map<?, ?>) o;
            backedUp.put((String) f.get("side"), Files.readString(k.backups.resolve(r.snapshot())
                    .resolve((String) f.get("entry"))));
        }
        assertEquals(Map.of("local", A, "cloud", B), backedUp);
        assertFalse(Files.exists(k.ctx(ApplyHooks.NONE).journalFile()), "the run closed its journal");
        assertEquals(Files.getLastModifiedTime(k.local.resolve("history.jsonl")),
                Files.getLastModifiedTime(k.cloud.resolve("history.jsonl")));
        ApplyResult again = k.sync();
        assertTrue(again.outcomes().isEmpty() && again.produced().isEmpty(), "merged sides agree: nothing to do");
        assertEquals(List.of(), staging(k.local));
        assertEquals(List.of(), staging(k.cloud));
    }

    @ParameterizedTest
    @EnumSource(value = ApplyStep.class, names = {"INTENT_RECORDED", "STAGED", "MOVED", "DONE"})
    void a_crash_anywhere_in_a_merge_leaves_each_side_old_or_merged_and_the_next_sync_finishes(ApplyStep at)
            throws Exception {
        ApplyKit k = kit();
        write(k.local, "history.jsonl", A, T0 + 50);
        write(k.cloud, "history.jsonl", B, T0 + 100);
        int[] seen = {0};
        // crash at the second occurrence: the cloud side, after the local side went through the same step
        assertThrows(SimulatedCrash.class, () -> k.sync((step, path) -> {
            if (step == at && "history.jsonl".equals(path) && ++seen[0] == 2) {
                throw new SimulatedCrash(step, path);
            }
        }));
        assertTrue(Files.exists(k.ctx(ApplyHooks.NONE).journalFile()));
        for (Path side : List.of(k.local, k.cloud)) {
            String now = read(side, "history.jsonl");
            assertTrue(now.equals(MERGED) || now.equals(side == k.local ? A : B), at + ": " + now);
        }
        k.sync(); // recovers, then plans and merges again
        assertEquals(MERGED, read(k.local, "history.jsonl"));
        assertEquals(MERGED, read(k.cloud, "history.jsonl"));
        assertEquals(List.of(), staging(k.local));
        assertEquals(List.of(), staging(k.cloud));
    }

    @Test
    void recovery_counts_a_side_holding_the_staged_merge_as_done_and_never_rolls_a_merge_forward() throws Exception {
        ApplyKit k = kit();
        write(k.local, "history.jsonl", A, T0 + 50);
        write(k.cloud, "history.jsonl", B, T0 + 100);
        // Killed right after the local side's rename, before its done record: local is merged, cloud untouched.
        assertThrows(SimulatedCrash.class, () -> k.sync((step, path) -> {
            if (step == ApplyStep.MOVED) {
                throw new SimulatedCrash(step, path);
            }
        }));
        Path journal = k.ctx(ApplyHooks.NONE).journalFile();
        assertTrue(Files.readString(journal).contains("\"op\":\"staged\""), "the merged hash was journaled");
        JournalRecovery.Outcome done = JournalRecovery.recover(journal);
        assertEquals(1, done.alreadyDone(), done.lines().toString());
        assertEquals(0, done.finished() + done.rolledBack(), done.lines().toString());
        assertEquals(MERGED, read(k.local, "history.jsonl"));
        assertEquals(B, read(k.cloud, "history.jsonl"));

        ApplyKit k2 = new ApplyKit(dir.resolve("second"), "laptop");
        k2.appendOnlyRules = true;
        write(k2.local, "history.jsonl", A, T0 + 50);
        write(k2.cloud, "history.jsonl", B, T0 + 100);
        // Killed with the local merge staged but not renamed: recovery leaves it old, it does not merge itself.
        assertThrows(SimulatedCrash.class, () -> k2.sync((step, path) -> {
            if (step == ApplyStep.STAGED) {
                throw new SimulatedCrash(step, path);
            }
        }));
        JournalRecovery.Outcome back = JournalRecovery.recover(k2.ctx(ApplyHooks.NONE).journalFile());
        assertEquals(1, back.rolledBack(), back.lines().toString());
        assertEquals(0, back.finished() + back.alreadyDone(), back.lines().toString());
        assertEquals(A, read(k2.local, "history.jsonl"), "never rolled forward");
        assertEquals(List.of(), staging(k2.local), "its staging file is removed");
        k2.sync();
        assertEquals(MERGED, read(k2.local, "history.jsonl"), "the next sync merges again");
        assertEquals(MERGED, read(k2.cloud, "history.jsonl"));
    }

    @Test
    void a_longer_zst_replaces_a_stale_plain_twin_with_its_decompressed_content() throws Exception {
        ApplyKit k = kit();
        String rel = "sessions/2026/11/20/rollout-2026-11-20T10-00-00-abc.jsonl";
        String full = "{\"type\":\"session_meta\"}\n{\"type\":\"event_msg\"}\n";
        write(k.cloud, rel, "{\"type\":\"session_meta\"}\n", T0 + 500);
        Path zst = k.local.resolve(rel + ".zst");
        Files.createDirectories(zst.getParent());
        Files.write(zst, zstd(full));
        Files.setLastModifiedTime(zst, FileTime.fromMillis(T0 * 1000));
        ApplyResult r = k.sync();
        assertEquals(full, read(k.cloud, rel), "the cloud's plain twin now holds the longer content");
        assertFalse(Files.exists(k.local.resolve(rel)), "the local plain twin Codex deleted is not brought back");
        assertFalse(Files.exists(k.cloud.resolve(rel + ".zst")));
        assertEquals(1, r.produced().size());
        assertEquals(1, r.backedUp());
        assertTrue(k.sync().produced().isEmpty(), "one logical file, equal now");
    }

    static byte[] zstd(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static List<String> staging(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> codexsync.fs.StagingNames.isStaging(n)).toList();
        }
    }
}
