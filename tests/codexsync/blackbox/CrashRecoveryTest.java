// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.fs.StagingNames;
import codexsync.testsupport.ChildJvm;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.SyncFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection (issue "Crash safety", 7.4): kills a REAL {@code sync --apply} process with SIGKILL
 * ({@link Process#destroyForcibly()}) at many distinct moments inside its copy phase, runs {@code sync --apply}
 * again and checks that nothing was lost.
 *
 * <p>The child is a plain {@code java -cp <this test JVM's class path> codexsync.commands.SyncCommand}: the test
 * class path already holds the compiled lib and command classes, and this is much faster than {@code ./jbang}.
 * To kill at an exact moment without timing, the child runs with {@code -Dcodexsync.test.pauseAtStep=K}: at its
 * K-th apply step (journal started, backed up, and per file intent/staged/moved/done) it logs a marker line on
 * stderr and sleeps; the test waits for that line, then kills. K is spread over every step of the run.
 *
 * <p>Trials: 50 by default (CI: about a minute on 2 cores); {@code -Dcodexsync.crash.trials=N} or the environment
 * variable {@code CODEXSYNC_CRASH_TRIALS=N} for more (K then repeats over the steps).
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    private static final int FILES = 240;

    @Test
    void sigkill_at_many_moments_of_the_copy_phase_never_loses_or_mixes_a_file() throws Exception {
        int trials = trials();
        Path template = dir.resolve("template");
        prepare(template);
        Map<String, SortedMap<String, String>> before = Map.of("local", SyncFixtures.contents(template.resolve("home")),
                "cloud", SyncFixtures.contents(template.resolve("ws/sync")));

        // The reference: one uninterrupted run from the same state.
        Path ref = copyTree(template, dir.resolve("reference"));
        CliRun.Result r = CliRun.umbrella("-c", writeConfig(ref).toString(), "sync", "--apply");
        assertEquals(0, r.code(), r.toString());
        SortedMap<String, String> finalLocal = SyncFixtures.contents(ref.resolve("home"));
        SortedMap<String, String> finalCloud = SyncFixtures.contents(ref.resolve("ws/sync"));
        assertEquals(finalLocal, finalCloud);
        int steps = countSteps(r);

        int recovered = 0;
        int lost = 0;
        Set<Integer> moments = new HashSet<>();
        for (int t = 0; t < trials; t++) {
            int k = 1 + (int) ((long) t * (steps - 1) / Math.max(1, Math.min(trials, steps) - 1)) % steps;
            moments.add(k);
            Path trial = copyTree(template, dir.resolve("trial-" + t));
            Path cfg = writeConfig(trial);
            killAtStep(cfg, k);
            String at = "trial " + t + " (killed at step " + k + " of " + steps + ")";
            assertOldOrNew(trial.resolve("home"), before.get("local"), finalLocal, at);
            assertOldOrNew(trial.resolve("ws/sync"), before.get("cloud"), finalCloud, at);

            CliRun.Result again = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
            assertEquals(0, again.code(), at + "\n" + again);
            boolean ok = finalLocal.equals(SyncFixtures.contents(trial.resolve("home")))
                    && finalCloud.equals(SyncFixtures.contents(trial.resolve("ws/sync")));
            assertNoStaging(trial, at);
            assertFalse(Files.exists(trial.resolve("ws/.tmp/journal/laptop.journal")), at);
            assertOldVersionsBackedUp(trial, before, finalLocal, finalCloud, at);
            if (ok) {
                recovered++;
                deleteTree(trial);
            } else {
                lost++; // kept on disk for inspection; the assertion below fails the test
                System.out.println(at + ": did not reach the uninterrupted state; see " + trial);
            }
        }
        assertTrue(moments.size() >= Math.min(50, trials), "distinct moments: " + moments.size());
        // The figure the issue asks for, on the test's stdout.
        System.out.println(trials + " trials, " + recovered + " recovered, " + lost + " lost ("
                + moments.size() + " distinct kill points of " + steps + " steps)");
        assertEquals(0, lost, "trials that did not reach the uninterrupted state");
    }

    static int trials() {
        String p = System.getProperty("codexsync.crash.trials", System.getenv("CODEXSYNC_CRASH_TRIALS"));
        return p == null || p.isBlank() ? 50 : Integer.parseInt(p.trim());
    }

    /** A synced pair of folders, then edits on both sides, new files and deletions to propagate. */
    private static void prepare(Path root) {
        Path home = root.resolve("home");
        SyncFixtures.generateHome(home, FILES, 42);
        CliRun.Result first = CliRun.umbrella("-c", writeConfig(root).toString(), "sync", "--apply");
        assertEquals(0, first.code(), first.toString());
        Path cloud = root.resolve("ws/sync");
        for (int i = 0; i < 20; i++) {
            String rel = String.format("sessions/2026/01/%02d/rollout-%05d.jsonl", 1 + (i * 11 / 40) % 28, i * 11);
            if (Files.exists(home.resolve(rel))) {
                write(i % 2 == 0 ? home : cloud, rel, "edited " + i + " on " + (i % 2 == 0 ? "local" : "cloud") + "\n",
                        T0 + 10_000 + i);
            }
        }
        for (int i = 0; i < 10; i++) {
            write(home, "sessions/2026/02/01/new-" + i + ".jsonl", "new " + i + "\n", T0 + 20_000 + i);
        }
        for (int i = 0; i < 4; i++) {
            try {
                Files.deleteIfExists(home.resolve("skills/skill-" + i + "/SKILL.md"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Path writeConfig(Path root) {
        return SyncFixtures.config(root.resolve("config.toml"), "laptop", root.resolve("home"), root.resolve("ws"),
                Map.of("sync", "delete_policy = \"propagate\"\nmax_delete_percent = 100"));
    }

    /** The number of apply steps of the uninterrupted run, from its JSON-free output: copies and deletions. */
    private static int countSteps(CliRun.Result r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("copied: (\\d+) .*deleted: (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.toString());
        int copies = Integer.parseInt(m.group(1));
        int deletes = Integer.parseInt(m.group(2));
        assertTrue(copies >= 20 && deletes >= 4, r.toString());
        // journal started + backed up + 4 per copy + 3 per deletion + actions done + base saved
        return 2 + 4 * copies + 3 * deletes + 2;
    }

    private static void killAtStep(Path cfg, int k) throws Exception {
        ProcessBuilder pb = ChildJvm.command(List.of("-Dcodexsync.test.pauseAtStep=" + k),
                "codexsync.commands.SyncCommand", "-c", cfg.toString(), "--apply");
        Process p = pb.start();
        boolean marked = false;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = err.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.contains("codexsync-test-pause step=" + k + " ")) {
                    marked = true;
                    break;
                }
            }
            assertTrue(marked, "the child never reached step " + k + ":\n" + seen);
            p.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no finally block runs
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
    }

    private static void assertOldOrNew(Path root, Map<String, String> before, Map<String, String> after, String at) {
        for (Map.Entry<String, String> e : SyncFixtures.contents(root).entrySet()) {
            if (StagingNames.isStaging(Path.of(e.getKey()).getFileName().toString())) {
                continue; // a staging file the kill left; the next run must remove it (checked after it)
            }
            String v = e.getValue();
            assertTrue(v.equals(before.get(e.getKey())) || v.equals(after.get(e.getKey())),
                    at + ": " + e.getKey() + " is neither its old nor its new version");
        }
        for (String rel : after.keySet()) {
            if (before.containsKey(rel)) {
                assertTrue(Files.exists(root.resolve(rel)), at + ": " + rel + " vanished");
            }
        }
    }

    private static void assertNoStaging(Path root, String at) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(List.of(), s.filter(p -> StagingNames.isStaging(p.getFileName().toString())).toList(), at);
        }
    }

    /** Every version that the runs overwrote or deleted is in this machine's backups. */
    private static void assertOldVersionsBackedUp(Path trial, Map<String, SortedMap<String, String>> before,
                                                  Map<String, String> finalLocal, Map<String, String> finalCloud,
                                                  String at) throws IOException {
        Set<String> backedUp = new HashSet<>();
        try (Stream<Path> s = Files.walk(trial.resolve("ws/backups"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                backedUp.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String side : List.of("local", "cloud")) {
            Map<String, String> after = side.equals("local") ? finalLocal : finalCloud;
            before.get(side).forEach((rel, old) -> {
                if (!old.equals(after.get(rel)) && !backedUp.contains(old)) {
                    missing.add(side + ":" + rel);
                }
            });
        }
        assertEquals(List.of(), missing, at + ": overwritten or deleted versions missing from the backups");
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
