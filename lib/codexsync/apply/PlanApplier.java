// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.backup.BackupEntry;
import codexsync.backup.BackupItem;
import codexsync.backup.BackupPruner;
import codexsync.backup.BackupWriter;
import codexsync.backup.SnapshotResult;
import codexsync.core.ConflictException;
import codexsync.core.RuntimeFailureException;
import codexsync.core.SafeAbortException;
import codexsync.fs.AtomicFiles;
import codexsync.fs.FileInUseException;
import codexsync.plan.ActionKind;
import codexsync.plan.BaseState;
import codexsync.plan.ContentWrite;
import codexsync.plan.PlannedAction;
import codexsync.plan.SyncPlan;
import codexsync.scan.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a {@link SyncPlan} (D18, D19, D21). Guarantees, in this order:
 * <ol>
 *   <li>a plan with conflicts is refused (exit 2) before anything is written;</li>
 *   <li>a journal is opened and its start record forced to disk;</li>
 *   <li>every file the plan overwrites or deletes is backed up into one snapshot that is complete and durable
 *       before the first of them is touched;</li>
 *   <li>each action's intent is forced to the journal before the file changes; copies are staged beside the
 *       destination, flushed, verified and renamed atomically, so every file is always old or new;</li>
 *   <li>the base state is saved only after every action is done;</li>
 *   <li>the journal is deleted (the run is closed), then this machine's old snapshots are pruned.</li>
 * </ol>
 * A failure leaves the journal on disk for the next run's recovery ({@link JournalRecovery}). A stop request
 * (Ctrl-C) is honoured between files: the run closes its journal consistently and ends with exit 5.
 */
public final class PlanApplier {
    private static final Logger LOG = LoggerFactory.getLogger(PlanApplier.class);

    private final ApplyContext ctx;
    private final ContentWriteApplier contentWrites;
    private ApplyResult stoppedWith;

    public PlanApplier(ApplyContext ctx) {
        this.ctx = ctx;
        this.contentWrites = new ContentWriteApplier(ctx);
    }

    /**
     * What a run stopped by a signal did before it stopped (the finished actions' outcomes, the backup snapshot, bytes
     * written; no saved base state), so the caller's summary can report it; empty unless {@link #apply} was stopped.
     */
    public Optional<ApplyResult> stoppedWith() {
        return Optional.ofNullable(stoppedWith);
    }

    public ApplyResult apply(SyncPlan plan, Snapshot local, Snapshot cloud, BaseState base) {
        if (plan.hasConflicts()) {
            throw new ConflictException("refusing to apply a plan with " + plan.conflicts().size() + " conflict(s)",
                    null, "resolve the conflicts, then run sync again");
        }
        if (plan.mustAbort()) {
            throw new SafeAbortException(plan.safeAbortReason(), null,
                    "nothing was written; see the plan (codexsync plan) for details");
        }
        if (Files.exists(ctx.journalFile())) {
            // Callers recover first; finding a journal here means that step was skipped, so do not pile on.
            throw new SafeAbortException("an interrupted run's journal is still open", ctx.journalFile().toString(),
                    "run sync --apply again: it recovers the interrupted run first");
        }
        Journal journal = null;
        String step = "starting the journal";
        try {
            BackupWriter writer = new BackupWriter(ctx.backupDir(), ctx.machineId(), ctx.runStart(),
                    ctx.backup().compression(), ctx.command());
            String snapshotName = writer.nextName();
            journal = Journal.start(ctx.journalFile(), startRecord(plan, snapshotName));
            ctx.hooks().at(ApplyStep.JOURNAL_STARTED, null);

            step = "writing the backup snapshot";
            SnapshotResult snapshot = backUp(plan, writer, snapshotName, journal);
            ctx.hooks().at(ApplyStep.BACKED_UP, null);

            List<ActionOutcome> outcomes = new ArrayList<>();
            Map<String, String> writtenSha = new HashMap<>();
            Set<String> deleted = new HashSet<>();
            long bytes = 0;
            int index = 0;
            for (PlannedAction action : plan.actions()) {
                if (ctx.stopRequested().getAsBoolean()) {
                    // A safe point: every earlier file is complete, no later one is touched.
                    journal.append(Journal.record("stopped", "done", index, "of", plan.actions().size()), true);
                    journal.finish();
                    stoppedWith = new ApplyResult(List.copyOf(outcomes), snapshot == null ? null : snapshot.name(),
                            snapshot == null ? 0 : snapshot.entries().size(), bytes, List.of(), null);
                    throw new SafeAbortException("interrupted: stopped safely after " + index + " of "
                            + plan.actions().size() + " file(s); every file is either its old or its new version",
                            null, "run sync --apply again to finish");
                }
                step = describe(action);
                ActionOutcome outcome = applyOne(index, action, snapshot, journal);
                outcomes.add(outcome);
                if (outcome.outcome().equals("deleted")) {
                    deleted.add(action.path());
                } else {
                    writtenSha.put(action.path(), outcome.sha256());
                    bytes += outcome.bytes();
                }
                index++;
                ctx.progress().update("copy", index, bytes);
            }
            // D29's produced writes (merges, decompressed twins): same backup, journal and atomic rename as a copy.
            List<ContentOutcome> produced = new ArrayList<>();
            for (ContentWrite w : plan.contentWrites()) {
                step = "writing " + w.path();
                for (ContentOutcome o : contentWrites.apply(index, w, snapshot, journal)) {
                    produced.add(o);
                    writtenSha.put(w.path(), o.sha256());
                    bytes += o.bytes();
                }
                index += ContentWriteApplier.indexes(w);
                ctx.progress().update("copy", index, bytes);
            }
            ctx.progress().done("copy");
            ctx.hooks().at(ApplyStep.ACTIONS_DONE, null);

            step = "saving the base state";
            BaseState saved = BaseStateUpdate.after(base, plan, local, cloud, writtenSha, deleted, ctx.localRoot(),
                    ctx.cloudRoot());
            ctx.baseStateSaver().save(saved);
            journal.append(Journal.record("base_saved"), true);
            ctx.hooks().at(ApplyStep.BASE_SAVED, null);

            step = "closing the journal";
            journal.finish();

            step = "pruning old backups";
            // Never the snapshot just written (as restore): it holds what this run replaced, and its name's time
            // (the run start) can still sort below another snapshot of this machine written with a clock ahead.
            List<String> pruned = new BackupPruner(ctx.backupDir(), ctx.machineId()).prune(
                    ctx.backup().retentionDays(), ctx.backup().maxBackups(), Instant.now(),
                    snapshot == null ? Set.of() : Set.of(snapshot.name()));
            for (String p : pruned) {
                LOG.info("pruned backup snapshot {}", p);
            }
            return new ApplyResult(List.copyOf(outcomes), snapshot == null ? null : snapshot.name(),
                    snapshot == null ? 0 : snapshot.entries().size(), bytes, pruned, saved, List.copyOf(produced));
        } catch (FileInUseException e) {
            throw new SafeAbortException("a file stayed locked by another program while " + step + ": "
                    + e.getMessage(), null, "close the program holding it (cloud client, editor, antivirus scan) "
                    + "and run sync --apply again; every file is either its old or its new version", e);
        } catch (IOException e) {
            throw new RuntimeFailureException("I/O error while " + step + ": " + e.getMessage(), null,
                    "fix the cause and run sync --apply again; it finishes or rolls back this run first", e);
        } finally {
            // Every way out releases the file handle; only finish() (a consistent end) deletes the journal.
            closeQuietly(journal);
        }
    }

    private SnapshotResult backUp(SyncPlan plan, BackupWriter writer, String name, Journal journal) throws IOException {
        List<BackupItem> items = new ArrayList<>();
        for (PlannedAction a : plan.actions()) {
            Path target = destination(a);
            // Trust the disk, not the plan's overwrites flag: anything that exists now is saved before it changes.
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new BackupItem(a.path(), target, destinationSide(a), isDelete(a) ? BackupItem.DELETED
                        : BackupItem.OVERWRITTEN));
            }
        }
        items.addAll(contentWrites.backupItems(plan.contentWrites()));
        if (items.isEmpty()) {
            return null;
        }
        journal.append(Journal.record("backup_started", "snapshot", name, "files", items.size()), true);
        Optional<SnapshotResult> written = writer.write(name, items);
        SnapshotResult snapshot = written.orElseThrow();
        List<Map<String, Object>> files = new ArrayList<>();
        for (BackupEntry e : snapshot.entries()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", e.path());
            f.put("side", e.side());
            f.put("entry", e.entry());
            f.put("size", e.size());
            f.put("sha256", e.sha256());
            files.add(f);
        }
        // Durable before any file changes: recovery uses these hashes to recognise an old version.
        journal.append(Journal.record("backed_up", "snapshot", snapshot.name(), "files", files), true);
        LOG.info("backed up {} file(s) into {}", snapshot.entries().size(), snapshot.location());
        return snapshot;
    }

    private ActionOutcome applyOne(int index, PlannedAction action, SnapshotResult snapshot, Journal journal)
            throws IOException {
        Path target = destination(action);
        BackupEntry old = snapshot == null ? null : snapshot.find(action.path(), destinationSide(action));
        Map<String, Object> intent = Journal.record("intent", "i", index, "kind", action.kind().name(),
                "path", action.path(), "old_sha256", old == null ? null : old.sha256());
        if (!isDelete(action)) {
            Path source = source(action);
            intent.put("src_size", Files.size(source));
            intent.put("src_mtime_ns", Files.getLastModifiedTime(source).to(TimeUnit.NANOSECONDS));
        }
        journal.append(intent, true);
        ctx.hooks().at(ApplyStep.INTENT_RECORDED, action.path());
        if (isDelete(action)) {
            LOG.info("delete {}", target);
            AtomicFiles.delete(target);
            ctx.hooks().at(ApplyStep.MOVED, action.path());
            journal.append(Journal.record("done", "i", index), false);
            ctx.hooks().at(ApplyStep.DONE, action.path());
            return new ActionOutcome(action, "deleted", 0, null);
        }
        Path source = source(action);
        LOG.info("copy {} -> {}", source, target);
        AtomicFiles.Staged staged = AtomicFiles.stageCopy(source, target, action.expectedSha256());
        try {
            journal.append(Journal.record("staged", "i", index, "staging", staged.staging().getFileName().toString()),
                    false);
            ctx.hooks().at(ApplyStep.STAGED, action.path());
            AtomicFiles.commit(staged);
        } catch (IOException | RuntimeException e) {
            // An ordinary failure removes its staging file; a crash (an Error) cannot, and recovery does it then.
            if (Files.exists(staged.staging(), LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.discard(staged);
            }
            throw e;
        }
        ctx.hooks().at(ApplyStep.MOVED, action.path());
        journal.append(Journal.record("done", "i", index, "sha256", staged.result().sha256()), false);
        ctx.hooks().at(ApplyStep.DONE, action.path());
        return new ActionOutcome(action, "copied", staged.result().size(), staged.result().sha256());
    }

    private Map<String, Object> startRecord(SyncPlan plan, String snapshotName) {
        Map<String, Object> r = Journal.record("start", "command", ctx.command(), "machine_id", ctx.machineId(),
                "started", ctx.runStart().toString(), "local", ctx.localRoot().toString(),
                "cloud", ctx.cloudRoot().toString(), "backup_dir", ctx.backupDir().toString(),
                "manifest_file", ctx.manifestFile() == null ? null : ctx.manifestFile().toString(),
                "snapshot", snapshotName, "actions", plan.actions().size());
        for (ActionKind k : ActionKind.values()) {
            r.put(k.name().toLowerCase(java.util.Locale.ROOT), plan.count(k));
        }
        r.put("content_writes", plan.contentWrites().size());
        // each produced write journals one intent/done pair per side it writes
        r.put("content_write_sides", plan.contentWrites().stream().mapToInt(ContentWriteApplier::indexes).sum());
        return r;
    }

    private static void closeQuietly(Journal journal) {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("could not close the journal {}: {}", journal.file(), e.getMessage());
        }
    }

    static boolean isDelete(PlannedAction a) {
        return a.kind() == ActionKind.DELETE_LOCAL || a.kind() == ActionKind.DELETE_CLOUD;
    }

    /** The side a planned action changes. */
    static String destinationSide(PlannedAction a) {
        return switch (a.kind()) {
            case COPY_TO_LOCAL, DELETE_LOCAL -> BackupItem.LOCAL;
            case COPY_TO_CLOUD, DELETE_CLOUD -> BackupItem.CLOUD;
        };
    }

    private Path destination(PlannedAction a) {
        return (destinationSide(a).equals(BackupItem.LOCAL) ? ctx.localRoot() : ctx.cloudRoot()).resolve(a.path());
    }

    private Path source(PlannedAction a) {
        return (a.kind() == ActionKind.COPY_TO_LOCAL ? ctx.cloudRoot() : ctx.localRoot()).resolve(a.path());
    }

    private static String describe(PlannedAction a) {
        return (isDelete(a) ? "deleting " : "copying ") + a.path();
    }
}
