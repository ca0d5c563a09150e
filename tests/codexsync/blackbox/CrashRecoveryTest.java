// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.ApplyStep;
import codexsync.fs.CrashPoints;
import codexsync.fs.CrashPoints.Phase;
import codexsync.fs.StagingNames;
import codexsync.testsupport.ChildJvm;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.SyncFixtures;
import codexsync.testsupport.TreeCopy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection (D21): kills a REAL {@code sync --apply} or {@code restore --apply} process at many exact points —
 * inside the staged file writes (copies, and the line merge of a diverged history.jsonl on both sides), inside the
 * backup snapshot (folder and zip), inside a journal append (a torn last line), inside the base-state write, and
 * at every step kind of the write engine — then runs the same command again
 * and checks that nothing was lost.
 *
 * <p>The child is {@code java -cp <this test JVM's class path> codexsync.commands.SyncCommand|RestoreCommand} with
 * {@code -Dcodexsync.test.crashAt=PHASE:N} ({@link CrashPoints}): it writes up to the N-th byte of that phase (or
 * reaches the N-th engine step) and halts there as SIGKILL would (no {@code finally}, no shutdown hook). Kill points
 * are chosen deterministically from one uninterrupted reference run of each scenario, measured in this JVM: every
 * step kind once, the rest spread over the steps and over the bytes of each phase. After each kill every file is
 * its old or its new version; the rerun (in this JVM) exits 0, leaves no staging file or journal, has every
 * replaced version in a backup, and reaches exactly the reference's end state.
 *
 * <p>Trials: 104 by default (CI; about 4 minutes on 2 cores); {@code CODEXSYNC_CRASH_TRIALS=N} or
 * {@code -Dcodexsync.crash.trials=N} for more
 * (docs/safety.md: the 1,000-trial run).
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    private static final int FILES = 60;
    private static final String MACHINE = "laptop";

    /** One writing command from one prepared state. */
    private record Scenario(String id, Path template, String zip, List<String> args, double share) {
    }

    /** An uninterrupted run: the state it ends in and what it wrote, per phase. */
    private record Reference(SortedMap<String, String> local, SortedMap<String, String> cloud,
                             Map<Phase, Long> written, List<String> steps) {
    }

    private int trials;
    private int recovered;
    private final List<String> lost = new ArrayList<>();
    private final Set<String> points = new LinkedHashSet<>();
    private final Set<String> stepKinds = new HashSet<>();
    private final Set<String> phasesHit = new HashSet<>();
    private long childNanos;
    private long rerunNanos;
    private Path cdsArchive;

    @Test
    void sigkill_inside_every_write_and_at_every_step_of_sync_and_restore_never_loses_or_mixes_a_file()
            throws Exception {
        int total = trials();
        Path syncFolder = prepareSync(dir.resolve("tpl-sync-folder"), "");
        Path syncZip = prepareSync(dir.resolve("tpl-sync-zip"), "compression = \"zip\"");
        // The restore scenario starts where a sync ended: its snapshot holds the versions that sync replaced.
        Path restore = TreeCopy.copy(syncFolder, dir.resolve("tpl-restore"));
        assertEquals(0, run(restore, "", List.of("sync", "--apply")).code());
        String snapshot;
        try (Stream<Path> s = Files.list(restore.resolve("ws/backups"))) {
            snapshot = s.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
        }
        List<Scenario> scenarios = List.of(
                new Scenario("sync-folder", syncFolder, "", List.of("sync", "--apply"), 0.37),
                new Scenario("sync-zip", syncZip, "compression = \"zip\"", List.of("sync", "--apply"), 0.33),
                new Scenario("restore", restore, "",
                        List.of("restore", "--from", snapshot, "--target", "local", "--apply"), 0.30));
        cdsArchive = classDataArchive(scenarios.get(0));
        for (Scenario s : scenarios) {
            runScenario(s, (int) Math.ceil(total * s.share()));
        }

        // The figure the issue asks for, on the test's stdout.
        System.out.println(trials + " trials, " + recovered + " recovered, " + lost.size() + " lost ("
                + points.size() + " distinct kill points; step kinds " + stepKinds.size() + "/"
                + ApplyStep.values().length + "; phases " + phasesHit + "; killed children took "
                + childNanos / 1_000_000 / Math.max(1, trials) + " ms, reruns " + rerunNanos / 1_000_000 / Math.max(1, trials)
                + " ms each on average)");
        assertEquals(List.of(), lost, "trials that lost or mixed a file");
        assertEquals(trials, recovered);
        assertTrue(trials >= total && points.size() >= Math.min(total, 100), "distinct points: " + points.size());
        assertEquals(ApplyStep.values().length, stepKinds.size(), "every step kind is a kill point: " + stepKinds);
        assertEquals(Set.of("FILE", "BACKUP", "JOURNAL", "BASE_STATE", "STEP"), phasesHit);
    }

    static int trials() {
        String p = System.getProperty("codexsync.crash.trials", System.getenv("CODEXSYNC_CRASH_TRIALS"));
        return p == null || p.isBlank() ? 104 : Integer.parseInt(p.trim());
    }

    private void runScenario(Scenario s, int budget) throws Exception {
        Reference ref = reference(s);
        SortedMap<String, String> beforeLocal = SyncFixtures.contents(s.template().resolve("home"));
        SortedMap<String, String> beforeCloud = SyncFixtures.contents(s.template().resolve("ws/sync"));
        int n = 0;
        for (String point : killPoints(ref, budget)) {
            Path trial = TreeCopy.copy(s.template(), dir.resolve(s.id() + "-" + String.format("%04d", n++)));
            String at = s.id() + " killed at " + point + " (" + trial + ")";
            trials++;
            points.add(s.id() + "/" + point);
            phasesHit.add(point.substring(0, point.indexOf(':')));
            if (point.startsWith("STEP:")) {
                stepKinds.add(ref.steps().get(Integer.parseInt(point.substring(5)) - 1));
            }
            List<String> problems = new ArrayList<>();
            long t0 = System.nanoTime();
            int code = killAt(trial, s, point);
            childNanos += System.nanoTime() - t0;
            if (code != CrashPoints.HALT_STATUS) {
                problems.add("the child was not killed there (exit " + code + ")");
            }
            problems.addAll(oldOrNew(trial.resolve("home"), beforeLocal, ref.local()));
            problems.addAll(oldOrNew(trial.resolve("ws/sync"), beforeCloud, ref.cloud()));
            long t1 = System.nanoTime();
            CliRun.Result again = run(trial, s.zip(), s.args());
            rerunNanos += System.nanoTime() - t1;
            if (again.code() != 0) {
                problems.add("the rerun failed: " + again);
            }
            if (!ref.local().equals(SyncFixtures.contents(trial.resolve("home")))
                    || !ref.cloud().equals(SyncFixtures.contents(trial.resolve("ws/sync")))) {
                problems.add("the rerun did not reach the uninterrupted run's state");
            }
            problems.addAll(leftovers(trial));
            problems.addAll(notBackedUp(trial, beforeLocal, ref.local(), beforeCloud, ref.cloud()));
            if (problems.isEmpty()) {
                recovered++;
                deleteTree(trial);
            } else {
                lost.add(at + ": " + problems); // the trial folder stays for inspection
            }
        }
    }

    /**
     * A class-data sharing archive of one uninterrupted child run, which the killed children map instead of loading
     * and verifying their classes again: their start-up is most of a trial's time. Null when it could not be made
     * (the children then simply start slower).
     */
    private Path classDataArchive(Scenario s) throws Exception {
        Path warm = TreeCopy.copy(s.template(), dir.resolve("cds-warm-up"));
        Path archive = dir.resolve("children.jsa");
        List<String> args = new ArrayList<>(List.of("-c", writeConfig(warm, s.zip()).toString()));
        args.addAll(s.args().subList(1, s.args().size()));
        Process p = ChildJvm.command(List.of("-XX:ArchiveClassesAtExit=" + archive), "codexsync.commands.SyncCommand",
                args.toArray(String[]::new)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        deleteTree(warm);
        return ended && p.exitValue() == 0 && Files.isRegularFile(archive) ? archive : null;
    }

    /** Runs the scenario once without a kill (in this JVM) and measures what it wrote. */
    private Reference reference(Scenario s) throws IOException {
        Path ref = TreeCopy.copy(s.template(), dir.resolve(s.id() + "-9999"));
        CrashPoints.reset();
        CliRun.Result r = run(ref, s.zip(), s.args());
        assertEquals(0, r.code(), r.toString());
        Map<Phase, Long> written = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            written.put(p, CrashPoints.written(p));
        }
        List<String> steps = CrashPoints.steps();
        if (s.args().get(0).equals("sync")) {
            String history = SyncFixtures.contents(ref.resolve("home")).get("history.jsonl");
            assertTrue(history.contains(LOCAL_PROMPT) && history.contains(CLOUD_PROMPT),
                    s.id() + ": the reference run merged history.jsonl\n" + r);
            assertEquals(history, SyncFixtures.contents(ref.resolve("ws/sync")).get("history.jsonl"));
        }
        assertTrue(written.get(Phase.FILE) > 0 && written.get(Phase.BACKUP) > 0 && steps.size() > 20,
                s.id() + " wrote too little to test: " + written + "\n" + r);
        return new Reference(SyncFixtures.contents(ref.resolve("home")), SyncFixtures.contents(ref.resolve("ws/sync")),
                written, steps);
    }

    /**
     * {@code budget} distinct kill points: the first step of every kind, then points spread evenly over the steps
     * and over the bytes of every phase that wrote any (a journal's last bytes vary with the run's start time, so its
     * points stay clear of its end). Deterministic: the same reference gives the same points.
     */
    private static List<String> killPoints(Reference ref, int budget) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < ref.steps().size(); i++) {
            if (!ref.steps().subList(0, i).contains(ref.steps().get(i))) {
                out.add("STEP:" + (i + 1));
            }
        }
        List<Phase> phases = new ArrayList<>();
        for (Phase p : Phase.values()) {
            if (ref.written().get(p) > 0) {
                phases.add(p);
            }
        }
        // Rounds of ever finer grids until the budget is met: a phase with few points (a restore has few steps)
        // runs out of new ones, and the byte phases then take its share.
        for (int each = Math.max(1, (budget - out.size()) / phases.size()); out.size() < budget; each *= 2) {
            for (Phase p : phases) {
                long size = p == Phase.JOURNAL ? ref.written().get(p) - 64 : ref.written().get(p);
                for (int j = 0; j < each && out.size() < budget; j++) {
                    out.add(p + ":" + (1 + (long) ((j + 0.5) * (size - 1) / each)));
                }
            }
        }
        return new ArrayList<>(out);
    }

    private int killAt(Path trial, Scenario s, String point) throws Exception {
        Path cfg = writeConfig(trial, s.zip());
        List<String> args = new ArrayList<>(List.of("-c", cfg.toString()));
        args.addAll(s.args().subList(1, s.args().size()));
        String main = s.args().get(0).equals("sync") ? "codexsync.commands.SyncCommand"
                : "codexsync.commands.RestoreCommand";
        // C1 only: these children live for a second; full JIT compilation would cost more than it saves.
        List<String> jvm = new ArrayList<>(List.of("-D" + CrashPoints.PROPERTY + "=" + point,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (cdsArchive != null) {
            jvm.add("-XX:SharedArchiveFile=" + cdsArchive);
        }
        ProcessBuilder pb = ChildJvm.command(jvm, main, args.toArray(String[]::new));
        pb.redirectError(trial.resolve("child.err").toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child did not end at " + point);
        }
        return p.exitValue();
    }

    private static CliRun.Result run(Path root, String zip, List<String> args) {
        List<String> all = new ArrayList<>(List.of("-c", writeConfig(root, zip).toString()));
        all.addAll(args);
        return CliRun.umbrella(all.toArray(String[]::new));
    }

    /** A synced pair of folders, then edits on both sides, new files and deletions to propagate. */
    private static Path prepareSync(Path root, String zip) {
        Path home = root.resolve("home");
        SyncFixtures.generateHome(home, FILES, 42);
        CliRun.Result first = run(root, zip, List.of("sync", "--apply"));
        assertEquals(0, first.code(), first.toString());
        Path cloud = root.resolve("ws/sync");
        for (int i = 0; i < 30; i++) {
            String rel = String.format("sessions/2026/01/%02d/rollout-%05d.jsonl", 1 + (i * 2 / 40) % 28, i * 2);
            if (Files.exists(home.resolve(rel))) {
                write(i % 2 == 0 ? home : cloud, rel, ("edited " + i + " on " + (i % 2 == 0 ? "local" : "cloud")
                        + "\n").repeat(40), T0 + 10_000 + i);
            }
        }
        for (int i = 0; i < 10; i++) {
            write(home, "sessions/2026/02/01/new-" + i + ".jsonl", "new " + i + "\n", T0 + 20_000 + i);
        }
        // history.jsonl diverges (a prompt on each machine): the run merges it into both sides (D29), so the kill
        // points also fall inside a merge, its staged record and the cloud side's copy of the merged file.
        append(home, "history.jsonl", LOCAL_PROMPT);
        append(cloud, "history.jsonl", CLOUD_PROMPT);
        for (int i = 0; i < 4; i++) {
            try {
                Files.deleteIfExists(home.resolve("skills/skill-" + i + "/SKILL.md"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return root;
    }

    private static final String LOCAL_PROMPT = "{\"session_id\":\"s-local\",\"ts\":1770000000,\"text\":\"asked here\"}\n";
    private static final String CLOUD_PROMPT = "{\"session_id\":\"s-cloud\",\"ts\":1770000001,\"text\":\"asked there\"}\n";

    private static void append(Path root, String rel, String line) {
        try {
            Path f = root.resolve(rel);
            long mtime = Files.getLastModifiedTime(f).toMillis() / 1000;
            write(root, rel, Files.readString(f, StandardCharsets.UTF_8) + line, mtime + 30_000);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path writeConfig(Path root, String zip) {
        return SyncFixtures.config(root.resolve("config.toml"), MACHINE, root.resolve("home"), root.resolve("ws"),
                Map.of("sync", "delete_policy = \"propagate\"\nmax_delete_percent = 100", "backup", zip));
    }

    /** Files that are neither their old nor their new version, and old files that vanished. */
    private static List<String> oldOrNew(Path root, Map<String, String> before, Map<String, String> after) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : SyncFixtures.contents(root).entrySet()) {
            if (StagingNames.isStaging(Path.of(e.getKey()).getFileName().toString())) {
                continue; // a staging file the kill left; the rerun must remove it (checked after it)
            }
            if (!e.getValue().equals(before.get(e.getKey())) && !e.getValue().equals(after.get(e.getKey()))) {
                problems.add(e.getKey() + " is neither its old nor its new version");
            }
        }
        for (String rel : after.keySet()) {
            if (before.containsKey(rel) && !Files.exists(root.resolve(rel))) {
                problems.add(rel + " vanished");
            }
        }
        return problems;
    }

    private static List<String> leftovers(Path trial) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(trial)) {
            s.filter(p -> StagingNames.isStaging(p.getFileName().toString())).forEach(p -> found.add("staging " + p));
        }
        if (Files.exists(trial.resolve("ws/.tmp/journal/" + MACHINE + ".journal"))) {
            found.add("the journal is still there");
        }
        return found;
    }

    /** Every version that the runs overwrote or deleted is in this machine's backups (folders or zips). */
    private static List<String> notBackedUp(Path trial, Map<String, String> beforeLocal, Map<String, String> local,
                                            Map<String, String> beforeCloud, Map<String, String> cloud)
            throws IOException {
        Set<String> backedUp = new HashSet<>();
        try (Stream<Path> s = Files.walk(trial.resolve("ws/backups"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (p.toString().endsWith(".zip")) {
                    try (ZipFile zip = new ZipFile(p.toFile())) {
                        for (ZipEntry e : Collections.list(zip.entries())) {
                            try (InputStream in = zip.getInputStream(e)) {
                                backedUp.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                } else {
                    backedUp.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        beforeLocal.forEach((rel, old) -> {
            if (!old.equals(local.get(rel)) && !backedUp.contains(old)) {
                missing.add("local " + rel + " not backed up");
            }
        });
        beforeCloud.forEach((rel, old) -> {
            if (!old.equals(cloud.get(rel)) && !backedUp.contains(old)) {
                missing.add("cloud " + rel + " not backed up");
            }
        });
        return missing;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
