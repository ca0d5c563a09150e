// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.fs.AtomicFiles;
import codexsync.fs.AppendLog;
import codexsync.fs.FileHasher;
import codexsync.fs.StagingNames;
import codexsync.fs.Trees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Finishes an interrupted writing run from its journal (D21), before a new run plans anything.
 *
 * <p>For every file whose intent is journaled but not marked done, the current file is classified with the
 * journal's hashes: <b>new</b> (it already matches the source it was being copied from, or is deleted as intended)
 * — nothing to do; <b>old</b> (it matches the backed-up hash, or is still absent) — the action is finished (rolled
 * forward) when its source is still exactly what the journal recorded, and otherwise left old (rolled back: the
 * next plan decides afresh); <b>other</b> (someone changed it since) — left alone and reported, never overwritten.
 * A run that stopped before its backup was complete had changed nothing: its partial snapshot staging is removed.
 * Leftover staging files beside every journaled path, in {@code backup_dir} and beside the base state are removed.
 * Then the journal is deleted. Because copies are atomic renames, "old or new" holds for every file at any crash
 * point; recovery's job is to make the interrupted run's outcome explicit and clean up after it.
 */
public final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    /** What recovery did, as report lines (also logged). Empty when there was no interrupted run. */
    public record Outcome(boolean recovered, List<String> lines, int finished, int alreadyDone, int rolledBack,
                          int leftAlone, int stagingRemoved) {
        static Outcome none() {
            return new Outcome(false, List.of(), 0, 0, 0, 0, 0);
        }
    }

    private JournalRecovery() {
    }

    /** Recovers the journal at {@code journalFile} if there is one; the caller holds the run lock. */
    public static Outcome recover(Path journalFile) throws IOException {
        if (!Files.exists(journalFile)) {
            return Outcome.none();
        }
        List<Map<String, Object>> records = Journal.read(journalFile);
        Map<String, Object> start = records.isEmpty() ? null : records.get(0);
        if (start == null || !"start".equals(start.get("op"))) {
            // Torn before the start record reached the disk: the run had not changed anything yet.
            AppendLog.delete(journalFile);
            return new Outcome(true, List.of("Recovery: removed an empty journal of a run that had not started "
                    + "writing (" + journalFile + ")."), 0, 0, 0, 0, 0);
        }
        Path local = startPath(start, "local", journalFile);
        Path cloud = startPath(start, "cloud", journalFile);
        Path backupDir = startPath(start, "backup_dir", journalFile);
        Map<String, Map<String, Object>> intents = new LinkedHashMap<>();
        Set<String> done = new HashSet<>();
        Map<String, String> producedSha = new LinkedHashMap<>(); // D29 produced writes: the staged content's hash
        boolean stopped = false;
        boolean baseSaved = false;
        for (Map<String, Object> r : records) {
            String op = String.valueOf(r.get("op"));
            switch (op) {
                case "intent" -> intents.put(key(r), r);
                case "done" -> done.add(key(r));
                case "staged" -> {
                    if (r.get("new_sha256") instanceof String sha) {
                        producedSha.put(key(r), sha);
                    }
                }
                case "stopped" -> stopped = true;
                case "base_saved" -> baseSaved = true;
                default -> { }
            }
        }
        int finished = 0;
        int alreadyDone = 0;
        int rolledBack = 0;
        int leftAlone = 0;
        int staging = 0;
        List<String> lines = new ArrayList<>();
        Set<Path> stagingFolders = new TreeSet<>();
        for (Map.Entry<String, Map<String, Object>> e : intents.entrySet()) {
            Map<String, Object> intent = e.getValue();
            String path = (String) intent.get("path");
            String kind = (String) intent.get("kind");
            Path target = (kind.endsWith("_LOCAL") ? local : cloud).resolve(path);
            Path source = (kind.endsWith("_LOCAL") ? cloud : local).resolve(path);
            stagingFolders.add(target.toAbsolutePath().getParent());
            if (done.contains(e.getKey())) {
                continue;
            }
            staging += removeStagingFor(target);
            String oldSha = (String) intent.get("old_sha256");
            boolean delete = kind.startsWith("DELETE");
            State state = classify(intent, target, source, oldSha, delete);
            if (state != State.NEW && producedSha.containsKey(e.getKey()) && Files.isRegularFile(target)
                    && producedSha.get(e.getKey()).equals(FileHasher.sha256(target))) {
                state = State.NEW;
            }
            switch (state) {
                case NEW -> alreadyDone++;
                case OLD -> {
                    if (ContentWriteApplier.isProduced(intent)) {
                        // A merge is not a copy of one source: never rolled forward; the next sync merges again.
                        rolledBack++;
                        lines.add("Recovery: left " + target + " at its old version (the next sync produces its "
                                + "merged content again)");
                    } else if (delete) {
                        AtomicFiles.delete(target);
                        finished++;
                        lines.add("Recovery: finished deleting " + target);
                    } else if (sourceUnchanged(intent, source)) {
                        AtomicFiles.copy(source, target, null);
                        finished++;
                        lines.add("Recovery: finished copying " + source + " -> " + target);
                    } else {
                        rolledBack++;
                        lines.add("Recovery: left " + target + " at its old version (its source changed since)");
                    }
                }
                case OTHER -> {
                    leftAlone++;
                    lines.add("Recovery: " + target + " was changed by something else since the interrupted run;"
                            + " left as it is (its old version is in the backup snapshot " + start.get("snapshot")
                            + ")");
                }
            }
        }
        for (Path folder : stagingFolders) {
            staging += removeStaging(folder, null);
        }
        staging += removeStaging(backupDir, "." + start.get("snapshot"));
        Object manifest = start.get("manifest_file");
        if (manifest != null) {
            Path m = Path.of((String) manifest);
            staging += removeStaging(m.toAbsolutePath().getParent(), "." + m.getFileName());
        }
        AppendLog.delete(journalFile);
        String head = "Recovered an interrupted " + start.get("command") + " (started " + start.get("started")
                + (stopped ? ", stopped on request" : "") + (baseSaved ? ", base state already saved" : "")
                + "): " + finished + " finished, " + alreadyDone + " already done, " + rolledBack
                + " rolled back, " + leftAlone + " left alone; " + staging + " staging file(s) removed.";
        lines.add(0, head);
        for (String l : lines) {
            LOG.info("{}", l);
        }
        return new Outcome(true, List.copyOf(lines), finished, alreadyDone, rolledBack, leftAlone, staging);
    }

    /**
     * A folder named by the start record. codexsync always writes all of them in one flushed line, so a missing
     * one means the file was edited or is not ours: refuse to guess where the interrupted run was writing.
     */
    private static Path startPath(Map<String, Object> start, String key, Path journalFile) throws IOException {
        if (!(start.get(key) instanceof String value) || value.isBlank()) {
            throw new IOException("its start record has no '" + key + "' folder, so it cannot tell where the run was "
                    + "writing; if no codexsync run is active, move " + journalFile + " aside and check the folders by hand");
        }
        return Path.of(value);
    }

    private enum State { OLD, NEW, OTHER }

    private static State classify(Map<String, Object> intent, Path target, Path source, String oldSha,
                                  boolean delete) throws IOException {
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (delete) {
            if (!exists) {
                return State.NEW;
            }
            return oldSha != null && oldSha.equals(FileHasher.sha256(target)) ? State.OLD : State.OTHER;
        }
        if (!exists) {
            return oldSha == null ? State.OLD : State.OTHER;
        }
        String targetSha = FileHasher.sha256(target);
        if (isCopyOfSource(intent, target, targetSha, source)) {
            return State.NEW;
        }
        return oldSha != null && oldSha.equals(targetSha) ? State.OLD : State.OTHER;
    }

    /** The target holds what the interrupted copy was writing: same size and mtime as recorded, same bytes. */
    private static boolean isCopyOfSource(Map<String, Object> intent, Path target, String targetSha, Path source)
            throws IOException {
        long size = Files.size(target);
        long mtime = Files.getLastModifiedTime(target).to(TimeUnit.NANOSECONDS);
        boolean sameStat = num(intent.get("src_size")) == size && num(intent.get("src_mtime_ns")) == mtime;
        if (Files.isRegularFile(source)) {
            return sameStat && targetSha.equals(FileHasher.sha256(source));
        }
        return sameStat;
    }

    private static boolean sourceUnchanged(Map<String, Object> intent, Path source) throws IOException {
        return Files.isRegularFile(source) && Files.size(source) == num(intent.get("src_size"))
                && Files.getLastModifiedTime(source).to(TimeUnit.NANOSECONDS) == num(intent.get("src_mtime_ns"));
    }

    private static int removeStagingFor(Path target) throws IOException {
        return removeStaging(target.toAbsolutePath().getParent(), "." + target.getFileName());
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

    private static String key(Map<String, Object> r) {
        return String.valueOf(num(r.get("i")));
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    /** A one-line description of the interrupted run at {@code journalFile}, or empty when there is none. */
    static Optional<String> describe(Path journalFile) throws IOException {
        if (!Files.exists(journalFile)) {
            return Optional.empty();
        }
        List<Map<String, Object>> records = Journal.read(journalFile);
        if (records.isEmpty() || !"start".equals(records.get(0).get("op"))) {
            return Optional.of("an interrupted run left an empty journal at " + journalFile);
        }
        Map<String, Object> start = records.get(0);
        long doneCount = records.stream().filter(r -> "done".equals(r.get("op"))).count();
        return Optional.of("interrupted " + start.get("command") + " started " + start.get("started") + ": "
                + doneCount + " of " + (num(start.get("actions")) + Math.max(0, num(start.get("content_write_sides"))))
                + " file action(s) done; the next sync --apply "
                + "or restore --apply finishes it first (journal " + journalFile + ")");
    }
}
