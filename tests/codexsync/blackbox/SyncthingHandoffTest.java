// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.core.Json;
import codexsync.testsupport.CiRequired;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.SyncFixtures;
import codexsync.testsupport.SyncthingPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two machines whose workspaces are kept in step by a real cloud client: a Syncthing pair on 127.0.0.1
 * ({@link SyncthingPair}). A's workspace is Syncthing A's folder, B's is Syncthing B's; every step runs the CLI
 * (in-process through the umbrella command as {@link TwoMachineSyncTest}, the refusal through {@code ./jbang}).
 * Skipped only where no {@code syncthing} is on the PATH ({@code .ci/run} installs the Debian package).
 */
@CiRequired
class SyncthingHandoffTest {
    static final Duration STEP = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    Path homeA;
    Path homeB;
    Path wsA;
    Path wsB;
    Path cfgA;
    Path cfgB;
    SyncthingPair pair;
    long clock = T0 + 10_000;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(SyncthingPair.available(), "syncthing is not on PATH: the real-cloud-client tests need it "
                + "(apt-get install syncthing; .ci/run installs it)");
        homeA = dir.resolve("a/.codex");
        homeB = dir.resolve("b/.codex");
        wsA = dir.resolve("a/Sync/codexsync");
        wsB = dir.resolve("b/Sync/codexsync");
        SyncFixtures.generateHome(homeA, 40, 13);
        Files.createDirectories(homeB);
        String sync = "delete_policy = \"propagate\"";
        cfgA = SyncFixtures.config(dir.resolve("a/config.toml"), "A", homeA, wsA, Map.of("sync", sync));
        cfgB = SyncFixtures.config(dir.resolve("b/config.toml"), "B", homeB, wsB, Map.of("sync", sync));
        pair = SyncthingPair.start(wsA, wsB, dir.resolve("syncthing"));
        assertEquals(0, sync(cfgA), "A's first sync");
        pair.awaitInStep(STEP);
        assertEquals(0, sync(cfgB), "B's first sync");
        pair.awaitInStep(STEP);
        assertEquals(SyncFixtures.contents(homeA), SyncFixtures.contents(homeB));
    }

    @AfterEach
    void stopSyncthing() {
        if (pair == null) {
            return;
        }
        List<Long> pids = pair.pids();
        pair.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "syncthing pid " + pid + " survived the test");
        }
    }

    @Test
    void alternating_syncs_leave_no_conflict_copy_and_each_state_file_is_what_its_machine_agreed() throws IOException {
        for (int round = 0; round < 3; round++) {
            edit(homeA, "history.jsonl", "{\"round\":" + round + ",\"from\":\"A\"}\n");
            write(homeA, "sessions/2026/02/0" + (round + 1) + "/rollout-a" + round + ".jsonl", "new on A\n", tick());
            Files.delete(homeA.resolve(firstSession(homeA)));
            assertEquals(0, sync(cfgA));
            pair.awaitInStep(STEP);
            assertEquals(0, sync(cfgB));
            assertEquals(SyncFixtures.contents(homeA), SyncFixtures.contents(homeB), "round " + round + ": B caught up");
            edit(homeB, "skills/skill-0/SKILL.md", "edited on B in round " + round + "\n");
            write(homeB, "sessions/2026/03/0" + (round + 1) + "/rollout-b" + round + ".jsonl", "new on B\n", tick());
            assertEquals(0, sync(cfgB));
            pair.awaitInStep(STEP);
            assertEquals(0, sync(cfgA));
            pair.awaitInStep(STEP);
            assertEquals(SyncFixtures.contents(homeB), SyncFixtures.contents(homeA), "round " + round + ": A caught up");
        }
        // Both machines sync within the client's delay: with one shared base-state file this made a conflict copy.
        pair.pause();
        write(homeA, "sessions/2026/04/01/rollout-both-a.jsonl", "A while apart\n", tick());
        write(homeB, "sessions/2026/04/01/rollout-both-b.jsonl", "B while apart\n", tick());
        assertEquals(0, sync(cfgA));
        assertEquals(0, sync(cfgB));
        pair.resume();
        pair.awaitInStep(STEP);
        assertEquals(0, sync(cfgA));
        pair.awaitInStep(STEP);
        assertEquals(0, sync(cfgB));
        pair.awaitInStep(STEP);
        assertEquals(SyncFixtures.contents(homeA), SyncFixtures.contents(homeB));
        assertTrue(homeA.resolve("sessions/2026/04/01/rollout-both-b.jsonl").toFile().isFile());

        assertEquals(List.of(), conflictCopies(wsA), "no cloud-client conflict copy anywhere in A's workspace");
        assertEquals(List.of(), conflictCopies(wsB), "no cloud-client conflict copy anywhere in B's workspace");
        assertFalse(Files.exists(wsA.resolve("state/manifest.json")), "no shared base-state file");
        for (String m : List.of("A", "B")) {
            assertEquals(Files.readString(wsA.resolve("state/machines/" + m + ".json")),
                    Files.readString(wsB.resolve("state/machines/" + m + ".json")), m + "'s state file arrived whole");
        }
        assertStateIsWhatItAgreed(wsA, homeA, "A");
        assertStateIsWhatItAgreed(wsB, homeB, "B");
        for (Path cfg : List.of(cfgA, cfgB)) {
            CliRun.Result plan = CliRun.umbrella("-c", cfg.toString(), "plan");
            assertTrue(plan.out().contains("  actions: 0\n  conflicts: 0\n"), plan.toString());
        }
    }

    @Test
    void b_refuses_while_as_files_are_held_back_and_syncs_once_they_land() throws Exception {
        // B's client delivers A's state file but holds back the new session folder (an ignore pattern on B only).
        Files.writeString(wsB.resolve(".stignore"), "/sync/sessions/2026/05\n");
        pair.awaitInStep(STEP);
        write(homeA, "sessions/2026/05/01/rollout-late-1.jsonl", "late 1\n", tick());
        write(homeA, "sessions/2026/05/01/rollout-late-2.jsonl", "late 2\n", tick());
        edit(homeA, "history.jsonl", "{\"from\":\"A\",\"late\":true}\n");
        assertEquals(0, sync(cfgA));
        awaitSameFile("state/machines/A.json");
        awaitSameFile("sync/history.jsonl");

        SortedMap<String, String> homeBefore = SyncFixtures.tree(homeB);
        String stateBefore = Files.readString(wsB.resolve("state/machines/B.json"));
        ProcessRun.Result refused = ProcessRun.codexsync(Map.of(), "-c", cfgB.toString(), "sync", "--apply");
        assertEquals(5, refused.code(), refused.toString());
        assertTrue(refused.err().contains("codexsync: 2 of "), refused.toString());
        assertTrue(refused.err().contains(" files from A have not arrived yet"), refused.toString());
        assertTrue(refused.err().contains("sessions/2026/05/01/rollout-late-1.jsonl"), refused.toString());
        assertTrue(refused.err().contains("fix: "), refused.toString());
        assertEquals(homeBefore, SyncFixtures.tree(homeB), "B's Codex home untouched");
        assertEquals(stateBefore, Files.readString(wsB.resolve("state/machines/B.json")), "B's state untouched");
        assertFalse(Files.exists(wsB.resolve(".tmp/locks/B.lock")), "not even a lock was written");

        CliRun.Result status = CliRun.umbrella("-c", cfgB.toString(), "status", "--json");
        assertEquals(0, status.code(), status.toString());
        Map<String, Object> doc = Json.parseObject(status.out());
        Map<?, ?> a = ((List<?>) doc.get("machines")).stream().map(Map.class::cast)
                .filter(m -> "A".equals(m.get("machine_id"))).findFirst().orElseThrow();
        assertEquals(2L, a.get("not_arrived"), status.toString());

        // Now the client delivers the rest while B waits (sync.handoff_wait_seconds).
        Path waitingCfg = SyncFixtures.config(dir.resolve("b/config-wait.toml"), "B", homeB, wsB,
                Map.of("sync", "delete_policy = \"propagate\"\nhandoff_wait_seconds = 90"));
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(1500);
                Files.delete(wsB.resolve(".stignore"));
                pair.awaitInStep(STEP);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        release.start();
        CliRun.Result waited = CliRun.umbrella("-c", waitingCfg.toString(), "sync", "--apply");
        release.join(TimeUnit.SECONDS.toMillis(90));
        assertEquals(0, waited.code(), waited.toString());
        assertTrue(System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(1500), "it waited for the files");
        assertEquals("late 2\n", SyncFixtures.read(homeB, "sessions/2026/05/01/rollout-late-2.jsonl"));
        assertEquals(SyncFixtures.contents(homeA), SyncFixtures.contents(homeB));
    }

    @Test
    void a_conflict_copy_made_by_the_client_is_reported_and_never_synced_into_codex() throws IOException {
        String rel = "skills/skill-0/SKILL.md";
        pair.pause();
        write(homeA, rel, "A's version\n", tick());
        write(homeB, rel, "B's version, written later\n", tick());
        assertEquals(0, sync(cfgA));
        assertEquals(0, sync(cfgB));
        pair.resume();
        pair.awaitInStep(STEP); // Syncthing keeps the newer copy and renames the other to *.sync-conflict-*
        List<String> copies = conflictCopies(wsB.resolve("sync"));
        assertEquals(1, copies.size(), "the client made one conflict copy: " + copies);
        String copy = copies.get(0);

        CliRun.Result plan = CliRun.umbrella("-c", cfgA.toString(), "plan");
        assertEquals(0, plan.code(), plan.toString());
        assertTrue(plan.err().contains("conflict copy") && plan.err().contains(copy), plan.toString());
        assertTrue(plan.err().contains("merge it by hand"), plan.toString());
        assertFalse(plan.out().contains("sync-conflict"), "not planned as a copy: " + plan);
        CliRun.Result status = CliRun.umbrella("-c", cfgA.toString(), "status");
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains(copy), status.toString());
        CliRun.Result doctor = CliRun.umbrella("-c", cfgA.toString(), "doctor");
        assertTrue(doctor.out().contains(copy), doctor.toString());

        assertEquals(0, sync(cfgA));
        pair.awaitInStep(STEP);
        assertEquals(0, sync(cfgB));
        assertEquals(List.of(), conflictCopies(homeA), "never copied into A's Codex home");
        assertEquals(List.of(), conflictCopies(homeB), "never copied into B's Codex home");
        assertEquals("B's version, written later\n", SyncFixtures.read(homeA, rel));
        assertEquals(List.of(), conflictCopies(wsA.resolve("state")), "the state files never conflict");
    }

    private int sync(Path cfg) {
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertEquals(0, r.code(), r.toString());
        return r.code();
    }

    private long tick() {
        clock += 60;
        return clock;
    }

    /** Appends a line and moves the mtime forward, as Codex appending to a file would. */
    private void edit(Path home, String rel, String line) throws IOException {
        String before = Files.exists(home.resolve(rel)) ? Files.readString(home.resolve(rel)) : "";
        write(home, rel, before + line, tick());
    }

    private static String firstSession(Path home) throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve("sessions/2026/01"))) {
            return home.relativize(s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow()).toString();
        }
    }

    private static List<String> conflictCopies(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().contains("sync-conflict"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Polls until B's copy of a workspace file equals A's (the client delivered it), at most {@link #STEP}. */
    private void awaitSameFile(String rel) throws Exception {
        long end = System.nanoTime() + STEP.toNanos();
        while (true) {
            Path b = wsB.resolve(rel);
            if (Files.exists(b) && Files.readString(b).equals(Files.readString(wsA.resolve(rel)))) {
                return;
            }
            assertTrue(System.nanoTime() < end, "the client did not deliver " + rel);
            Thread.sleep(200);
        }
    }

    /**
     * The machine's state file describes what it last agreed: every cloud file with its size and hash in the handoff
     * record and a cloud side in the base state, every local file with a local side of the same size.
     */
    private static void assertStateIsWhatItAgreed(Path ws, Path home, String machine) throws IOException {
        Map<String, Object> doc = Json.parseObject(Files.readString(ws.resolve("state/machines/" + machine + ".json")));
        Map<?, ?> files = (Map<?, ?>) doc.get("files");
        Map<?, ?> handoff = (Map<?, ?>) ((Map<?, ?>) doc.get("handoff")).get("files");
        Map<String, String> cloud = hashes(ws.resolve("sync"));
        Map<String, String> local = hashes(home);
        assertEquals(cloud.keySet(), handoff.keySet().stream().map(String::valueOf).collect(
                java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), machine + ": handoff lists the cloud");
        assertEquals(local.keySet(), files.keySet().stream().map(String::valueOf).collect(
                java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), machine + ": base lists every file");
        for (Map.Entry<String, String> e : cloud.entrySet()) {
            Map<?, ?> h = (Map<?, ?>) handoff.get(e.getKey());
            assertEquals(e.getValue(), h.get("sha256"), machine + ": hash of " + e.getKey());
            Map<?, ?> base = (Map<?, ?>) files.get(e.getKey());
            assertEquals(Files.size(ws.resolve("sync").resolve(e.getKey())), ((Map<?, ?>) base.get("cloud")).get("size"));
            assertEquals(Files.size(home.resolve(e.getKey())), ((Map<?, ?>) base.get("local")).get("size"));
        }
    }

    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).filter(p -> !root.relativize(p).startsWith(".stfolder")).forEach(p -> {
                try {
                    m.put(root.relativize(p).toString().replace('\\', '/'), SyncFixtures.sha(Files.readAllBytes(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return m;
    }
}
