// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;

/**
 * Every path of two scans in path order, with what each side holds (null where a side has no file): one pass over
 * both sorted maps, so a caller that visits every path builds no union set and makes no lookup per path (at 100,000
 * paths each lookup in a sorted map is ~17 string comparisons over long common prefixes).
 */
public final class SideBySide {
    /** What to do with one path. */
    @FunctionalInterface
    public interface PathVisitor<E extends Exception> {
        void visit(String path, FileState local, FileState cloud) throws E;
    }

    private SideBySide() {
    }

    /** Calls {@code visitor} once per path of either snapshot, in ascending path order. */
    public static <E extends Exception> void each(Snapshot local, Snapshot cloud, PathVisitor<E> visitor) throws E {
        each(local.files(), cloud.files(), visitor);
    }

    static <E extends Exception> void each(SortedMap<String, FileState> local, SortedMap<String, FileState> cloud,
                                           PathVisitor<E> visitor) throws E {
        if (local.comparator() != null || cloud.comparator() != null) {
            throw new IllegalArgumentException("scans are sorted by the paths' natural order");
        }
        Iterator<Map.Entry<String, FileState>> l = local.entrySet().iterator();
        Iterator<Map.Entry<String, FileState>> c = cloud.entrySet().iterator();
        Map.Entry<String, FileState> a = l.hasNext() ? l.next() : null;
        Map.Entry<String, FileState> b = c.hasNext() ? c.next() : null;
        while (a != null || b != null) {
            int order = a == null ? 1 : b == null ? -1 : a.getKey().compareTo(b.getKey());
            if (order < 0) {
                visitor.visit(a.getKey(), a.getValue(), null);
                a = l.hasNext() ? l.next() : null;
            } else if (order > 0) {
                visitor.visit(b.getKey(), null, b.getValue());
                b = c.hasNext() ? c.next() : null;
            } else {
                visitor.visit(a.getKey(), a.getValue(), b.getValue());
                a = l.hasNext() ? l.next() : null;
                b = c.hasNext() ? c.next() : null;
            }
        }
    }
}
