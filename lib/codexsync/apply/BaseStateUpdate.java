// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Conflict;
import codexsync.plan.Fingerprint;
import codexsync.plan.SyncPlan;
import codexsync.scan.FileState;
import codexsync.scan.SideBySide;
import codexsync.scan.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Computes the base state to save after a complete apply (D11, D12, D16, D17):
 * <ul>
 *   <li>skipped paths (direction, session scope) and conflicts keep their previous entry — a conflict is never
 *       recorded as agreement;</li>
 *   <li>written paths get both sides as they are on disk now (re-read, since a file system may round mtimes),
 *       with the hash computed while copying;</li>
 *   <li>deleted paths lose their entry;</li>
 *   <li>every other scanned path is recorded as scanned (absent side = null);</li>
 *   <li>entries of paths found on neither side (gone, or no longer under an include root) are dropped, so a later
 *       file of the same name is treated as new rather than as "unchanged since the last sync".</li>
 * </ul>
 */
final class BaseStateUpdate {
    private BaseStateUpdate() {
    }

    static BaseState after(BaseState previous, SyncPlan plan, Snapshot local, Snapshot cloud,
                           List<ActionOutcome> outcomes, Path localRoot, Path cloudRoot) throws IOException {
        Map<String, String> writtenSha = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        for (ActionOutcome o : outcomes) {
            if (o.kind() == ActionOutcome.Kind.DELETED) {
                deleted.add(o.action().path());
            } else {
                writtenSha.put(o.action().path(), o.sha256());
            }
        }
        Set<String> keepOld = new HashSet<>(plan.skipped());
        for (Conflict c : plan.conflicts()) {
            keepOld.add(c.path());
        }
        if (writtenSha.isEmpty() && deleted.isEmpty() && keepOld.isEmpty() && nothingChanged(previous, local, cloud)) {
            // The previous state is the next one: a no-change run over 100,000 paths builds no new map (and then
            // compares the saved state with itself, not entry by entry).
            return previous;
        }
        Map<String, BaseEntry> next = new HashMap<>(capacityFor(Math.max(local.files().size(),
                cloud.files().size()) + writtenSha.size()));
        SideBySide.each(local, cloud, (path, l, c) -> {
            if (keepOld.contains(path) || deleted.contains(path)) {
                return;
            }
            String sha = writtenSha.get(path);
            if (sha != null) {
                next.put(path, new BaseEntry(stat(localRoot, path, sha), stat(cloudRoot, path, sha)));
            } else {
                next.put(path, agreed(previous.entry(path), l, c));
            }
        });
        for (Map.Entry<String, String> w : writtenSha.entrySet()) {
            // A written path is on a side it was written to; this only guards against a scan that missed it.
            if (!next.containsKey(w.getKey()) && !keepOld.contains(w.getKey()) && !deleted.contains(w.getKey())) {
                next.put(w.getKey(), new BaseEntry(stat(localRoot, w.getKey(), w.getValue()),
                        stat(cloudRoot, w.getKey(), w.getValue())));
            }
        }
        for (String path : keepOld) {
            BaseEntry old = previous.entry(path);
            if (old != null) {
                next.put(path, old);
            }
        }
        return new BaseState(previous.machineId(), java.util.Collections.unmodifiableMap(next));
    }

    /**
     * Both sides as scanned; the previous entry itself when the scan found both exactly as it records them (same size
     * and mtime, or both absent), so an unchanged path keeps its hash and no new objects are made: a no-change run
     * over 100,000 paths would otherwise build the same base state again, and compare it with the saved one.
     */
    private static BaseEntry agreed(BaseEntry previous, FileState local, FileState cloud) {
        if (previous != null && sameFile(previous.local(), local) && sameFile(previous.cloud(), cloud)) {
            return previous;
        }
        return new BaseEntry(fp(local), fp(cloud));
    }

    /** Whether every scanned path keeps its previous entry as it is and the previous state records no other path. */
    private static boolean nothingChanged(BaseState previous, Snapshot local, Snapshot cloud) {
        int[] kept = {0};
        boolean[] changed = {false};
        SideBySide.each(local, cloud, (path, l, c) -> {
            BaseEntry old = previous.entry(path);
            if (old != null && agreed(old, l, c) == old) {
                kept[0]++;
            } else {
                changed[0] = true;
            }
        });
        return !changed[0] && kept[0] == previous.files().size();
    }

    /** A HashMap capacity that holds {@code entries} without growing (it rehashes everything each time it grows). */
    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private static boolean sameFile(Fingerprint recorded, FileState scanned) {
        return recorded == null ? scanned == null
                : scanned != null && recorded.size() == scanned.size() && recorded.mtimeNs() == scanned.mtimeNs();
    }

    private static Fingerprint fp(FileState s) {
        return s == null ? null : new Fingerprint(s.size(), s.mtimeNs(), null);
    }

    private static Fingerprint stat(Path root, String rel, String sha) throws IOException {
        Path file = root.resolve(rel);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return new Fingerprint(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), sha);
    }
}
