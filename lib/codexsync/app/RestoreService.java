// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.app.RestoreRequest.Target;
import codexsync.apply.ApplyContext;
import codexsync.apply.ApplyHooks;
import codexsync.apply.ApplyResult;
import codexsync.apply.JournalRecovery;
import codexsync.apply.Side;
import codexsync.apply.WriteAction;
import codexsync.apply.WriteEngine;
import codexsync.backup.OpenSnapshot;
import codexsync.backup.RestoreScope;
import codexsync.backup.RestoreScope.Verdict;
import codexsync.backup.SnapshotCatalog;
import codexsync.backup.SnapshotEntry;
import codexsync.backup.SnapshotInfo;
import codexsync.backup.SnapshotStats;
import codexsync.config.StatePaths;
import codexsync.config.SyncConfig;
import codexsync.core.CodexsyncException;
import codexsync.core.ExitStatus;
import codexsync.core.HostEnvironment;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.core.Progress;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.FileHasher;
import codexsync.fs.StagingNames;
import codexsync.guard.CodexGuard;
import codexsync.guard.ProcessCodexGuard;
import codexsync.guard.RunLock;
import codexsync.scan.FolderScanner;
import codexsync.scan.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code restore}: puts files back from a backup snapshot into the Codex home or the cloud mirror (BEHAVIOUR
 * §2.8, D22). Order of safety steps: Codex guard first (dry runs too, as 0.1.1), then the snapshot is resolved
 * inside {@code backup_dir} only, opened and fully validated (names, CRCs, sizes, manifest), and every destination
 * checked to lie inside the target — all before anything is written. An apply then writes through the same
 * {@link WriteEngine} as sync (journal, a NEW snapshot of every file it replaces, staged atomic writes), so a crash
 * is recovered alike. The base state is never touched, so the next sync propagates what was restored.
 */
public final class RestoreService {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);

    private final HostEnvironment host;
    private final CodexGuard guard;
    private final Clock clock;

    public RestoreService(HostEnvironment host) {
        this(host, new ProcessCodexGuard(), Clock.systemUTC());
    }

    /** For tests: a fake guard and a fixed clock (the clock names the backup snapshot). */
    public RestoreService(HostEnvironment host, CodexGuard guard, Clock clock) {
        this.host = host;
        this.guard = guard;
        this.clock = clock;
    }

    /** One line of the restore plan. */
    private record Item(SnapshotEntry entry, String action, String reason, Path destination) {
    }

    public Report restore(Invocation inv, RestoreRequest req) {
        long t0 = System.nanoTime();
        try {
            return run(inv, req, t0);
        } catch (CodexsyncException e) {
            failureSummary(req, e, t0);
            throw e;
        }
    }

    private Report run(Invocation inv, RestoreRequest req, long t0) {
        Instant started = clock.instant();
        SyncConfig config = new ConfigService(host).load(inv);
        // A machine id another installation owns: its lock, journal and backup names are that machine's, so a
        // restore --apply stops (exit 4) before anything is written, not even a log file. A restore never writes the
        // state file, so it neither creates this installation's id nor takes the machine id over.
        String claimWarning = null;
        if (req.apply()) {
            MachineIdClaim claim;
            try {
                claim = MachineIdClaim.check(config, host);
            } catch (InvalidInputException e) {
                // Restore is how one repairs things; an unreadable state or id file must not block it (sync refuses).
                claim = null;
                claimWarning = "cannot tell whether machine id \"" + config.machineId() + "\" belongs to this "
                        + "installation: " + e.getMessage();
            }
            if (claim != null && claim.foreign()) {
                throw claim.refusal();
            }
        }
        RunLogging.start(config, req.apply() ? "restore --apply" : "restore", inv.verbose());
        if (claimWarning != null) {
            LOG.warn(claimWarning);
        }
        // Cold-sync precondition before anything else, dry runs included (0.1.1); dry runs never terminate Codex.
        GuardRequest.ensureCodexStopped(guard, config, inv, req.apply());
        if (req.apply()) {
            config.paths().requireWorkspace();
        }
        SnapshotCatalog catalog = new SnapshotCatalog(backupDir(config.paths()));
        Path targetRoot = req.target() == Target.LOCAL ? config.paths().localStateDir()
                : config.paths().requireCloudRoot();
        SnapshotInfo snapshot = req.from() == null ? catalog.newest() : catalog.resolve(req.from());
        LOG.info("restore from {} into {} ({})", snapshot.path(), targetRoot, req.apply() ? "apply" : "dry run");

        try (OpenSnapshot open = OpenSnapshot.open(snapshot)) {
            // Opening validated the whole snapshot; planning checks every destination. Both come before the lock,
            // so a refused restore leaves no trace at all, not even the lock folder.
            List<Item> items = plan(open, config, req.target(), targetRoot);
            if (!req.apply()) {
                summaryLine(req, items, 0, 0, t0);
                return report(snapshot, req, targetRoot, items, open.hasManifest(), null, 0, List.of());
            }
            // One writing run per machine (D20): a restore --apply must not interleave with a sync --apply.
            // Every staging file the run creates carries the machine id, as a sync's do: in the shared cloud mirror
            // another machine never takes it for a leftover, and this machine's next run removes it at once.
            try (StagingNames.OwnerScope owner = StagingNames.ownedBy(config.machineId());
                 RunLock lock = RunLock.acquire(config.paths().tempDir(), config.machineId(), host.hostName(),
                    "restore --apply")) {
                // A sync or restore killed earlier is finished or rolled back first (D21), then planned again
                // under the lock: what is replaced (and so backed up) is what is there now.
                List<String> recovered = new ArrayList<>(JournalRecovery.recover(config).lines());
                // Then staging files no journal knows (left by an older codexsync, or in the shared cloud mirror by
                // another machine's run): in the mirror only the stale ones (see StaleStaging).
                Snapshot scanned = new FolderScanner(config.selection(), host.hostName(), Progress.NONE)
                        .scan(targetRoot);
                StaleStaging.Outcome staging = req.target() == Target.LOCAL
                        ? StaleStaging.remove(scanned, null, Instant.now(), config.machineId())
                        : StaleStaging.remove(null, scanned, Instant.now(), config.machineId());
                recovered.addAll(staging.lines());
                recovered.addAll(staging.warnings());
                StaleStaging.Outcome temp = StaleStaging.sweepTempDir(config.paths().tempDir(), clock.instant(),
                    config.machineId());
                recovered.addAll(temp.lines());
                recovered.addAll(temp.warnings());
                items = plan(open, config, req.target(), targetRoot);
                ApplyResult result = write(open, items, config, req.target(), started);
                recovered.addAll(lock.warnings());
                summaryLine(req, items, result.backedUp(), result.bytes(), t0);
                return report(snapshot, req, targetRoot, items, open.hasManifest(), result.snapshot(),
                        result.backedUp(), recovered);
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("restore failed while reading: " + e.getMessage(), null,
                    "fix the cause and run the restore again", e);
        }
    }

    /** {@code restore --list}: every snapshot in backup_dir, newest first. Read-only; needs no guard. */
    public Report list(Invocation inv) {
        SyncConfig config = new ConfigService(host).load(inv);
        SnapshotCatalog catalog = new SnapshotCatalog(backupDir(config.paths()));
        List<SnapshotInfo> all = catalog.list();
        List<String> lines = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        if (all.isEmpty()) {
            lines.add("No backup snapshots found in: " + catalog.backupDir());
        } else {
            lines.add(String.format(Locale.ROOT, "%-40s %-16s %-20s %-6s %7s %10s", "NAME", "MACHINE", "TIME (UTC)",
                    "FORMAT", "FILES", "SIZE"));
        }
        for (SnapshotInfo s : all) {
            SnapshotStats st = SnapshotStats.of(s);
            String time = s.created() == null ? "-" : s.created().toString();
            String format = s.format().wireName() + (st.readable() ? "" : " (unreadable)");
            lines.add(String.format(Locale.ROOT, "%-40s %-16s %-20s %-6s %7d %10s", s.name(),
                    s.machineId() == null ? "-" : s.machineId(), time, format, st.files(), Progress.size(st.bytes())));
            json.add(Json.object("name", s.name(), "machine_id", s.machineId(),
                    "created", s.created() == null ? null : s.created().toString(),
                    "modified", s.modified().toString(), "format", s.format().wireName(),
                    "readable", st.readable(), "files", st.files(), "bytes", st.bytes()));
        }
        return new SimpleReport(ExitStatus.OK, lines,
                Json.object("backup_dir", catalog.backupDir().toString(), "snapshots", json), List.of());
    }

    private static Path backupDir(StatePaths paths) {
        if (paths.backupDir() == null) {
            throw new InvalidInputException("no backup folder is configured, so there is nothing to restore from", null,
                    StatePaths.NO_WORKSPACE_HINT);
        }
        return paths.backupDir();
    }

    private List<Item> plan(OpenSnapshot open, SyncConfig config, Target target, Path targetRoot) throws IOException {
        RestoreScope scope = new RestoreScope(target.wireName(), config.selection());
        Path root = targetRoot.toAbsolutePath().normalize();
        List<Item> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Integer> compare = new ArrayList<>();
        List<Path> compareFiles = new ArrayList<>();
        for (SnapshotEntry e : open.entries()) {
            RestoreScope.Decision d = scope.decide(e);
            if (d.verdict() != Verdict.RESTORE) {
                items.add(new Item(e, d.verdict() == Verdict.REFUSED ? "refused" : "skipped", d.reason(), null));
                continue;
            }
            Path dest = destination(root, e, open.info());
            if (!seen.add(e.path())) {
                // The first record of a path is its state before the run that backed it up touched it.
                items.add(new Item(e, "skipped", "a second copy of this path in the snapshot; the first is restored",
                        null));
            } else if (Files.isSymbolicLink(dest) || Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new Item(e, "refused", "a link or folder is in its place in the target", null));
            } else {
                if (Files.isRegularFile(dest, LinkOption.NOFOLLOW_LINKS) && Files.size(dest) == e.size()) {
                    compare.add(items.size()); // maybe unchanged: decided by hash below
                    compareFiles.add(dest);
                }
                items.add(new Item(e, "restore", null, dest));
            }
        }
        // Files that may already hold the snapshot's bytes are hashed together, on every core.
        List<String> hashes = FileHasher.sha256All(compareFiles);
        for (int j = 0; j < compare.size(); j++) {
            Item item = items.get(compare.get(j));
            if (hashes.get(j).equalsIgnoreCase(item.entry().sha256())) {
                items.set(compare.get(j), new Item(item.entry(), "unchanged", null, item.destination()));
            }
        }
        return items;
    }

    /**
     * Where an entry goes: inside the target root, and (following any links in the folders that already exist) still
     * inside it. Entry names were checked when the snapshot was opened; this re-checks the resolved path, because
     * a restore must never write outside its target whatever the snapshot says.
     */
    private static Path destination(Path root, SnapshotEntry e, SnapshotInfo info) throws IOException {
        Path dest = root.resolve(e.path()).normalize();
        boolean inside = dest.startsWith(root) && !dest.equals(root);
        if (inside && Files.exists(root)) {
            Path existing = dest.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            inside = existing != null && existing.toRealPath().startsWith(root.toRealPath());
        }
        if (!inside) {
            throw new InvalidInputException("Backup snapshot " + info.name() + " holds an entry that would land "
                    + "outside the target: '" + e.path() + "'", info.path().toString(),
                    "nothing was written; restore another snapshot (`codexsync restore --list`), or check for links "
                            + "in " + root);
        }
        return dest;
    }

    /**
     * Writes the planned files through the {@link WriteEngine}, as sync does: journal, a NEW snapshot of every file
     * about to be replaced, staged atomic writes, pruning of this machine's snapshots (never the one just written).
     * Ctrl-C or a scheduler's SIGTERM is honoured between files (D21); a crash is finished or rolled back by the next
     * writing run's recovery. The base state is never touched (the next sync propagates what was restored).
     */
    private ApplyResult write(OpenSnapshot open, List<Item> items, SyncConfig config, Target target, Instant started) {
        Side side = target == Target.LOCAL ? Side.LOCAL : Side.CLOUD;
        List<WriteAction> actions = new ArrayList<>();
        for (Item it : items) {
            if (it.action().equals("restore")) {
                actions.add(new WriteAction.Restore(it.entry().path(), side, open, it.entry()));
            }
        }
        try (StopOnSignal stop = StopOnSignal.install()) {
            ApplyContext ctx = new ApplyContext(config.machineId(), "restore --apply",
                    config.paths().localStateDir(), config.paths().cloudRoot(), config.paths().backupDir(),
                    config.paths().tempDir(), null, config.backup(), started, null, Progress.NONE, stop,
                    ApplyHooks.NONE);
            return new WriteEngine(ctx).run(actions, null);
        }
    }

    private static Report report(SnapshotInfo snapshot, RestoreRequest req, Path targetRoot, List<Item> items,
                                 boolean hasManifest, String backupName, int backedUp, List<String> lockWarnings) {
        List<String> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>(lockWarnings);
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String a : List.of("restore", "unchanged", "refused", "skipped")) {
            counts.put(a, 0);
        }
        int otherSide = 0;
        for (Item it : items) {
            counts.merge(it.action(), 1, Integer::sum);
            if (!it.action().equals("skipped")) {
                lines.add("  " + it.action() + ": " + it.entry().path()
                        + (it.reason() == null ? "" : " (" + it.reason() + ")"));
            }
            if (it.action().equals("refused")) {
                warnings.add("refused to restore " + it.entry().path() + ": " + it.reason());
            }
            if (it.reason() != null && it.reason().startsWith("backed up from the")) {
                otherSide++;
            }
            files.add(Json.object("path", it.entry().path(), "entry", it.entry().entry(), "side", it.entry().side(),
                    "action", it.action(), "reason", it.reason(), "size", it.entry().size()));
        }
        int planned = counts.get("restore") + counts.get("unchanged");
        int skipped = counts.get("skipped");
        if (skipped > 0) {
            String other = req.target() == Target.LOCAL ? "cloud" : "local";
            lines.add("Left out " + skipped + " file(s) of the snapshot: " + otherSide + " backed up from the " + other
                    + " side (restore them with --target " + other + "), " + (skipped - otherSide)
                    + " outside include_roots, excluded by exclude_globs, or a second copy");
        }
        if (!hasManifest) {
            lines.add("Note: " + snapshot.name() + " has no codexsync manifest (a 0.1.1 snapshot), so the side of its "
                    + "files is unknown; all of them are restored to " + req.target().wireName());
        }
        if (req.apply()) {
            lines.add(backupName == null ? "No existing file was replaced, so no backup snapshot was written."
                    : "Backed up " + backedUp + " replaced file(s) to " + backupName);
        }
        lines.add((req.apply() ? "Restore finished." : "Dry-run finished.") + " snapshot=" + snapshot.name()
                + " target=" + req.target().wireName() + " files=" + planned);

        Map<String, Object> summary = Json.object("files", planned,
                "restored", req.apply() ? counts.get("restore") : 0, "to_restore", counts.get("restore"),
                "unchanged", counts.get("unchanged"), "refused", counts.get("refused"), "left_out", skipped,
                "left_out_other_side", otherSide, "backed_up", backedUp);
        Map<String, Object> doc = Json.object("mode", req.apply() ? "apply" : "dry-run", "snapshot", snapshot.name(),
                "snapshot_format", snapshot.format().wireName(), "snapshot_has_manifest", hasManifest,
                "target", req.target().wireName(), "target_dir", targetRoot.toString(),
                "backup_snapshot", backupName, "files", files, "summary", summary);
        return new SimpleReport(ExitStatus.OK, lines, doc, warnings);
    }

    /** The {@code codexsync.summary} line (RunSummary); in a dry run {@code copied} counts what would be copied. */
    private static void summaryLine(RestoreRequest req, List<Item> items, int backedUp, long bytes, long t0) {
        long copied = items.stream().filter(i -> i.action().equals("restore")).count();
        long skipped = items.size() - copied;
        new RunSummary("restore", !req.apply(), copied, backedUp, skipped, 0, 0, bytes,
                (System.nanoTime() - t0) / 1e9, 0).log();
    }

    private static void failureSummary(RestoreRequest req, CodexsyncException e, long t0) {
        new RunSummary("restore", !req.apply(), 0, 0, 0, 0, 0, 0, (System.nanoTime() - t0) / 1e9,
                e.status().code()).log();
    }
}
