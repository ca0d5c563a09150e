// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.Json;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handoff check and {@code status} through the CLI, without a cloud client: B's workspace is a copy of A's made by
 * hand, so a test can leave out exactly the files "still arriving". (The same with a real Syncthing pair:
 * {@code codexsync.blackbox.SyncthingHandoffTest}.)
 */
class HandoffSyncTest {
    @TempDir
    Path dir;
    Path homeA;
    Path homeB;
    Path wsA;
    Path wsB;
    Path cfgA;
    Path cfgB;

    @BeforeEach
    void setUp() {
        homeA = dir.resolve("a/.codex");
        homeB = dir.resolve("b/.codex");
        wsA = dir.resolve("a/ws");
        wsB = dir.resolve("b/ws");
        write(homeA, "history.jsonl", "h1\n", T0);
        write(homeA, "sessions/2026/01/01/s1.jsonl", "s1\n", T0);
        write(homeA, "skills/x/SKILL.md", "x\n", T0);
        cfgA = SyncFixtures.config(dir.resolve("a.toml"), "A", homeA, wsA, Map.of());
        cfgB = SyncFixtures.config(dir.resolve("b.toml"), "B", homeB, wsB, Map.of());
        assertEquals(0, CliRun.umbrella("-c", cfgA.toString(), "sync", "--apply").code());
        write(homeB, "skills/y/SKILL.md", "y\n", T0);
    }

    /** Copies A's workspace into B's, leaving out {@code heldBack} (paths under the cloud mirror). */
    private void deliver(List<String> heldBack) {
        try (Stream<Path> s = Files.walk(wsA)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = wsA.relativize(p).toString().replace('\\', '/');
                if (heldBack.contains(rel)) {
                    continue;
                }
                Path to = wsB.resolve(rel);
                Files.createDirectories(to.getParent());
                Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void sync_refuses_with_exit_5_and_writes_nothing_until_every_file_has_arrived() {
        deliver(List.of("sync/sessions/2026/01/01/s1.jsonl"));
        SortedMap<String, String> homeBefore = SyncFixtures.tree(homeB);
        SortedMap<String, String> wsBefore = SyncFixtures.tree(wsB);
        CliRun.Result r = CliRun.umbrella("-c", cfgB.toString(), "sync", "--apply");
        assertEquals(5, r.code(), r.toString());
        assertTrue(r.err().contains("codexsync: 1 of 3 files from A have not arrived yet"), r.toString());
        assertTrue(r.err().contains("sessions/2026/01/01/s1.jsonl"), r.toString());
        assertTrue(r.err().contains("--no-handoff-check"), r.toString());
        assertEquals(homeBefore, SyncFixtures.tree(homeB), "the Codex home is untouched");
        assertEquals(wsBefore, SyncFixtures.tree(wsB), "nothing in the workspace: no lock, no state, no backup");

        CliRun.Result dry = CliRun.umbrella("-c", cfgB.toString(), "sync", "--dry-run");
        assertEquals(0, dry.code(), dry.toString());
        assertTrue(dry.err().contains("a real sync would stop here (exit 5): 1 of 3 files from A"), dry.toString());

        deliver(List.of());
        CliRun.Result ok = CliRun.umbrella("-c", cfgB.toString(), "sync", "--apply", "--json");
        assertEquals(0, ok.code(), ok.toString());
        Map<?, ?> a = (Map<?, ?>) ((List<?>) Json.parseObject(ok.out()).get("handoff")).get(0);
        assertEquals("A", a.get("machine_id"));
        assertEquals(0L, a.get("not_arrived"));
        assertEquals("s1\n", SyncFixtures.read(homeB, "sessions/2026/01/01/s1.jsonl"));
    }

    @Test
    void an_older_copy_is_still_arriving_a_newer_one_is_a_later_change() throws IOException {
        deliver(List.of());
        Path cloudHistory = wsB.resolve("sync/history.jsonl");
        write(wsB.resolve("sync"), "history.jsonl", "h0 older\n", T0 - 100);
        CliRun.Result r = CliRun.umbrella("-c", cfgB.toString(), "sync", "--apply");
        assertEquals(5, r.code(), r.toString());
        write(wsB.resolve("sync"), "history.jsonl", "h2 from a third machine\n", T0 + 100);
        CliRun.Result later = CliRun.umbrella("-c", cfgB.toString(), "sync", "--apply");
        assertEquals(0, later.code(), later.toString());
        assertEquals("h2 from a third machine\n", Files.readString(cloudHistory));
    }

    @Test
    void no_handoff_check_pulls_what_is_there() {
        deliver(List.of("sync/skills/x/SKILL.md"));
        CliRun.Result r = CliRun.umbrella("-c", cfgB.toString(), "sync", "--apply", "--no-handoff-check");
        assertEquals(0, r.code(), r.toString());
        assertEquals("h1\n", SyncFixtures.read(homeB, "history.jsonl"));
        assertFalse(Files.exists(homeB.resolve("skills/x/SKILL.md")));
    }

    @Test
    void sync_waits_up_to_handoff_wait_seconds_for_the_rest_to_land() throws Exception {
        deliver(List.of("sync/skills/x/SKILL.md"));
        Path waiting = SyncFixtures.config(dir.resolve("b-wait.toml"), "B", homeB, wsB,
                Map.of("sync", "handoff_wait_seconds = 60"));
        Thread client = new Thread(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                return;
            }
            deliver(List.of());
        });
        long start = System.nanoTime();
        client.start();
        CliRun.Result r = CliRun.umbrella("-c", waiting.toString(), "sync", "--apply");
        client.join();
        assertEquals(0, r.code(), r.toString());
        assertTrue(System.nanoTime() - start >= 1_500_000_000L, "it waited");
        assertEquals("x\n", SyncFixtures.read(homeB, "skills/x/SKILL.md"));
        Path shortWait = SyncFixtures.config(dir.resolve("b-short.toml"), "B", homeB, wsB,
                Map.of("sync", "handoff_wait_seconds = 2"));
        write(homeA, "skills/x/SKILL.md", "x2\n", T0 + 50);
        assertEquals(0, CliRun.umbrella("-c", cfgA.toString(), "sync", "--apply").code());
        deliver(List.of("sync/skills/x/SKILL.md"));
        long t = System.nanoTime();
        CliRun.Result gaveUp = CliRun.umbrella("-c", shortWait.toString(), "sync", "--apply");
        assertEquals(5, gaveUp.code(), gaveUp.toString());
        assertTrue(System.nanoTime() - t >= 2_000_000_000L, "it re-checked for 2 s before giving up");
    }

    @Test
    void status_reports_machines_pending_work_and_conflict_copies_and_writes_nothing() throws IOException {
        deliver(List.of("sync/history.jsonl"));
        write(wsB.resolve("sync"), "skills/x/SKILL.sync-conflict-20261201-100000-ABCDEFG.md", "other\n", T0);
        SortedMap<String, String> before = SyncFixtures.tree(dir);
        CliRun.Result text = CliRun.umbrella("-c", cfgB.toString(), "status");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().contains("    A: last sync "), text.toString());
        assertTrue(text.out().contains("1 of 3 files from A have not arrived yet (e.g. history.jsonl)"), text.toString());
        assertTrue(text.out().contains("    B (this machine): never synced"), text.toString());
        assertTrue(text.out().contains("would push (local -> cloud): 1"), text.toString());
        assertTrue(text.out().contains("would pull (cloud -> local): 2"), text.toString());
        assertTrue(text.out().contains("skills/x/SKILL.sync-conflict-20261201-100000-ABCDEFG.md: the cloud client kept "
                + "another machine's version of skills/x/SKILL.md"), text.toString());
        assertTrue(text.out().contains("newest backup: none"), text.toString());
        assertTrue(text.out().contains("interrupted run: none"), text.toString());
        CliRun.Result json = CliRun.umbrella("-c", cfgB.toString(), "status", "--json");
        Map<String, Object> doc = Json.parseObject(json.out());
        assertEquals(1L, doc.get("would_push"));
        assertEquals(2L, doc.get("would_pull"));
        assertEquals("skills/x/SKILL.md",
                ((Map<?, ?>) ((List<?>) doc.get("cloud_conflict_copies")).get(0)).get("original"));
        assertEquals(before, SyncFixtures.tree(dir), "status writes nothing");
    }

    @Test
    void status_does_not_need_codex_closed() {
        // "java" is running (this JVM): as Codex's process name it makes sync stop with exit 3, not status.
        Path guarded = dir.resolve("guarded.toml");
        try {
            String text = Files.readString(cfgA).replace("require_codex_stopped = false", "require_codex_stopped = true")
                    + "\n[process_detection]\nprocess_names = [\"java\"]\n";
            Files.writeString(guarded, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(3, CliRun.umbrella("-c", guarded.toString(), "sync", "--dry-run").code());
        CliRun.Result r = CliRun.umbrella("-c", guarded.toString(), "status");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("newest backup: none"), r.toString());
        assertNotEquals("", r.out());
    }
}
