// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.ActionOutcome;
import codexsync.apply.ApplyContext;
import codexsync.apply.ApplyHooks;
import codexsync.apply.ApplyResult;
import codexsync.apply.JournalRecovery;
import codexsync.apply.PlanApplier;
import codexsync.apply.StateParseCache;
import codexsync.config.SyncConfig;
import codexsync.core.CodexsyncException;
import codexsync.core.ConflictException;
import codexsync.core.ExitStatus;
import codexsync.core.HostEnvironment;
import codexsync.core.Json;
import codexsync.core.Progress;
import codexsync.core.RuntimeFailureException;
import codexsync.core.SafeAbortException;
import codexsync.fs.AtomicFiles;
import codexsync.fs.StagingNames;
import codexsync.guard.CodexGuard;
import codexsync.guard.RunLock;
import codexsync.plan.ActionKind;
import codexsync.plan.Conflict;
import codexsync.plan.ContentWrite;
import codexsync.plan.PlannedAction;
import codexsync.plan.SyncPlan;
import codexsync.scan.ContentHashes;
import codexsync.apply.BaseStateStore;
import codexsync.apply.MachineState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sync}: guard, handoff check (every other machine's last handoff has arrived in the cloud mirror, D27), lock,
 * recover, scan, plan, then either describe (dry run: writes nothing at all — no folder,
 * lock, journal or base state) or apply through {@link PlanApplier}. Conflicts stop the run with exit 2 before
 * anything is written; only {@code --apply} creates folders (D10).
 */
public final class SyncService {
    /** {@code --dry-run}, {@code --apply}, or neither (then {@code sync.dry_run_default} decides). */
    public enum Mode { DEFAULT, DRY_RUN, APPLY }

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    private static final String COMMAND = "sync --apply";

    private final HostEnvironment host;
    private final CodexGuard guard;
    private final ApplyHooks hooks;
    private final Progress progress;
    private final Clock clock;

    public SyncService(HostEnvironment host, CodexGuard guard, ApplyHooks hooks, Progress progress) {
        this(host, guard, hooks, progress, Clock.systemUTC());
    }

    /** For tests: {@code clock} only decides the age of staging files in the cloud mirror ({@link StaleStaging}). */
    SyncService(HostEnvironment host, CodexGuard guard, ApplyHooks hooks, Progress progress, Clock clock) {
        this.host = host;
        this.guard = guard;
        this.hooks = hooks;
        this.progress = progress;
        this.clock = clock;
    }

    /** The service as the CLI runs it: the real process guard, the given progress display, no hooks. */
    public static SyncService standard(HostEnvironment host, Progress progress) {
        return new SyncService(host, new codexsync.guard.ProcessCodexGuard(), ApplyHooks.NONE, progress);
    }

    /**
     * @param handoffCheck false for {@code --no-handoff-check}: pull without first checking that every other
     *                     machine's last handoff has fully arrived in the cloud mirror (D27)
     * @param takeOver true for {@code --take-over-machine-id}: this installation becomes the owner of its machine id's
     *                 state file even when another installation owns it (a reinstalled machine); the previous owner
     *                 is refused from then on
     */
    public Report sync(Invocation inv, Mode mode, boolean handoffCheck, boolean takeOver) {
        long started = System.nanoTime();
        SyncConfig config = new ConfigService(host).load(inv);
        boolean apply = mode == Mode.APPLY || (mode == Mode.DEFAULT && !config.sync().dryRunDefault());
        // Before logging starts: a machine id owned by another installation stops a writing run with nothing written,
        // not even a log file (the check only reads).
        // Read-only until a writing run has passed its checks and holds the lock (then apply() opens a writable one):
        // a refused run writes nothing, not even a kept parse.
        try (StateParseCache.Scope kept = KeptParses.open(host, false)) {
            MachineIdClaim claim = MachineIdClaim.check(config, host);
            if (apply && claim.foreign() && !takeOver) {
                throw claim.refusal();
            }
            RunLogging.start(config, apply ? "sync --apply" : "sync", inv.verbose());
            Counts counts = new Counts();
            try {
                Report report = apply ? apply(config, inv, counts, handoffCheck, takeOver)
                        : dryRun(config, inv, counts, handoffCheck, claim);
                logSummary(apply, counts, started, report.status().code());
                return report;
            } catch (CodexsyncException e) {
                logSummary(apply, counts, started, e.status().code());
                throw e;
            }
        }
    }

    private Report dryRun(SyncConfig config, Invocation inv, Counts counts, boolean handoffCheck,
                          MachineIdClaim claim) {
        Path local = config.paths().localStateDir();
        Path cloud = config.paths().requireCloudRoot();
        GuardRequest.ensureCodexStopped(guard, config, inv, false);
        HandoffWait.Result handoff = handoffCheck ? HandoffWait.checkOnce(config) : null;
        PreparedPlan p = plan(config);
        counts.from(p.plan());
        // RunSummary: in a dry run the figures are what the sync would do, as restore's dry run logs them.
        counts.copied = p.plan().count(ActionKind.COPY_TO_LOCAL) + p.plan().count(ActionKind.COPY_TO_CLOUD);
        counts.deleted = p.plan().count(ActionKind.DELETE_LOCAL) + p.plan().count(ActionKind.DELETE_CLOUD);
        refuseConflicts(config, p.plan());
        for (PlannedAction a : p.plan().actions()) {
            logAction(a, local, cloud);
        }
        List<String> warnings = new ArrayList<>(warnings(p));
        warnings.addAll(StaleStaging.describe(p.localSnapshot(), p.cloudSnapshot()));
        if (handoff != null) {
            warnings.addAll(handoff.warnings());
            handoff.pendingMessages().forEach(m -> warnings.add("a real sync would stop here (exit 5): " + m));
        }
        if (p.plan().mustAbort()) {
            warnings.add("a real sync would stop here (exit 5): " + p.plan().safeAbortReason());
        }
        if (claim.foreign()) {
            warnings.add("a real sync would stop here (exit 4): " + claim.problem() + " (fix: " + claim.fix() + ")");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Dry-run finished.");
        lines.add("  would copy: " + counts.copied + ", would delete: " + counts.deleted
                + ", conflicts: 0, skipped: " + p.plan().skipped().size());
        for (ContentWrite w : p.plan().contentWrites()) {
            lines.add("  would " + PlanReport.label(w) + ": " + w.path() + " (" + w.reason() + ")");
        }
        List<ArrivedSessions.Arrived> arriving = ArrivedSessions.of(p.plan(), p.localSnapshot(), cloud, false);
        lines.addAll(ArrivedSessions.humanLines("Sessions a sync would bring in", arriving));
        Map<String, Object> json = baseJson("dry-run", p.plan());
        json.putAll(Json.object("actions", actionsJson(p.plan().actions(), null),
                "content_writes", p.plan().contentWrites().stream().map(PlanReport::contentWriteJson).toList(),
                "arriving_sessions", ArrivedSessions.json(arriving),
                "safe_abort_reason", p.plan().safeAbortReason(),
                "handoff", handoff == null ? null : handoffJson(handoff),
                "machine_id_claim", claimJson(claim),
                "warnings", warnings));
        return new SimpleReport(ExitStatus.OK, lines, json, warnings);
    }

    static Map<String, Object> claimJson(MachineIdClaim claim) {
        return Json.object("status", claim.kind().name().toLowerCase(Locale.ROOT),
                "installation_id", claim.installationId(),
                "owner_installation_id", claim.owner() == null ? null : claim.owner().installationId(),
                "message", claim.describe());
    }

    private Report apply(SyncConfig config, Invocation inv, Counts counts, boolean handoffCheck, boolean takeOver) {
        Path local = config.paths().localStateDir();
        Path cloud = config.paths().requireCloudRoot();
        config.paths().requireWorkspace();
        // Read-only checks first, so bad input (an unreadable base state) is exit 4 with nothing written.
        BaseStateStore store = new BaseStateStore();
        store.loadState(config.paths().manifestFile(), config.machineId());
        GuardRequest.ensureCodexStopped(guard, config, inv, true);
        // Before the lock: a copy still arriving stops the run (exit 5) with nothing written, not even a lock file.
        HandoffWait.Result handoff = handoffCheck ? HandoffWait.await(config) : null;
        if (!handoffCheck) {
            LOG.warn("--no-handoff-check: not checking that other machines' files have arrived before pulling");
        }
        // Again after the handoff wait: another machine's state file for this id may have arrived meanwhile.
        MachineIdClaim current = MachineIdClaim.check(config, host);
        if (current.foreign() && !takeOver) {
            throw current.refusal();
        }
        // The first writing run creates this installation's id (outside the cloud folder); saveState records it.
        String installationId = InstallationId.ensure(host);
        List<String> claimNotes = claimNotes(current, installationId, takeOver);
        claimNotes.forEach(LOG::warn);
        Instant runStart = Instant.now();
        // Every staging file this run creates carries the machine id, so another machine never takes it for a leftover.
        try (StagingNames.OwnerScope owner = StagingNames.ownedBy(config.machineId());
             RunLock lock = RunLock.acquire(config.paths().tempDir(), config.machineId(), host.hostName(), COMMAND);
             StateParseCache.Scope kept = KeptParses.open(host, true)) {
            List<String> warnings = new ArrayList<>(lock.warnings());
            warnings.addAll(claimNotes);
            if (handoff != null) {
                warnings.addAll(handoff.warnings());
            }
            JournalRecovery.Outcome recovery = JournalRecovery.recover(config);
            PreparedPlan p = plan(config);
            warnings.addAll(warnings(p));
            counts.from(p.plan());
            refuseConflicts(config, p.plan());
            if (p.plan().mustAbort()) {
                throw new SafeAbortException(p.plan().safeAbortReason(), null,
                        "nothing was written; run `codexsync plan` to see why");
            }
            // Under the lock and after recovery: staging files no journal knows, and old leftovers in temp_dir.
            StaleStaging.Outcome staging = StaleStaging.remove(p.localSnapshot(), p.cloudSnapshot(), clock.instant(),
                    config.machineId());
            warnings.addAll(staging.warnings());
            StaleStaging.Outcome temp = StaleStaging.sweepTempDir(config.paths().tempDir(), clock.instant(),
                    config.machineId());
            warnings.addAll(temp.warnings());
            createWorkspaceFolders(config, cloud);
            ApplyResult result;
            try (StopOnSignal stop = StopOnSignal.install()) {
                ApplyContext ctx = new ApplyContext(config.machineId(), COMMAND, local, cloud,
                        config.paths().backupDir(), config.paths().tempDir(), config.paths().manifestFile(),
                        config.backup(), runStart,
                        state -> saveState(config, store, state, installationId, p.hashes()),
                        progress, stop, hooks);
                PlanApplier applier = new PlanApplier(ctx);
                try {
                    result = applier.apply(p.plan(), p.localSnapshot(), p.cloudSnapshot(), p.base());
                } catch (SafeAbortException e) {
                    // A run stopped by a signal: the summary line must tell what it really wrote, not zeros.
                    applier.stoppedWith().ifPresent(counts::add);
                    throw e;
                }
            }
            counts.add(result);
            List<String> lines = new ArrayList<>(recovery.lines());
            lines.addAll(staging.lines());
            lines.addAll(temp.lines());
            lines.add("Sync finished.");
            lines.add("  copied: " + counts.copied + " (to_local: " + p.plan().count(ActionKind.COPY_TO_LOCAL)
                    + ", to_cloud: " + p.plan().count(ActionKind.COPY_TO_CLOUD) + "), deleted: " + counts.deleted
                    + ", backed up: " + counts.backedUp + ", skipped: " + counts.skipped);
            lines.addAll(SyncOutcomeLines.produced(result));
            lines.addAll(SyncOutcomeLines.conflictLosers(p.plan(), result));
            if (result.snapshot() != null) {
                lines.add("  backup snapshot: " + config.paths().backupDir().resolve(result.snapshot()));
            }
            List<ArrivedSessions.Arrived> arrived = ArrivedSessions.of(p.plan(), p.localSnapshot(), local, true);
            lines.addAll(ArrivedSessions.humanLines("Sessions that arrived", arrived));
            Map<String, Object> json = baseJson("apply", p.plan());
            json.putAll(Json.object("actions", actionsJson(p.plan().actions(), result.outcomes()),
                    "copied", counts.copied, "deleted", counts.deleted, "backed_up", counts.backedUp,
                    "bytes", counts.bytes, "snapshot", result.snapshot(),
                    "content_writes", SyncOutcomeLines.producedJson(result),
                    "conflicts_resolved", SyncOutcomeLines.conflictLosersJson(p.plan(), result),
                    "arrived_sessions", ArrivedSessions.json(arrived),
                    "pruned", result.pruned(),
                    "recovery", recovery.lines(),
                    "stale_staging_removed", staging.removed(),
                    "handoff", handoff == null ? null : handoffJson(handoff),
                    "temp_files_removed", temp.removed(),
                    "warnings", warnings));
            return new SimpleReport(ExitStatus.OK, lines, json, warnings);
        }
    }

    /**
     * The last write of a run (D27): this machine's own state file with its base state and handoff record. Read again
     * here, under the run lock, so the hash cache and tombstones come from the file as it is now.
     */
    private void saveState(SyncConfig config, BaseStateStore store, codexsync.plan.BaseState state,
                           String installationId, ContentHashes planHashes) throws IOException {
        Path manifest = config.paths().manifestFile();
        MachineState previous = store.loadState(manifest, config.machineId());
        MachineState next = HandoffRecorder.next(previous, state, config.paths().requireCloudRoot(), host.hostName(),
                Instant.now(), store.others(manifest, config.machineId()).states(), planHashes);
        store.save(manifest, next, installationId);
    }

    /** What the user should hear about the machine id's ownership in a writing run that goes ahead. */
    private static List<String> claimNotes(MachineIdClaim claim, String installationId, boolean takeOver) {
        List<String> notes = new ArrayList<>();
        String file = claim.owner() == null ? null : claim.owner().file().toString();
        switch (claim.kind()) {
            case UNCLAIMED -> notes.add("the state file " + file + " names no installation (written before "
                    + "installation ids): this installation (" + installationId + ") adopts machine id \""
                    + claim.machineId() + "\"; another machine that uses the same id is refused from now on");
            case FOREIGN -> notes.add(MachineIdClaim.TAKE_OVER_OPTION + ": this installation (" + installationId
                    + ") takes over machine id \"" + claim.machineId() + "\" and its state file " + file
                    + " from installation " + claim.owner().installationId() + " (" + claim.lastSync()
                    + "); that installation's writing runs are refused from now on");
            default -> {
                if (takeOver) {
                    notes.add(MachineIdClaim.TAKE_OVER_OPTION + ": nothing to take over, machine id \""
                            + claim.machineId() + "\" is not owned by another installation");
                }
            }
        }
        return notes;
    }

    static List<Map<String, Object>> handoffJson(HandoffWait.Result handoff) {
        return handoff.arrivals().stream().map(a -> Json.object("machine_id", a.machineId(),
                "finished_at", a.finishedAt().toString(), "files", a.total(), "not_arrived", a.pending(),
                "examples", a.examples())).toList();
    }

    /**
     * The warnings the user should see: the config's (unknown keys) and the plan's, which already carry both scans'
     * warnings (prefixed with their side), so the scans' own lists are not added again.
     */
    private static List<String> warnings(PreparedPlan p) {
        List<String> w = new ArrayList<>(p.config().warnings());
        w.addAll(p.plan().warnings());
        return w;
    }

    /** Scans both sides, reads the base state and plans: the very same steps {@code plan} runs. */
    private PreparedPlan plan(SyncConfig config) {
        return new PlanService(host, progress).prepare(config);
    }

    /** 0.1.1's message, exit 2, before anything is written (dry run too). */
    private static void refuseConflicts(SyncConfig config, SyncPlan plan) {
        if (!plan.hasConflicts()) {
            return;
        }
        String files = config.conflict().reportConflicts()
                ? plan.conflicts().stream().map(Conflict::path).collect(Collectors.joining(", "))
                : "hidden by configuration";
        throw new ConflictException("Conflict detected for files: " + files + ". Resolve manually and rerun.", null,
                "decide which version wins (edit or delete one side), or set conflict.policy, then run sync again");
    }

    /** D10: only a writing sync creates the workspace's folders. */
    private static void createWorkspaceFolders(SyncConfig config, Path cloud) {
        try {
            AtomicFiles.createFolders(cloud);
            AtomicFiles.createFolders(config.paths().backupDir());
            AtomicFiles.createFolders(config.paths().tempDir());
            AtomicFiles.createFolders(config.paths().machineStateDir());
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot create the workspace folders: " + e.getMessage(), null,
                    "check that the workspace folder is writable", e);
        }
    }

    private static void logAction(PlannedAction a, Path local, Path cloud) {
        switch (a.kind()) {
            case COPY_TO_LOCAL -> LOG.info("copy {} -> {}", cloud.resolve(a.path()), local.resolve(a.path()));
            case COPY_TO_CLOUD -> LOG.info("copy {} -> {}", local.resolve(a.path()), cloud.resolve(a.path()));
            case DELETE_LOCAL -> LOG.info("delete {}", local.resolve(a.path()));
            case DELETE_CLOUD -> LOG.info("delete {}", cloud.resolve(a.path()));
        }
    }

    private static Map<String, Object> baseJson(String mode, SyncPlan plan) {
        return Json.object("mode", mode,
                "to_local", plan.count(ActionKind.COPY_TO_LOCAL), "to_cloud", plan.count(ActionKind.COPY_TO_CLOUD),
                "delete_local", plan.count(ActionKind.DELETE_LOCAL),
                "delete_cloud", plan.count(ActionKind.DELETE_CLOUD),
                "skipped", plan.skipped().size(), "refused", plan.refused());
    }

    private static List<Map<String, Object>> actionsJson(List<PlannedAction> actions, List<ActionOutcome> outcomes) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            PlannedAction a = actions.get(i);
            list.add(Json.object("path", a.path(), "direction", switch (a.kind()) {
                case COPY_TO_LOCAL, DELETE_LOCAL -> "to_local";
                case COPY_TO_CLOUD, DELETE_CLOUD -> "to_cloud";
            }, "action", a.kind().name().toLowerCase(Locale.ROOT), "reason", a.reason(),
                    "outcome", outcomes == null ? "planned" : outcomes.get(i).kind().wireName()));
        }
        return list;
    }

    /** The figures of the summary log line. */
    private static final class Counts {
        long copied;
        long backedUp;
        long skipped;
        long conflicts;
        long deleted;
        long bytes;

        void from(SyncPlan plan) {
            skipped = plan.skipped().size();
            conflicts = plan.conflicts().size();
        }

        void add(ApplyResult result) {
            copied = result.count(ActionOutcome.Kind.COPIED);
            deleted = result.count(ActionOutcome.Kind.DELETED);
            backedUp = result.backedUp();
            bytes = result.bytes();
        }
    }

    private static void logSummary(boolean apply, Counts c, long startedNanos, int exit) {
        new RunSummary("sync", !apply, c.copied, c.backedUp, c.skipped, c.conflicts, c.deleted, c.bytes,
                (System.nanoTime() - startedNanos) / 1e9, exit).log();
    }
}
