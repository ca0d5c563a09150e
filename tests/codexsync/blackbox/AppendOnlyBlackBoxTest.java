// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.read;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.Json;
import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.SyncFixtures;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D29 as a user meets it, every step through {@code ./jbang codexsync.java}: append-only files are never replaced by
 * "newer wins". Two machines each see their own copy of the cloud folder; {@link #deliver} plays the cloud client
 * (copies one copy's files over the other's, keeping mtimes), so "not delivered yet" is a real state.
 */
class AppendOnlyBlackBoxTest {
    static final String ROLLOUT = "sessions/2026/11/30/rollout-2026-11-30T10-00-00-"
            + "0199a213-81c0-7800-8aa1-bbab2a035a15.jsonl";

    @TempDir
    Path dir;

    static String prompt(String sid, long ts, String text) {
        return "{\"session_id\":\"" + sid + "\",\"ts\":" + ts + ",\"text\":\"" + text + "\"}\n";
    }

    private Path home(String m) {
        return dir.resolve(m + "/.codex");
    }

    private Path ws(String m) {
        return dir.resolve(m + "/cloud-drive/codexsync");
    }

    private Path cfg(String m, String policy) {
        return SyncFixtures.config(dir.resolve("config-" + m + "-" + policy + ".toml"), m, home(m), ws(m),
                Map.of("conflict", "policy = \"" + policy + "\""));
    }

    private ProcessRun.Result cli(String... args) {
        return ProcessRun.codexsync(Map.of(), args);
    }

    private ProcessRun.Result sync(String m, String policy) {
        return cli("-c", cfg(m, policy).toString(), "sync", "--apply");
    }

    /** The cloud client delivers {@code from}'s copy of the cloud folder to {@code to}'s. */
    private void deliver(String from, String to) throws IOException {
        Path src = ws(from).resolve("sync");
        Path dst = ws(to).resolve("sync");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = dst.resolve(src.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void append(Path root, String rel, String line, long mtimeSeconds) throws IOException {
        Path f = root.resolve(rel);
        Files.writeString(f, Files.readString(f) + line);
        Files.setLastModifiedTime(f, FileTime.fromMillis(mtimeSeconds * 1000));
    }

    private static long count(String text, String line) {
        return text.lines().filter(l -> l.equals(line.strip())).count();
    }

    @Test
    void two_machines_append_prompts_while_delivery_lags_and_both_histories_end_with_both_prompts() throws Exception {
        String h = prompt("s0", 100, "shared start");
        String pa = prompt("sa", 200, "prompt typed on A");
        String pb = prompt("sb", 300, "prompt typed on B");
        write(home("A"), "history.jsonl", h, T0);
        Files.createDirectories(home("B"));
        assertEquals(0, sync("A", "manual_abort").code());
        deliver("A", "B");
        assertEquals(0, sync("B", "manual_abort").code());
        assertEquals(h, read(home("B"), "history.jsonl"));

        append(home("A"), "history.jsonl", pa, T0 + 200);
        assertEquals(0, sync("A", "manual_abort").code(), "A syncs its prompt");
        assertEquals(0, sync("B", "manual_abort").code(), "B syncs before the cloud client delivered A's prompt");
        append(home("B"), "history.jsonl", pb, T0 + 300);
        deliver("A", "B");
        ProcessRun.Result b = sync("B", "manual_abort");
        assertEquals(0, b.code(), b.toString());
        assertTrue(b.out().contains("merged: history.jsonl (local, cloud; merged line by line"), b.toString());
        deliver("B", "A");
        ProcessRun.Result a = sync("A", "manual_abort");
        assertEquals(0, a.code(), a.toString());
        for (String m : List.of("A", "B")) {
            String history = read(home(m), "history.jsonl");
            assertEquals(1, count(history, pa), m + ": " + history);
            assertEquals(1, count(history, pb), m + ": " + history);
            assertEquals(h + pa + pb, history, m);
        }
        assertEquals(read(home("A"), "history.jsonl"), read(ws("A").resolve("sync"), "history.jsonl"));
        // B's pre-merge history is in B's backup snapshot, as every overwrite
        try (Stream<Path> s = Files.walk(ws("B").resolve("backups"))) {
            assertTrue(s.filter(Files::isRegularFile).anyMatch(f -> readQuietly(f).equals(h + pb)),
                    "B's old history is backed up");
        }
    }

    @Test
    void a_second_machine_with_its_own_history_keeps_it_on_its_first_sync() throws Exception {
        write(home("A"), "history.jsonl", prompt("sa", 100, "A's old prompt"), T0);
        assertEquals(0, sync("A", "manual_abort").code());
        deliver("A", "B");
        write(home("B"), "history.jsonl", prompt("sb", 150, "B's own prompt"), T0 + 500); // newer file
        ProcessRun.Result b = sync("B", "manual_abort");
        assertEquals(0, b.code(), b.toString());
        String both = prompt("sa", 100, "A's old prompt") + prompt("sb", 150, "B's own prompt");
        assertEquals(both, read(home("B"), "history.jsonl"));
        assertEquals(both, read(ws("B").resolve("sync"), "history.jsonl"));
    }

    @Test
    void the_longer_history_wins_over_a_newer_shorter_copy() throws Exception {
        String longer = prompt("s", 1, "one") + prompt("s", 2, "two");
        write(home("A"), "history.jsonl", longer, T0);
        write(ws("A").resolve("sync"), "history.jsonl", prompt("s", 1, "one"), T0 + 900);
        ProcessRun.Result plan = cli("-c", cfg("A", "manual_abort").toString(), "plan", "--json");
        Map<String, Object> doc = Json.parseObject(plan.out());
        Map<?, ?> action = (Map<?, ?>) ((List<?>) doc.get("actions")).get(0);
        assertEquals("copy_to_cloud", action.get("kind"), plan.toString());
        assertTrue(((String) action.get("reason")).contains("the longer version wins"), plan.toString());
        assertEquals(0, sync("A", "manual_abort").code());
        assertEquals(longer, read(ws("A").resolve("sync"), "history.jsonl"));
        assertEquals(longer, read(home("A"), "history.jsonl"));
    }

    @Test
    void a_rollout_continued_on_two_machines_is_a_conflict_or_its_loser_is_kept_and_named() throws Exception {
        String meta = "{\"timestamp\":\"2026-11-30T10:00:00Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"x\"}}\n";
        write(home("A"), ROLLOUT, meta + "{\"type\":\"event_msg\",\"payload\":{\"n\":\"on A\"}}\n", T0 + 100);
        write(ws("A").resolve("sync"), ROLLOUT, meta + "{\"type\":\"event_msg\",\"payload\":{\"n\":\"on B\"}}\n",
                T0 + 50);
        Map<String, String> before = SyncFixtures.contents(dir.resolve("A"));
        ProcessRun.Result refused = sync("A", "manual_abort");
        assertEquals(2, refused.code(), refused.toString());
        assertTrue(refused.err().contains(ROLLOUT), refused.toString());
        Map<String, String> after = new java.util.TreeMap<>(SyncFixtures.contents(dir.resolve("A")));
        after.keySet().removeIf(k -> k.endsWith(".log")); // the run's own log file
        assertEquals(before, after, "nothing written on a conflict");

        ProcessRun.Result resolved = sync("A", "prefer_newer_mtime");
        assertEquals(0, resolved.code(), resolved.toString());
        assertTrue(resolved.out().contains("conflict resolved by prefer_newer_mtime: " + ROLLOUT + " - the cloud "
                + "version was replaced; it is kept whole in the backup snapshot"), resolved.toString());
        assertTrue(read(ws("A").resolve("sync"), ROLLOUT).contains("on A"));
        try (Stream<Path> s = Files.walk(ws("A").resolve("backups"))) {
            assertTrue(s.filter(Files::isRegularFile).anyMatch(f -> readQuietly(f).contains("on B")),
                    "the loser is whole in the backup");
        }
    }

    @Test
    void a_compressed_rollout_is_the_same_file_and_its_deleted_plain_twin_never_comes_back() throws Exception {
        String content = "{\"type\":\"session_meta\",\"payload\":{\"id\":\"x\"}}\n{\"type\":\"event_msg\"}\n";
        write(home("A"), ROLLOUT, content, T0);
        assertEquals(0, sync("A", "manual_abort").code());
        // Codex compresses the idle rollout: .zst with the old mtime, plain deleted
        Path plain = home("A").resolve(ROLLOUT);
        Path zst = home("A").resolve(ROLLOUT + ".zst");
        Files.write(zst, zstd(content));
        Files.setLastModifiedTime(zst, FileTime.fromMillis(T0 * 1000));
        Files.delete(plain);
        ProcessRun.Result r = cli("-c", cfg("A", "manual_abort").toString(), "sync", "--apply", "--json");
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> doc = Json.parseObject(r.out());
        assertEquals(List.of(), doc.get("actions"), r.toString());
        assertFalse(Files.exists(plain), "the plain twin Codex deleted is not brought back");
        assertFalse(Files.exists(ws("A").resolve("sync").resolve(ROLLOUT + ".zst")), "not a new file either");

        // the session goes on elsewhere (cloud copy longer): the .zst side gets it, and it stays one file
        append(ws("A").resolve("sync"), ROLLOUT, "{\"type\":\"event_msg\",\"payload\":{\"more\":1}}\n", T0 + 50);
        ProcessRun.Result again = sync("A", "manual_abort");
        assertEquals(0, again.code(), again.toString());
        assertTrue(read(home("A"), ROLLOUT).contains("\"more\":1"), "Codex reads the plain file, which wins");
    }

    @Test
    void sessions_that_arrive_are_listed_with_their_resume_line_in_plan_and_sync() throws Exception {
        Path here = Files.createDirectories(dir.resolve("projects/here"));
        String id = "0199a213-81c0-7800-8aa1-bbab2a035a15";
        write(ws("A").resolve("sync"), ROLLOUT, "{\"timestamp\":\"2026-11-30T10:00:00.123Z\",\"type\":\"session_meta\","
                + "\"payload\":{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-30T10:00:00.123Z\",\"cwd\":\""
                + here.toString().replace('\\', '/') + "\"}}\n"
                + "{\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\",\"message\":\"Fix the flaky "
                + "login test please\"}}\n", T0);
        String other = "sessions/2026/11/29/rollout-2026-11-29T09-00-00-0199a213-0000-7000-8000-000000000001.jsonl";
        write(ws("A").resolve("sync"), other, "{\"type\":\"session_meta\",\"payload\":{\"id\":\"0199a213-0000-7000-"
                + "8000-000000000001\",\"timestamp\":\"2026-11-29T09:00:00Z\",\"cwd\":\"/Users/someone/elsewhere\"}}\n",
                T0);
        Files.createDirectories(home("A"));
        ProcessRun.Result plan = cli("-c", cfg("A", "manual_abort").toString(), "plan");
        assertEquals(0, plan.code(), plan.toString());
        assertTrue(plan.out().contains("Sessions a sync would bring in (2):"), plan.toString());
        assertTrue(plan.out().contains("codex resume " + id), plan.toString());
        assertTrue(plan.out().contains("\"Fix the flaky login test please\""), plan.toString());
        assertTrue(plan.out().contains("folder: /Users/someone/elsewhere - not on this machine"), plan.toString());
        assertTrue(plan.out().contains("folder: " + here), plan.toString());

        ProcessRun.Result sync = cli("-c", cfg("A", "manual_abort").toString(), "sync", "--apply", "--json");
        assertEquals(0, sync.code(), sync.toString());
        List<?> arrived = (List<?>) Json.parseObject(sync.out()).get("arrived_sessions");
        assertEquals(2, arrived.size(), sync.toString());
        Map<?, ?> first = (Map<?, ?>) arrived.stream().filter(s -> id.equals(((Map<?, ?>) s).get("id"))).findFirst()
                .orElseThrow();
        assertEquals("codex resume " + id, first.get("resume"));
        assertEquals(true, first.get("cwd_exists"));
        assertEquals(true, first.get("new"));
        Map<?, ?> second = (Map<?, ?>) arrived.stream().filter(s -> !id.equals(((Map<?, ?>) s).get("id")))
                .findFirst().orElseThrow();
        assertEquals(false, second.get("cwd_exists"));
        assertFalse(Files.exists(home("A").resolve("state_5.sqlite")), "nothing is written into Codex's databases");
        ProcessRun.Result quiet = sync("A", "manual_abort");
        assertFalse(quiet.out().contains("Sessions that arrived"), "nothing arrives twice: " + quiet);
    }

    static byte[] zstd(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String readQuietly(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
