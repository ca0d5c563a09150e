// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.commands;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.config;
import static codexsync.testsupport.SyncFixtures.read;
import static codexsync.testsupport.SyncFixtures.tree;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.HostEnvironment;
import codexsync.core.Json;
import codexsync.testsupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync} through the real CLI wiring, in-process. Configs switch Codex detection off (see SyncFixtures.config). */
class SyncCommandTest {
    @TempDir
    Path dir;
    Path local;
    Path ws;
    Path cfg;

    @BeforeEach
    void setUp() {
        local = dir.resolve("home");
        ws = dir.resolve("ws");
        write(local, "history.jsonl", "h1\n", T0);
        write(local, "sessions/2026/01/01/a.jsonl", "a1\n", T0);
        cfg = config(dir.resolve("config.toml"), "laptop", local, ws, Map.of());
    }

    @Test
    void a_dry_run_writes_nothing_at_all_and_logs_each_intended_copy() {
        SortedMap<String, String> before = tree(dir);
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "sync");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Dry-run finished."), r.toString());
        assertTrue(r.out().contains("would copy: 2"), r.toString());
        assertEquals(before, tree(dir), "no folder, lock, journal, backup or base state was created");
        CliRun.Result explicit = CliRun.umbrella("-c", cfg.toString(), "sync", "--dry-run", "--json");
        assertEquals(0, explicit.code(), explicit.toString());
        Map<String, Object> json = Json.parseObject(explicit.out());
        assertEquals("dry-run", json.get("mode"));
        assertEquals(2, ((List<?>) json.get("actions")).size());
        assertEquals(before, tree(dir));
    }

    @Test
    void apply_copies_backs_up_and_a_second_apply_does_nothing() {
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Sync finished."), r.toString());
        assertTrue(r.out().contains("copied: 2"), r.toString());
        assertEquals("a1\n", read(ws.resolve("sync"), "sessions/2026/01/01/a.jsonl"));
        assertTrue(Files.exists(ws.resolve("state/machines/laptop.json")), "its own state file");
        assertFalse(Files.exists(ws.resolve("state/manifest.json")), "the shared single manifest is never written");
        assertFalse(Files.exists(ws.resolve(".tmp/locks/laptop.lock")), "lock released");
        assertFalse(Files.exists(ws.resolve(".tmp/journal/laptop.journal")), "journal closed");
        write(local, "history.jsonl", "h2\n", T0 + 60);
        CliRun.Result second = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply", "--json");
        assertEquals(0, second.code(), second.toString());
        Map<String, Object> json = Json.parseObject(second.out());
        assertEquals(1L, json.get("copied"));
        assertEquals(1L, json.get("backed_up"));
        Map<?, ?> action = (Map<?, ?>) ((List<?>) json.get("actions")).get(0);
        assertEquals("history.jsonl", action.get("path"));
        assertEquals("to_cloud", action.get("direction"));
        assertEquals("copied", action.get("outcome"));
        assertTrue(action.get("reason") != null);
        CliRun.Result third = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertTrue(third.out().contains("copied: 0"), third.toString());
    }

    @Test
    void dry_run_and_apply_together_are_an_argument_error() {
        assertEquals(4, CliRun.umbrella("-c", cfg.toString(), "sync", "--dry-run", "--apply").code());
    }

    @Test
    void a_conflict_exits_2_with_the_0_1_1_message_before_anything_is_written() {
        assertEquals(0, CliRun.umbrella("-c", cfg.toString(), "sync", "--apply").code());
        // history.jsonl would be merged (D29); a rollout continued on both sides stays a conflict
        write(local, "sessions/2026/01/01/a.jsonl", "a1\nlocal edit\n", T0 + 60);
        write(ws.resolve("sync"), "sessions/2026/01/01/a.jsonl", "a1\ncloud edit\n", T0 + 90);
        SortedMap<String, String> before = tree(dir);
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("Conflict detected for files: sessions/2026/01/01/a.jsonl. Resolve manually and "
                + "rerun."),
                r.toString());
        assertEquals(before, tree(dir));
        assertEquals(2, CliRun.umbrella("-c", cfg.toString(), "sync").code(), "dry run too");
        Path hidden = config(dir.resolve("hidden.toml"), "laptop", local, ws,
                Map.of("conflict", "report_conflicts = false"));
        CliRun.Result h = CliRun.umbrella("-c", hidden.toString(), "sync", "--apply");
        assertEquals(2, h.code());
        assertTrue(h.err().contains("Conflict detected for files: hidden by configuration."), h.toString());
    }

    @Test
    void a_held_lock_exits_5_naming_the_holder() throws Exception {
        Path lock = ws.resolve(".tmp/locks/laptop.lock");
        Files.createDirectories(lock.getParent());
        long pid = ProcessHandle.current().pid(); // a live process: this test JVM
        String started = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Files.writeString(lock, "{\"pid\": " + pid + ", \"host\": \"" + HostEnvironment.current().hostName()
                + "\", \"started\": \"" + started + "\", \"command\": \"sync --apply\"}");
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertEquals(5, r.code(), r.toString());
        assertTrue(r.err().contains("pid " + pid) && r.err().contains(started), r.toString());
        assertFalse(Files.exists(ws.resolve("sync")), "nothing synced");
        assertEquals(0, CliRun.umbrella("-c", cfg.toString(), "sync", "--dry-run").code(),
                "a dry run neither takes nor waits for the lock");
    }

    @Test
    void bad_input_is_exit_4_with_nothing_written() throws Exception {
        Path missing = config(dir.resolve("missing.toml"), "laptop", dir.resolve("no-such-home"), ws, Map.of());
        SortedMap<String, String> before = tree(dir);
        CliRun.Result r = CliRun.umbrella("-c", missing.toString(), "sync", "--apply");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("tried") && r.err().contains("no-such-home"), r.toString());
        assertEquals(before, tree(dir));

        write(ws, "state/manifest.json", "{ not json", T0);
        before = tree(dir);
        CliRun.Result broken = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertEquals(4, broken.code(), broken.toString());
        assertEquals(before, tree(dir), "an unreadable base state stops the run before the lock or any copy");

        CliRun.Result overlap = CliRun.umbrella("sync", "--apply", "--workspace", ws.toString(), "--local",
                ws.resolve("sync").toString());
        assertEquals(4, overlap.code(), overlap.toString());
        assertEquals(before, tree(dir));
    }

    @Test
    void a_writing_run_without_a_workspace_is_exit_4_with_the_fix() {
        // No config file and no --workspace: built-in defaults (D3), which have no workspace.
        SortedMap<String, String> before = tree(dir);
        CliRun.Result apply = CliRun.umbrella("sync", "--apply", "--local", local.toString(), "--cloud",
                dir.resolve("cloud").toString());
        assertEquals(4, apply.code(), apply.toString());
        assertTrue(apply.err().contains("fix: pass --workspace DIR or run init-config"), apply.toString());
        assertEquals(before, tree(dir));
    }
}
