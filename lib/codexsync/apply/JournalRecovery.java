// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.apply.JournalRecord.BaseSaved;
import codexsync.apply.JournalRecord.Done;
import codexsync.apply.JournalRecord.Intent;
import codexsync.apply.JournalRecord.Kind;
import codexsync.apply.JournalRecord.Staged;
import codexsync.apply.JournalRecord.Start;
import codexsync.apply.JournalRecord.Stopped;
import codexsync.backup.OpenSnapshot;
import codexsync.backup.SnapshotCatalog;
import codexsync.backup.SnapshotEntry;
import codexsync.config.StatePaths;
import codexsync.config.SyncConfig;
import codexsync.core.CodexsyncException;
import codexsync.core.RuntimeFailureException;
import codexsync.core.SafeAbortException;
import codexsync.fs.AppendLog;
import codexsync.fs.AtomicFiles;
import codexsync.fs.FileHasher;
import codexsync.fs.StagingNames;
import codexsync.fs.Trees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes an interrupted writing run — a sync's or a restore's, the {@link WriteEngine} journals both alike — from
 * its journal (D21), before a new run plans anything.
 *
 * <p>For every file whose intent is journaled but not marked done, the current file is classified with the
 * journal's hashes: <b>new</b> (it already holds what the action was writing, or is deleted as intended) — nothing
 * to do; <b>old</b> (it matches the backed-up hash, or is still absent) — the action is finished (rolled forward)
 * when its source is still exactly what the journal recorded (a copy's source file, a restore's snapshot entry), and
 * otherwise left old (rolled back: the next plan decides afresh). A produced write (D29: a line merge or a
 * decompressed twin) is new when the file's hash equals the one its {@code staged} record journaled, and is never
 * rolled forward: its content came from files that may have changed since, so an old file stays old and the next
 * sync plans and produces it again. <b>Other</b> (someone changed it since) — left
 * alone and reported, never overwritten. A run that stopped before its backup was complete had changed nothing: its
 * partial snapshot staging is removed. Leftover staging files beside every journaled path, in {@code backup_dir} and
 * beside the base state are removed. Then the journal is deleted.
 */
public final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    /** What recovery did, as report lines (also logged). Empty when there was no interrupted run. */
    public record Outcome(boolean recovered, List<String> lines, int finished, int alreadyDone, int rolledBack,
                          int leftAlone, int stagingRemoved) {
    }

    private enum State { OLD, NEW, OTHER }

    private final Start start;
    /** Per action index, the new hash a produced write's staged record journaled. */
    private final Map<Integer, String> stagedSha = new HashMap<>();
    private final List<String> lines = new ArrayList<>();
    private int finished;
    private int alreadyDone;
    private int rolledBack;
    private int leftAlone;
    private int staging;

    private JournalRecovery(Start start) {
        this.start = start;
    }

    /**
     * Finishes or rolls back this machine's interrupted writing run, if any. Every writing command calls it under the
     * run lock and before it plans, so it never plans against a half-finished state.
     */
    public static Outcome recover(SyncConfig config) {
        Path journal = Journal.fileFor(config.paths().tempDir(), config.machineId());
        try {
            return recover(journal);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot recover the interrupted run recorded in " + journal + ": "
                    + e.getMessage(), journal.toString(), "fix the cause (a locked or unreadable file) and run again", e);
        }
    }

    /** Recovers the journal at {@code journalFile} if there is one; the caller holds the run lock. */
    public static Outcome recover(Path journalFile) throws IOException {
        if (!Files.exists(journalFile)) {
            return new Outcome(false, List.of(), 0, 0, 0, 0, 0);
        }
        List<JournalRecord> records = Journal.read(journalFile);
        if (records.isEmpty()) {
            // Torn before the start record reached the disk: the run had not changed anything yet.
            AppendLog.delete(journalFile);
            return new Outcome(true, List.of("Recovery: removed an empty journal of a run that had not started "
                    + "writing (" + journalFile + ")."), 0, 0, 0, 0, 0);
        }
        Start start = (Start) records.get(0);
        if (start.backupDir() == null || start.local() == null && start.cloud() == null) {
            throw new SafeAbortException("the journal " + journalFile + " does not say where its run was writing (no "
                    + "backup folder or no root folder in its start record); nothing was written", journalFile.toString(),
                    "if no codexsync run is active, move " + journalFile + " aside and check the folders by hand");
        }
        JournalRecovery r = new JournalRecovery(start);
        r.recoverAll(records);
        AppendLog.delete(journalFile);
        boolean stopped = records.stream().anyMatch(x -> x instanceof Stopped);
        boolean baseSaved = records.stream().anyMatch(x -> x instanceof BaseSaved);
        r.lines.add(0, "Recovered an interrupted " + start.command() + " (started " + start.started()
                + (stopped ? ", stopped on request" : "") + (baseSaved ? ", base state already saved" : "")
                + "): " + r.finished + " finished, " + r.alreadyDone + " already done, " + r.rolledBack
                + " rolled back, " + r.leftAlone + " left alone; " + r.staging + " staging file(s) removed.");
        r.lines.forEach(l -> LOG.info("{}", l));
        return new Outcome(true, List.copyOf(r.lines), r.finished, r.alreadyDone, r.rolledBack, r.leftAlone,
                r.staging);
    }

    private void recoverAll(List<JournalRecord> records) throws IOException {
        Map<Integer, Intent> intents = new LinkedHashMap<>();
        Set<Integer> done = new HashSet<>();
        for (JournalRecord rec : records) {
            if (rec instanceof Intent i) {
                intents.put(i.index(), i);
            } else if (rec instanceof Staged st) {
                stagedSha.put(st.index(), st.newSha256());
            } else if (rec instanceof Done d) {
                done.add(d.index());
            }
        }
        Set<Path> stagingFolders = new TreeSet<>();
        for (Intent intent : intents.values()) {
            Path target = start.root(intent.side()).resolve(intent.path());
            stagingFolders.add(target.toAbsolutePath().getParent());
            if (!done.contains(intent.index())) {
                staging += removeStaging(target.toAbsolutePath().getParent(), "." + target.getFileName());
                finishOrRollBack(intent, target);
            }
        }
        for (Path folder : stagingFolders) {
            staging += removeStaging(folder, null);
        }
        staging += removeStaging(start.backupDir(), "." + start.snapshot());
        if (start.manifestFile() != null) {
            // The base state is this machine's own state file beside the named manifest (D27); the old single
            // manifest is only read now, but an older run may have been writing it.
            for (Path m : List.of(start.manifestFile().toAbsolutePath(),
                    StatePaths.machineStateFile(start.manifestFile(), start.machineId()))) {
                staging += removeStaging(m.getParent(), "." + m.getFileName());
            }
        }
    }

    private void finishOrRollBack(Intent intent, Path target) throws IOException {
        switch (classify(intent, target)) {
            case NEW -> alreadyDone++;
            case OLD -> {
                if (intent.kind().produced()) {
                    // Not a copy of one source: never rolled forward; the next sync produces it again.
                    rolledBack++;
                    lines.add("Recovery: left " + target + " at its old version (the next sync produces its "
                            + (intent.kind() == Kind.MERGE ? "merged" : "decompressed") + " content again)");
                } else if (rollForward(intent, target)) {
                    finished++;
                    lines.add("Recovery: finished " + intent.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " of " + target);
                } else {
                    rolledBack++;
                    lines.add("Recovery: left " + target + " at its old version (its source changed since)");
                }
            }
            case OTHER -> {
                leftAlone++;
                lines.add("Recovery: " + target + " was changed by something else since the interrupted run; left as"
                        + " it is (its old version is in the backup snapshot " + start.snapshot() + ")");
            }
        }
    }

    private State classify(Intent intent, Path target) throws IOException {
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (!exists) {
            if (intent.kind() == Kind.DELETE) {
                return State.NEW;
            }
            return intent.oldSha256() == null ? State.OLD : State.OTHER;
        }
        String sha = FileHasher.sha256(target);
        if (intent.kind() != Kind.DELETE && isNew(intent, target, sha)) {
            return State.NEW;
        }
        return sha.equals(intent.oldSha256()) ? State.OLD : State.OTHER;
    }

    /** The target already holds what the interrupted action was writing. */
    private boolean isNew(Intent intent, Path target, String sha) throws IOException {
        if (intent.kind() == Kind.RESTORE) {
            return sha.equalsIgnoreCase(intent.newSha256());
        }
        if (intent.kind().produced()) {
            // Without a staged record the content was never complete, so it cannot have been renamed into place.
            return sha.equalsIgnoreCase(stagedSha.get(intent.index()));
        }
        // A copy: same size and mtime as its source had (copies keep the mtime), and the source's bytes.
        Path source = start.root(intent.side().other()).resolve(intent.path());
        boolean sameStat = Files.size(target) == intent.sourceSize()
                && Files.getLastModifiedTime(target).to(TimeUnit.NANOSECONDS) == intent.sourceMtimeNs();
        return sameStat && (!Files.isRegularFile(source) || sha.equals(FileHasher.sha256(source)));
    }

    /** Finishes the action when its source is still exactly what the journal recorded; false when it is not. */
    private boolean rollForward(Intent intent, Path target) throws IOException {
        switch (intent.kind()) {
            case DELETE -> AtomicFiles.delete(target);
            case COPY -> {
                Path source = start.root(intent.side().other()).resolve(intent.path());
                if (!Files.isRegularFile(source) || Files.size(source) != intent.sourceSize()
                        || Files.getLastModifiedTime(source).to(TimeUnit.NANOSECONDS) != intent.sourceMtimeNs()) {
                    return false;
                }
                AtomicFiles.copy(source, target, null);
            }
            case RESTORE -> {
                return restoreEntry(intent, target);
            }
            case MERGE, INFLATE -> {
                return false; // unreachable: finishOrRollBack never rolls a produced write forward
            }
        }
        return true;
    }

    /** Writes the restore's snapshot entry again, if that snapshot is still there and still holds it unchanged. */
    private boolean restoreEntry(Intent intent, Path target) throws IOException {
        try (OpenSnapshot snapshot = OpenSnapshot.open(new SnapshotCatalog(start.backupDir())
                .resolve(intent.sourceSnapshot()))) {
            for (SnapshotEntry e : snapshot.entries()) {
                if (e.entry().equals(intent.sourceEntry()) && e.sha256().equalsIgnoreCase(intent.newSha256())) {
                    AtomicFiles.commit(snapshot.stageTo(e, target));
                    return true;
                }
            }
            return false;
        } catch (CodexsyncException gone) {
            // The snapshot was removed or damaged since: the file stays old, as when a copy's source changed.
            LOG.warn("cannot finish restoring {}: {}", target, gone.getMessage());
            return false;
        }
    }

    /** Removes codexsync staging entries in {@code folder} (only those starting with {@code prefix} if given). */
    private static int removeStaging(Path folder, String prefix) throws IOException {
        if (folder == null || !Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (StagingNames.isStaging(name) && (prefix == null || name.startsWith(prefix + "."))) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Trees.deleteRecursively(p);
                    } else {
                        AtomicFiles.delete(p);
                    }
                    LOG.info("removed leftover staging {}", p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * For {@code doctor} and {@code status}, read-only: a description of this machine's interrupted writing run, or
     * empty when there is none (or no workspace is configured). A journal being written by a live run looks the same;
     * doctor combines this with the run lock to tell the two apart.
     */
    public static Optional<String> interrupted(SyncConfig config) {
        Path temp = config.paths().tempDir();
        if (temp == null) {
            return Optional.empty();
        }
        try {
            return describe(Journal.fileFor(temp, config.machineId()));
        } catch (IOException | SafeAbortException e) {
            return Optional.of("a journal exists but cannot be read: " + e.getMessage());
        }
    }

    /** A one-line description of the interrupted run at {@code journalFile}, or empty when there is none. */
    static Optional<String> describe(Path journalFile) throws IOException {
        if (!Files.exists(journalFile)) {
            return Optional.empty();
        }
        List<JournalRecord> records = Journal.read(journalFile);
        if (records.isEmpty()) {
            return Optional.of("an interrupted run left an empty journal at " + journalFile);
        }
        Start start = (Start) records.get(0);
        long doneCount = records.stream().filter(r -> r instanceof Done).count();
        return Optional.of("interrupted " + start.command() + " started " + start.started() + ": " + doneCount
                + " of " + start.actions() + " file action(s) done; the next sync --apply or restore --apply "
                + "finishes it first (journal " + journalFile + ")");
    }
}
