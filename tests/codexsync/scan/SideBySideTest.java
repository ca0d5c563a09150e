// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** One pass over two sorted scans gives every path once, in order, with each side's file or null. */
class SideBySideTest {
    private static TreeMap<String, FileState> side(String... paths) {
        TreeMap<String, FileState> m = new TreeMap<>();
        for (String p : paths) {
            m.put(p, new FileState(p, p.length(), 7));
        }
        return m;
    }

    @Test
    void every_path_of_either_side_once_in_order_with_what_each_side_holds() {
        List<String> seen = new ArrayList<>();
        // "a-b/x" sorts before "a/y" ('-' < '/'): the order is the paths' own, as the planner's.
        SideBySide.each(side("a/y", "a-b/x", "both", "only-local"), side("both", "c", "a/y", ""),
                (path, l, c) -> seen.add(path + ":" + (l == null ? "-" : "L") + (c == null ? "-" : "C")));
        assertEquals(List.of(":-C", "a-b/x:L-", "a/y:LC", "both:LC", "c:-C", "only-local:L-"), seen);
    }

    @Test
    void empty_sides_give_nothing_and_the_other_side_alone() {
        List<String> seen = new ArrayList<>();
        SideBySide.each(side(), side(), (path, l, c) -> seen.add(path));
        assertEquals(List.of(), seen);
        SideBySide.each(side(), side("x", "y"), (path, l, c) -> seen.add(path + (l == null ? "" : "!")));
        assertEquals(List.of("x", "y"), seen);
    }

    @Test
    void a_map_sorted_another_way_is_refused() {
        TreeMap<String, FileState> reversed = new TreeMap<>(Comparator.reverseOrder());
        assertThrows(IllegalArgumentException.class, () -> SideBySide.each(reversed, side(), (p, l, c) -> { }));
    }
}
