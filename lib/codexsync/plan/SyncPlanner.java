// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import codexsync.config.SyncOptions.Compare;
import codexsync.config.SyncOptions.DeletePolicy;
import codexsync.config.SyncOptions.SessionMode;
import codexsync.scan.ContentHashes;
import codexsync.scan.AppendOnlyContent;
import codexsync.scan.FileState;
import codexsync.scan.LogicalNames;
import codexsync.scan.Relation;
import codexsync.scan.Snapshot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides what a sync does: a pure function of the two scans, this machine's base state, the options and a lazy
 * content hasher (no file system, no clock). The decision table is in docs/sync-algorithm.md; per path:
 * <ol>
 *   <li>on one side only: copy it over, unless {@code delete_policy = propagate} proves a deletion (the base state
 *       says both sides had it and the survivor is unchanged since): then delete the survivor; a changed survivor
 *       is a conflict;</li>
 *   <li>on both sides and "the same" (sizes equal, mtimes within tolerance, and with {@code mtime_hash_fallback}
 *       equal SHA-256): nothing;</li>
 *   <li>with a base-state entry, a side "changed" when its recorded fingerprint is absent, its size differs or its
 *       mtime differs beyond the tolerance: both changed → {@code conflict.policy}; one changed → it wins;</li>
 *   <li>otherwise mtimes within tolerance → {@code equal_mtime_action}; else the newer mtime wins.</li>
 * </ol>
 * Then paths differing only in letter case are conflicts (D15); actions against {@code sync.direction} move to
 * {@code skipped}; {@code session_mode = last_date_only} scopes the session files; the mass-delete guard and an
 * incomplete cloud side set {@link SyncPlan#safeAbortReason()}. A path {@code equal_mtime_action = skip} leaves alone
 * although its sides differ is listed in {@code skipped} (its base entry is kept) and named in a warning.
 *
 * <p>Codex's append-only files ({@code *.jsonl}, D29) are compared by content when their sides differ (through
 * {@link AppendOnlyContent}, which streams them): a byte prefix loses to its longer version whatever the mtimes;
 * {@code history.jsonl} and {@code session_index.jsonl} that diverged on both sides (or meet without a base) are
 * merged line by line ({@link ContentWrite}); any other such file (a rollout continued on two machines) is a
 * conflict for {@code conflict.policy}. {@code x.jsonl} and {@code x.jsonl.zst} are one logical file
 * ({@link CompressedTwins}): compressing it is neither a new file nor a deletion.
 *
 * <p><b>Invariant:</b> a file changed on both sides since this machine's base state is never silently overwritten:
 * it is a {@link Conflict}, or (only when the user chose a {@code conflict.policy} other than
 * {@code manual_abort}) an action with {@code overwrites = true} and reason "conflict resolved by &lt;policy&gt;", so
 * the losing copy is backed up first. A deletion is never planned without that proof and never en masse.
 */
public final class SyncPlanner {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How many equal-mtime paths the summarising warning names before "and N more". */
    static final int EQUAL_MTIME_SHOWN = 5;

    private final PlanOptions options;
    private final long toleranceNs;

    public SyncPlanner(PlanOptions options) {
        this.options = options;
        this.toleranceNs = options.timeToleranceSeconds() * NANOS_PER_SECOND;
    }

    /**
     * Plans one run. {@code hashes} is consulted only with compare = mtime_hash_fallback, and only when needed;
     * {@code content} only for append-only files whose sides differ (null: those rules are off).
     */
    public SyncPlan plan(Snapshot local, Snapshot cloud, BaseState base, ContentHashes hashes,
                         AppendOnlyContent content) {
        List<String> warnings = new ArrayList<>();
        local.warnings().forEach(w -> warnings.add("local: " + w));
        cloud.warnings().forEach(w -> warnings.add("cloud: " + w));
        TreeSet<String> refused = new TreeSet<>(local.refused());
        refused.addAll(cloud.refused());
        TreeSet<String> skipped = new TreeSet<>();

        TreeSet<String> paths = new TreeSet<>(local.files().keySet());
        paths.addAll(cloud.files().keySet());

        // A file a cloud client has not downloaded yet looks deleted (or older) from here: leave it alone.
        TreeSet<String> placeholders = new TreeSet<>(cloud.placeholders());
        placeholders.addAll(local.placeholders());
        for (String p : placeholders) {
            paths.remove(p);
            skipped.add(p);
        }
        if (options.sessionMode() == SessionMode.LAST_DATE_ONLY) {
            applySessionScope(paths, skipped, warnings);
        }

        Map<String, String> caseConflicts = caseOnlyConflicts(paths, local, cloud);
        Decisions d = new Decisions(content);
        if (content != null) {
            for (CompressedTwins twins : CompressedTwins.find(paths, local, cloud)) {
                twins.names().forEach(paths::remove);
                if (caseConflicts.containsKey(twins.plain())) {
                    d.conflicts.add(new Conflict(twins.plain(), caseConflicts.get(twins.plain())));
                } else {
                    decideTwins(twins, local, cloud, base, hashes, d);
                }
            }
        }
        if (options.compare() != Compare.MTIME) {
            hashes.prefetch(hashCandidates(paths, caseConflicts, local, cloud));
        }
        for (String path : paths) {
            String caseReason = caseConflicts.get(path);
            if (caseReason != null) {
                d.conflicts.add(new Conflict(path, caseReason));
                continue;
            }
            decide(path, local.files().get(path), cloud.files().get(path), base.entry(path), hashes, d);
        }

        // equal_mtime_action = skip copies nothing (0.1.1's behaviour), but the two sides differ: say so, and keep
        // their previous base entry (they were not agreed), so the user can see and settle it.
        skipped.addAll(d.equalMtimeSkipped);
        if (!d.equalMtimeSkipped.isEmpty()) {
            warnings.add(equalMtimeWarning(d.equalMtimeSkipped));
        }

        List<ContentWrite> contentWrites = new ArrayList<>();
        for (ContentWrite w : d.contentWrites) {
            ContentWrite allowed = switch (options.direction()) {
                case BIDIRECTIONAL -> w;
                case TO_CLOUD -> w.onlyCloud();
                case TO_LOCAL -> w.onlyLocal();
            };
            if (allowed.writesNothing()) {
                skipped.add(w.path());
            } else {
                contentWrites.add(allowed);
            }
        }
        contentWrites.sort((a, b) -> a.path().compareTo(b.path()));
        List<PlannedAction> actions = new ArrayList<>();
        for (PlannedAction a : d.actions) {
            if (againstDirection(a.kind())) {
                skipped.add(a.path()); // its base state is kept by the apply side
            } else {
                actions.add(a);
            }
        }
        actions.sort((a, b) -> a.kind() != b.kind() ? Integer.compare(order(a.kind()), order(b.kind()))
                : a.path().compareTo(b.path()));

        String abort = DeleteGuard.check(actions, local, cloud, options);
        if (abort == null && !placeholders.isEmpty()) {
            abort = "the cloud folder is incomplete: iCloud has not downloaded " + placeholders.size()
                    + " file(s) yet (first: " + placeholders.first() + "); open the folder in Finder or wait for "
                    + "iCloud to finish, then run again";
        }
        d.conflicts.sort((a, b) -> a.path().compareTo(b.path()));
        return new SyncPlan(List.copyOf(actions), List.copyOf(d.conflicts), List.copyOf(skipped),
                List.copyOf(refused), List.copyOf(warnings), abort, List.copyOf(contentWrites));
    }

    private static final class Decisions {
        /** Reads append-only contents for the D29 rules; null when they are off. */
        final AppendOnlyContent content;
        final List<PlannedAction> actions = new ArrayList<>();
        final List<ContentWrite> contentWrites = new ArrayList<>();
        final List<Conflict> conflicts = new ArrayList<>();
        /** Paths left alone by equal_mtime_action = skip although their two sides differ (sorted). */
        final TreeSet<String> equalMtimeSkipped = new TreeSet<>();

        Decisions(AppendOnlyContent content) {
            this.content = content;
        }
    }

    /** One line for every path equal_mtime_action = skip left alone; names the first few. */
    static String equalMtimeWarning(TreeSet<String> paths) {
        String fix = "; left alone (sync.equal_mtime_action = \"skip\"); set equal_mtime_action or touch the newer "
                + "file to choose";
        if (paths.size() == 1) {
            return paths.first() + ": both sides have the same modification time but differ" + fix;
        }
        List<String> shown = new ArrayList<>(paths).subList(0, Math.min(EQUAL_MTIME_SHOWN, paths.size()));
        String more = paths.size() > EQUAL_MTIME_SHOWN ? " and " + (paths.size() - EQUAL_MTIME_SHOWN) + " more" : "";
        return paths.size() + " paths have the same modification time on both sides but differ ("
                + String.join(", ", shown) + more + ")" + fix;
    }

    private void decide(String path, FileState l, FileState c, BaseEntry entry, ContentHashes hashes, Decisions d) {
        BaseEntry e = entry == null || (entry.local() == null && entry.cloud() == null) ? null : entry;
        if (c == null) {
            oneSided(path, l, e == null ? null : e.local(), e == null ? null : e.cloud(), Side.LOCAL, d);
            return;
        }
        if (l == null) {
            oneSided(path, c, e == null ? null : e.cloud(), e == null ? null : e.local(), Side.CLOUD, d);
            return;
        }
        // Both sides hold the file.
        String hashL = null;
        String hashC = null;
        boolean close = Math.abs(l.mtimeNs() - c.mtimeNs()) <= toleranceNs;
        if (looksSame(l, c)) {
            if (options.compare() != Compare.MTIME) {
                hashL = hashes.local(path);
                hashC = hashes.cloud(path);
                if (hashL.equalsIgnoreCase(hashC)) {
                    return;
                }
            } else if (!(e == null && d.content != null && mergeable(path))) {
                return;
            }
            // Left: different hashes, or a first meeting of history.jsonl/session_index.jsonl under compare = mtime.
            // Size and mtime cannot tell two machines' own histories apart then (same length, written within the
            // tolerance), so the contents decide, once per machine; later runs have a base entry and read nothing.
        }
        if (d.content != null && LogicalNames.isAppendOnly(path) && appendOnly(path, l, c, e, d)) {
            return;
        }
        if (e != null) {
            boolean localChanged = changed(l, e.local());
            boolean cloudChanged = changed(c, e.cloud());
            if (localChanged && cloudChanged) {
                resolveConflict(path, l, c, hashL, hashC, d, "changed on both sides since last sync");
                return;
            }
            if (localChanged) {
                d.actions.add(new PlannedAction(ActionKind.COPY_TO_CLOUD, path, "local changed since last sync", true,
                        hashL));
                return;
            }
            if (cloudChanged) {
                d.actions.add(new PlannedAction(ActionKind.COPY_TO_LOCAL, path, "cloud changed since last sync", true,
                        hashC));
                return;
            }
        }
        if (close) {
            switch (options.equalMtimeAction()) {
                // 0.1.1's default: same mtime, different content, no history to tell which is right: leave both,
                // but visibly (skipped + a warning), or two machines could keep different files forever unnoticed.
                case SKIP -> d.equalMtimeSkipped.add(path);
                case PREFER_LOCAL -> d.actions.add(new PlannedAction(ActionKind.COPY_TO_CLOUD, path,
                        "equal mtimes, equal_mtime_action = prefer_local", true, hashL));
                case PREFER_CLOUD -> d.actions.add(new PlannedAction(ActionKind.COPY_TO_LOCAL, path,
                        "equal mtimes, equal_mtime_action = prefer_cloud", true, hashC));
                case MANUAL_ABORT -> d.conflicts.add(new Conflict(path,
                        "equal mtimes but different content (equal_mtime_action = manual_abort)"));
                default -> throw new IllegalArgumentException("unknown equal_mtime_action");
            }
            return;
        }
        if (l.mtimeNs() > c.mtimeNs()) {
            d.actions.add(new PlannedAction(ActionKind.COPY_TO_CLOUD, path, "local is newer", true, hashL));
        } else {
            d.actions.add(new PlannedAction(ActionKind.COPY_TO_LOCAL, path, "cloud is newer", true, hashC));
        }
    }

    /** Sizes equal and mtimes within the tolerance: only with compare = mtime_hash_fallback are hashes asked. */
    private boolean looksSame(FileState l, FileState c) {
        return l.size() == c.size() && Math.abs(l.mtimeNs() - c.mtimeNs()) <= toleranceNs;
    }

    /**
     * The paths whose two sides {@link #decide} will hash (both present and {@link #looksSame}), so they can be
     * hashed together on every core before deciding; the paths left out here (case conflicts, placeholders,
     * sessions out of scope) are never read.
     */
    private List<String> hashCandidates(TreeSet<String> paths, Map<String, String> caseConflicts, Snapshot local,
                                        Snapshot cloud) {
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            FileState l = local.files().get(path);
            FileState c = cloud.files().get(path);
            if (l != null && c != null && !caseConflicts.containsKey(path) && looksSame(l, c)) {
                out.add(path);
            }
        }
        return out;
    }

    /** Both sides changed since the base state: the user's conflict.policy decides, or it stays a conflict. */
    private void resolveConflict(String path, FileState l, FileState c, String hashL, String hashC, Decisions d,
                                 String why) {
        String resolved = "conflict resolved by " + options.conflictPolicy().name().toLowerCase(Locale.ROOT);
        switch (options.conflictPolicy()) {
            case MANUAL_ABORT -> d.conflicts.add(new Conflict(path, why));
            case PREFER_LOCAL -> d.actions.add(new PlannedAction(ActionKind.COPY_TO_CLOUD, path, resolved, true, hashL));
            case PREFER_CLOUD -> d.actions.add(new PlannedAction(ActionKind.COPY_TO_LOCAL, path, resolved, true, hashC));
            case PREFER_NEWER_MTIME -> d.actions.add(l.mtimeNs() > c.mtimeNs()
                    ? new PlannedAction(ActionKind.COPY_TO_CLOUD, path, resolved, true, hashL)
                    : new PlannedAction(ActionKind.COPY_TO_LOCAL, path, resolved, true, hashC));
            default -> throw new IllegalArgumentException("unknown conflict.policy");
        }
    }

    /** Files Codex appends to from every machine and whose lines stand alone: merged line by line when diverged. */
    static boolean mergeable(String path) {
        return path.equals("history.jsonl") || path.equals("session_index.jsonl");
    }

    private static final String BOTH_APPENDED = "changed on both sides and neither copy contains the other (the same "
            + "session continued on two machines?)";

    /**
     * D29 for an append-only file on both sides under one name whose sides differ: true when decided here; false
     * leaves it to the usual rules (only one side changed since the base and neither contains the other — e.g.
     * Codex trimmed its history: the changed side wins, the other is backed up).
     */
    private boolean appendOnly(String path, FileState l, FileState c, BaseEntry e, Decisions d) {
        Relation rel = d.content.relate(path, path);
        switch (rel) {
            case EQUAL -> {
                return true; // same bytes, only the mtimes differ: nothing to copy
            }
            case CLOUD_IS_PREFIX -> {
                d.actions.add(new PlannedAction(ActionKind.COPY_TO_CLOUD, path,
                        "append-only: local continues the cloud copy (the longer version wins)", true, null));
                return true;
            }
            case LOCAL_IS_PREFIX -> {
                d.actions.add(new PlannedAction(ActionKind.COPY_TO_LOCAL, path,
                        "append-only: cloud continues the local copy (the longer version wins)", true, null));
                return true;
            }
            default -> {
                boolean bothChanged = e == null || (changed(l, e.local()) && changed(c, e.cloud()));
                if (!bothChanged) {
                    return false;
                }
                if (mergeable(path)) {
                    d.contentWrites.add(ContentWrite.merge(path, e == null
                            ? "merged line by line (first sync of this machine: both sides have lines)"
                            : "merged line by line (both sides appended since last sync)"));
                } else {
                    resolveConflict(path, l, c, null, null, d, BOTH_APPENDED);
                }
                return true;
            }
        }
    }

    /** One logical file with a {@code .zst} form on some side ({@link CompressedTwins}). */
    private void decideTwins(CompressedTwins t, Snapshot local, Snapshot cloud, BaseState base, ContentHashes hashes,
                             Decisions d) {
        if (t.localForm() == null || t.cloudForm() == null || t.sameForm()) {
            String name = t.localForm() != null ? t.localForm() : t.cloudForm();
            decide(name, t.localForm() == null ? null : local.files().get(name),
                    t.cloudForm() == null ? null : cloud.files().get(name), base.entry(name), hashes, d);
            return;
        }
        // One side holds x.jsonl, the other x.jsonl.zst: only the contents can tell (compressing changes neither).
        FileState l = local.files().get(t.localForm());
        FileState c = cloud.files().get(t.cloudForm());
        switch (d.content.relate(t.localForm(), t.cloudForm())) {
            case EQUAL -> { } // one machine compressed it: neither a new file nor a deletion
            case CLOUD_IS_PREFIX -> win(t, Side.LOCAL, "append-only: local continues the cloud copy (the longer "
                    + "version wins)", d);
            case LOCAL_IS_PREFIX -> win(t, Side.CLOUD, "append-only: cloud continues the local copy (the longer "
                    + "version wins)", d);
            default -> {
                String resolved = "conflict resolved by " + options.conflictPolicy().name().toLowerCase(Locale.ROOT);
                switch (options.conflictPolicy()) {
                    case MANUAL_ABORT -> d.conflicts.add(new Conflict(t.plain(), BOTH_APPENDED));
                    case PREFER_LOCAL -> win(t, Side.LOCAL, resolved, d);
                    case PREFER_CLOUD -> win(t, Side.CLOUD, resolved, d);
                    case PREFER_NEWER_MTIME -> win(t, l.mtimeNs() > c.mtimeNs() ? Side.LOCAL : Side.CLOUD, resolved, d);
                    default -> throw new IllegalArgumentException("unknown conflict.policy");
                }
            }
        }
    }

    /**
     * The winner's form travels as it is, except a {@code .zst} over a plain file: the stale plain twin would win in
     * Codex's eyes, so it is replaced by the decompressed content instead.
     */
    private static void win(CompressedTwins t, Side winner, String reason, Decisions d) {
        String from = winner == Side.LOCAL ? t.localForm() : t.cloudForm();
        String to = winner == Side.LOCAL ? t.cloudForm() : t.localForm();
        if (LogicalNames.isCompressed(from) && !LogicalNames.isCompressed(to)) {
            d.contentWrites.add(ContentWrite.inflate(to, from, winner == Side.CLOUD, reason));
        } else {
            // A plain file over a .zst twin: the destination keeps its .zst (the backup need not hold it) and
            // Codex reads the plain one, which wins while both exist.
            d.actions.add(new PlannedAction(winner.copy, from, reason, false, null));
        }
    }

    private enum Side {
        LOCAL("local", "cloud", ActionKind.COPY_TO_CLOUD, ActionKind.DELETE_LOCAL),
        CLOUD("cloud", "local", ActionKind.COPY_TO_LOCAL, ActionKind.DELETE_CLOUD);

        final String name;
        final String other;
        final ActionKind copy;
        final ActionKind delete;

        Side(String name, String other, ActionKind copy, ActionKind delete) {
            this.name = name;
            this.other = other;
            this.copy = copy;
            this.delete = delete;
        }
    }

    /**
     * The file exists only on {@code side}. A deletion needs proof: both sides had it at this machine's last sync
     * and the survivor is unchanged since. Without {@code propagate}, or without proof, the file is copied over.
     */
    private void oneSided(String path, FileState survivor, Fingerprint survivorBase, Fingerprint otherBase, Side side,
                          Decisions d) {
        boolean hadBoth = survivorBase != null && otherBase != null;
        if (options.deletePolicy() == DeletePolicy.PROPAGATE && hadBoth) {
            if (changed(survivor, survivorBase)) {
                d.conflicts.add(new Conflict(path, "deleted on " + side.other + " but changed on " + side.name
                        + " since last sync"));
            } else {
                d.actions.add(new PlannedAction(side.delete, path, "deleted on " + side.other + " since last sync",
                        true, null));
            }
            return;
        }
        String reason = otherBase != null
                ? "only on " + side.name + " (deleted on " + side.other + "; delete_policy = never copies it back)"
                : "only on " + side.name;
        d.actions.add(new PlannedAction(side.copy, path, reason, false, null));
    }

    /** Changed since the base state: no recorded fingerprint, another size, or an mtime beyond the tolerance. */
    private boolean changed(FileState now, Fingerprint recorded) {
        return recorded == null || now.size() != recorded.size()
                || Math.abs(now.mtimeNs() - recorded.mtimeNs()) > toleranceNs;
    }

    private boolean againstDirection(ActionKind kind) {
        return switch (options.direction()) {
            case BIDIRECTIONAL -> false;
            case TO_CLOUD -> kind == ActionKind.COPY_TO_LOCAL || kind == ActionKind.DELETE_LOCAL;
            case TO_LOCAL -> kind == ActionKind.COPY_TO_CLOUD || kind == ActionKind.DELETE_CLOUD;
        };
    }

    private static int order(ActionKind kind) {
        return switch (kind) {
            case COPY_TO_LOCAL -> 0;
            case COPY_TO_CLOUD -> 1;
            case DELETE_LOCAL -> 2;
            case DELETE_CLOUD -> 3;
        };
    }

    private static void applySessionScope(Set<String> paths, Set<String> skipped, List<String> warnings) {
        LocalDate latest = SessionScope.latest(paths);
        if (latest == null) {
            warnings.add("session_mode = last_date_only: no dated session folder (sessions/YYYY-MM-DD or "
                    + "sessions/YYYY/MM/DD) found; all sessions are synced");
            return;
        }
        List<String> outside = new ArrayList<>();
        for (String p : paths) {
            if (SessionScope.isSession(p) && !latest.equals(SessionScope.dateOf(p))) {
                outside.add(p);
            }
        }
        paths.removeAll(outside);
        skipped.addAll(outside);
    }

    /**
     * Paths that differ only in letter case (D15) are conflicts unless both sides hold every variant (two
     * case-sensitive file systems agreeing); otherwise a case-insensitive volume would merge them into one file.
     */
    private static Map<String, String> caseOnlyConflicts(Set<String> paths, Snapshot local, Snapshot cloud) {
        // Per lower-cased path its first path; a group list only where a second one arrives. (A sorted map of a list
        // per path cost 0.17 s at 100,000 paths, nearly all for groups of one.)
        Map<String, String> first = new HashMap<>((int) (paths.size() / 0.75f) + 1);
        Map<String, List<String>> groups = new TreeMap<>();
        for (String p : paths) {
            String lower = p.toLowerCase(Locale.ROOT);
            String earlier = first.putIfAbsent(lower, p);
            if (earlier != null) {
                groups.computeIfAbsent(lower, k -> new ArrayList<>(List.of(earlier))).add(p);
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (List<String> group : groups.values()) {
            boolean consistent = group.stream().allMatch(p -> local.files().containsKey(p) && cloud.files().containsKey(p));
            if (consistent) {
                continue;
            }
            for (String p : group) {
                List<String> others = group.stream().filter(o -> !o.equals(p)).toList();
                out.put(p, "differs only in letter case from " + String.join(", ", others)
                        + "; rename one so the names differ by more than case");
            }
        }
        return out;
    }
}
