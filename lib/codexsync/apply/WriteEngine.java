// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.apply.JournalRecord.Intent;
import codexsync.apply.JournalRecord.Kind;
import codexsync.apply.WriteAction.Copy;
import codexsync.apply.WriteAction.Restore;
import codexsync.backup.BackupEntry;
import codexsync.backup.BackupItem;
import codexsync.backup.BackupPruner;
import codexsync.backup.BackupWriter;
import codexsync.backup.SnapshotResult;
import codexsync.core.RuntimeFailureException;
import codexsync.core.SafeAbortException;
import codexsync.fs.AtomicFiles;
import codexsync.fs.CrashPoints;
import codexsync.fs.CrashPoints.Phase;
import codexsync.fs.FileInUseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write sequence of every writing command ({@code sync --apply}, {@code restore --apply}): journal start →
 * backup snapshot of every file that will be replaced or deleted → per action: intent (durable) → staged, flushed,
 * verified copy, or a produced merge/decompression followed by a durable staged record with its hash → atomic
 * rename (or retrying delete) → done → the caller's last write (a sync's base state) →
 * journal closed → pruning. Copies are journaled and staged a few at a time ahead of the one being renamed
 * ({@link CopiesAhead}); renames stay in action order, each after its intent is on disk. A stop request is
 * honoured between actions. {@link JournalRecovery} finishes or rolls
 * back any run this leaves interrupted, whatever command started it. docs/safety.md walks through every step.
 */
public final class WriteEngine {
    private static final Logger LOG = LoggerFactory.getLogger(WriteEngine.class);
    /**
     * Test-only: with {@code -D}{@value}{@code =MS} every step logs {@code codexsync-test-step n=N kind=K} on stderr
     * and sleeps MS milliseconds, so a test can signal a real run while it is still writing (kills at an exact step
     * or byte are {@link CrashPoints}'s job). Without it nothing pauses.
     */
    public static final String STEP_DELAY_PROPERTY = "codexsync.test.stepDelayMs";
    private static final long STEP_DELAY_MS = Long.getLong(STEP_DELAY_PROPERTY, 0);

    /** The run's last write, after every action is done (a sync saves its base state here). */
    @FunctionalInterface
    public interface LastWrite {
        void write(List<ActionOutcome> outcomes) throws IOException;
    }

    private final ApplyContext ctx;
    private final ContentProducer producer;
    /** Per path, the hash of a merge this run already committed on one side: the other side copies it. */
    private final Map<String, String> merged = new HashMap<>();
    private ApplyResult stoppedWith;
    private long steps;

    public WriteEngine(ApplyContext ctx) {
        this.ctx = ctx;
        this.producer = new ContentProducer(ctx);
    }

    /** What a run stopped by a signal did before it stopped (no last write), for the caller's summary. */
    public Optional<ApplyResult> stoppedWith() {
        return Optional.ofNullable(stoppedWith);
    }

    /** Runs {@code actions} in order, then {@code last} (may be null: restore writes nothing after its files). */
    public ApplyResult run(List<WriteAction> actions, LastWrite last) {
        if (Files.exists(ctx.journalFile())) {
            // Callers recover first; finding a journal here means that step was skipped, so do not pile on.
            throw new SafeAbortException("an interrupted run's journal is still open", ctx.journalFile().toString(),
                    "run " + ctx.command() + " again: it recovers the interrupted run first");
        }
        Journal journal = null;
        String step = "starting the journal";
        try {
            BackupWriter writer = new BackupWriter(ctx.backupDir(), ctx.machineId(), ctx.runStart(),
                    ctx.backup().compression(), ctx.command());
            String snapshotName = writer.nextName();
            journal = Journal.start(ctx.journalFile(), new JournalRecord.Start(JournalRecord.VERSION, ctx.command(),
                    ctx.machineId(), ctx.runStart().toString(), ctx.localRoot(), ctx.cloudRoot(), ctx.backupDir(),
                    ctx.manifestFile(), snapshotName, actions.size()));
            at(ApplyStep.JOURNAL_STARTED, null);

            step = "writing the backup snapshot";
            SnapshotResult snapshot = backUp(actions, writer, snapshotName, journal);
            at(ApplyStep.BACKED_UP, null);

            List<ActionOutcome> outcomes = new ArrayList<>();
            long bytes = 0;
            // The folders' renames become durable together when the files are done, before the base state. The
            // copies ahead are closed first (resources close in reverse): no staging thread outlives the loop.
            try (AtomicFiles.FolderSyncs folders = AtomicFiles.deferFolderSyncs();
                 CopiesAhead ahead = new CopiesAhead()) {
                int journaled = 0;
                for (int index = 0; index < actions.size(); index++) {
                    if (ctx.stopRequested().getAsBoolean()) {
                        // A safe point: every earlier file is complete, no later one is touched (the copies staged
                        // ahead are removed before the journal says so).
                        ahead.close();
                        journal.append(new JournalRecord.Stopped(index, actions.size()), true);
                        journal.finish();
                        stoppedWith = result(outcomes, snapshot, bytes, List.of());
                        throw new SafeAbortException("interrupted: stopped safely after " + index + " of "
                                + actions.size() + " file(s); every file is either its old or its new version", null,
                                "run " + ctx.command() + " again to finish");
                    }
                    WriteAction action = actions.get(index);
                    step = (action instanceof WriteAction.Delete ? "deleting " : "writing ") + action.path();
                    journaled = journalAhead(actions, index, journaled, snapshot, journal, ahead);
                    ActionOutcome outcome = applyOne(index, action, journal, ahead);
                    outcomes.add(outcome);
                    bytes += outcome.bytes();
                    ctx.progress().update("copy", index + 1, bytes);
                }
            }
            ctx.progress().done("copy");
            at(ApplyStep.ACTIONS_DONE, null);

            if (last != null) {
                step = "saving the base state";
                CrashPoints.enter(Phase.BASE_STATE);
                last.write(outcomes);
                CrashPoints.enter(Phase.FILE);
                journal.append(new JournalRecord.BaseSaved(), true);
                at(ApplyStep.BASE_SAVED, null);
            }

            step = "closing the journal";
            journal.finish();

            step = "pruning old backups";
            // Never the snapshot just written: it holds what this run replaced, and its name's time (the run start)
            // can still sort below another snapshot of this machine written with a clock ahead.
            List<String> pruned = new BackupPruner(ctx.backupDir(), ctx.machineId()).prune(
                    ctx.backup().retentionDays(), ctx.backup().maxBackups(), Instant.now(),
                    snapshot == null ? Set.of() : Set.of(snapshot.name()));
            pruned.forEach(p -> LOG.info("pruned backup snapshot {}", p));
            return result(outcomes, snapshot, bytes, pruned);
        } catch (FileInUseException e) {
            throw new SafeAbortException("a file stayed locked by another program while " + step + ": "
                    + e.getMessage(), null, "close the program holding it (cloud client, editor, antivirus scan) "
                    + "and run " + ctx.command() + " again; every file is either its old or its new version", e);
        } catch (IOException e) {
            throw new RuntimeFailureException("I/O error while " + step + ": " + e.getMessage(), null,
                    "fix the cause and run " + ctx.command() + " again; it finishes or rolls back this run first", e);
        } finally {
            // Every way out releases the file handle; only finish() (a consistent end) deletes the journal.
            CrashPoints.enter(Phase.FILE);
            closeQuietly(journal);
        }
    }

    private SnapshotResult backUp(List<WriteAction> actions, BackupWriter writer, String name, Journal journal)
            throws IOException {
        List<BackupItem> items = new ArrayList<>();
        for (WriteAction a : actions) {
            Path target = destination(a);
            // Trust the disk, not the plan: anything that exists now is saved before it changes.
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new BackupItem(a.path(), target, a.side().wireName(),
                        a instanceof WriteAction.Delete ? BackupItem.DELETED : BackupItem.OVERWRITTEN));
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        CrashPoints.enter(Phase.BACKUP);
        SnapshotResult snapshot = writer.write(name, items).orElseThrow();
        CrashPoints.enter(Phase.FILE);
        // Durable before any file changes; each intent then carries its file's backed-up hash.
        journal.append(new JournalRecord.BackedUp(snapshot.name(), snapshot.entries().size()), true);
        LOG.info("backed up {} file(s) into {}", snapshot.entries().size(), snapshot.location());
        return snapshot;
    }

    /**
     * Journals the intents of the actions from {@code journaled} on and starts staging their copies ahead; returns
     * the index of the first action not journaled yet. Action {@code index} is always journaled when this returns.
     * A run of copies is journaled up to {@link CopiesAhead#WINDOW} actions ahead, topped up when half of it is
     * used; any other action is journaled alone when its turn comes, so a deletion or a merge happens after every
     * earlier action and before every later one is started, as in plan order.
     */
    private int journalAhead(List<WriteAction> actions, int index, int journaled, SnapshotResult snapshot,
                             Journal journal, CopiesAhead ahead) throws IOException {
        if (journaled - index > CopiesAhead.WINDOW / 2) {
            return journaled;
        }
        int end = journaled;
        if (end == index && !(actions.get(end) instanceof Copy)) {
            end++;
        } else {
            while (end < actions.size() && end < index + CopiesAhead.WINDOW && actions.get(end) instanceof Copy) {
                end++;
            }
        }
        // Forced only when a step replaces or deletes a file (then recovery must know to roll it back), once for the
        // batch. A new file's intent rides on the next forced record: lost to a power cut, the file is simply new
        // and unsynced, which the next plan sees (and a first sync of 20,000 files saves 20,000 journal fsyncs).
        boolean force = false;
        List<Intent> intents = new ArrayList<>();
        for (int j = journaled; j < end; j++) {
            WriteAction a = actions.get(j);
            BackupEntry old = snapshot == null ? null : snapshot.find(a.path(), a.side().wireName());
            try {
                intents.add(intent(j, a, old == null ? null : old.sha256()));
            } catch (IOException e) {
                if (j == index) {
                    throw e;
                }
                end = j; // its source is gone or unreadable: that fails the run at its own turn, not now
                break;
            }
            force |= old != null;
        }
        for (int k = 0; k < intents.size(); k++) {
            journal.append(intents.get(k), force && k == intents.size() - 1);
        }
        for (int j = journaled; j < end; j++) {
            WriteAction a = actions.get(j);
            at(ApplyStep.INTENT_RECORDED, a.path());
            if (a instanceof Copy c) {
                Path source = source(c);
                Path target = destination(c);
                LOG.info("copy {} -> {}", source, target);
                ahead.start(j, () -> AtomicFiles.stageCopy(source, target, c.expectedSha256()));
            }
        }
        return end;
    }

    /** Everything after the intent: stage (or take the copy staged ahead), commit or delete, done. */
    private ActionOutcome applyOne(int index, WriteAction action, Journal journal, CopiesAhead ahead)
            throws IOException {
        Path target = destination(action);
        if (action instanceof WriteAction.Delete) {
            LOG.info("delete {}", target);
            AtomicFiles.delete(target);
            at(ApplyStep.MOVED, action.path());
            return done(journal, index, new ActionOutcome(action, ActionOutcome.Kind.DELETED, 0, null));
        }
        AtomicFiles.Staged staged = ahead.started(index) ? ahead.take(index) : stage(action, target);
        try {
            if (produced(action)) {
                // Its new hash exists only now: forced before the rename, so recovery can tell "new" from "old".
                journal.append(new JournalRecord.Staged(index, staged.staging().getFileName().toString(),
                        staged.result().sha256()), true);
            }
            at(ApplyStep.STAGED, action.path());
            AtomicFiles.commit(staged);
        } catch (IOException | RuntimeException e) {
            // An ordinary failure removes its staging file; a crash cannot, and recovery does it then.
            AtomicFiles.discard(staged);
            throw e;
        }
        at(ApplyStep.MOVED, action.path());
        if (action instanceof WriteAction.Merge) {
            merged.put(action.path(), staged.result().sha256());
        }
        return done(journal, index, new ActionOutcome(action, outcomeKind(action), staged.result().size(),
                staged.result().sha256()));
    }

    private static ActionOutcome.Kind outcomeKind(WriteAction action) {
        if (action instanceof Restore) {
            return ActionOutcome.Kind.RESTORED;
        }
        if (action instanceof WriteAction.Merge) {
            return ActionOutcome.Kind.MERGED;
        }
        return action instanceof WriteAction.Inflate ? ActionOutcome.Kind.DECOMPRESSED : ActionOutcome.Kind.COPIED;
    }

    private static boolean produced(WriteAction action) {
        return action instanceof WriteAction.Merge || action instanceof WriteAction.Inflate;
    }

    private ActionOutcome done(Journal journal, int index, ActionOutcome outcome) throws IOException {
        // Not forced: if it is lost, recovery sees the file already is its new version.
        journal.append(new JournalRecord.Done(index, outcome.kind(), outcome.sha256()), false);
        at(ApplyStep.DONE, outcome.action().path());
        return outcome;
    }

    private AtomicFiles.Staged stage(WriteAction action, Path target) throws IOException {
        if (action instanceof Restore r) {
            LOG.info("restore {} -> {}", r.entry().entry(), target);
            return r.snapshot().stageTo(r.entry(), target);
        }
        if (action instanceof WriteAction.Merge m) {
            String first = merged.get(m.path());
            Path other = root(m.side().other()).resolve(m.path());
            LOG.info("merge into {} ({})", target, m.write().reason());
            // The second side gets a verified copy of the first side's merged file, so both end byte-identical.
            return first == null ? producer.merge(m.write(), target) : AtomicFiles.stageCopy(other, target, first);
        }
        if (action instanceof WriteAction.Inflate f) {
            Path source = root(f.side().other()).resolve(f.write().sourcePath());
            LOG.info("decompress {} into {} ({})", source, target, f.write().reason());
            return producer.inflate(source, target);
        }
        throw new IllegalStateException("a copy is staged ahead (CopiesAhead), never here: " + action.path());
    }

    private Intent intent(int index, WriteAction action, String oldSha) throws IOException {
        if (action instanceof Copy c) {
            Path source = source(c);
            return new Intent(index, Kind.COPY, c.side(), c.path(), oldSha, Files.size(source),
                    Files.getLastModifiedTime(source).to(TimeUnit.NANOSECONDS), null, null, c.expectedSha256());
        }
        if (action instanceof Restore r) {
            return new Intent(index, Kind.RESTORE, r.side(), r.path(), oldSha, r.entry().size(), r.entry().mtimeNs(),
                    r.snapshot().info().name(), r.entry().entry(), r.entry().sha256());
        }
        if (action instanceof WriteAction.Inflate f) {
            return new Intent(index, Kind.INFLATE, f.side(), f.path(), oldSha, -1, -1, null,
                    f.write().sourcePath(), null);
        }
        // A merge's new hash follows in a Staged record once it is produced; a deletion has none.
        return new Intent(index, action instanceof WriteAction.Merge ? Kind.MERGE : Kind.DELETE, action.side(),
                action.path(), oldSha, -1, -1, null, null, null);
    }

    private void at(ApplyStep step, String path) {
        CrashPoints.step(step.name());
        ctx.hooks().at(step, path);
        if (STEP_DELAY_MS > 0) {
            LOG.warn("codexsync-test-step n={} kind={}", ++steps, step);
            try {
                Thread.sleep(STEP_DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ApplyResult result(List<ActionOutcome> outcomes, SnapshotResult snapshot, long bytes,
                                      List<String> pruned) {
        return new ApplyResult(List.copyOf(outcomes), snapshot == null ? null : snapshot.name(),
                snapshot == null ? 0 : snapshot.entries().size(), bytes, pruned);
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

    private Path root(Side side) {
        return side == Side.LOCAL ? ctx.localRoot() : ctx.cloudRoot();
    }

    private Path destination(WriteAction a) {
        return root(a.side()).resolve(a.path());
    }

    private Path source(Copy c) {
        return root(c.side().other()).resolve(c.path());
    }
}
