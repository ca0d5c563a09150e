// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LineMerge} (D29): no line of either side is ever dropped; a property test on generated histories. */
class LineMergeTest {

    @Test
    void two_machines_prompts_after_a_shared_base_are_interleaved_by_ts() throws IOException {
        String base = h("s1", 100, "base one") + h("s1", 110, "base two");
        String a = base + h("sa", 130, "A asks") + h("sa", 150, "A again");
        String b = base + h("sb", 120, "B asks");
        assertEquals(base + h("sb", 120, "B asks") + h("sa", 130, "A asks") + h("sa", 150, "A again"),
                merge(a, b));
        assertEquals(merge(a, b), merge(b, a), "lines with distinct times merge the same whichever side is local");
    }

    @Test
    void first_meeting_without_a_common_prefix_keeps_both_whole_histories() throws IOException {
        String a = h("sa", 10, "a1") + h("sa", 30, "a2");
        String b = h("sb", 20, "b1") + h("sb", 40, "b2");
        assertEquals(h("sa", 10, "a1") + h("sb", 20, "b1") + h("sa", 30, "a2") + h("sb", 40, "b2"), merge(a, b));
    }

    @Test
    void a_torn_last_line_is_kept_on_a_line_of_its_own() throws IOException {
        String base = h("s", 1, "x");
        String a = base + "{\"session_id\":\"sa\",\"ts\":5,\"te";
        String b = base + h("sb", 9, "b");
        String out = merge(a, b);
        assertTrue(out.endsWith("\n"), out);
        assertTrue(out.contains("{\"session_id\":\"sa\",\"ts\":5,\"te\n"), out);
        assertEquals(3, out.split("\n").length, out);
    }

    @Test
    void a_line_both_sides_appended_is_written_once() throws IOException {
        String base = h("s", 1, "x");
        String shared = h("s", 7, "same");
        String out = merge(base + shared + h("a", 8, "a"), base + h("b", 6, "b") + shared);
        assertEquals(1, count(lines(out), h("s", 7, "same").strip()), out);
        assertEquals(4, lines(out).size(), out);
    }

    @Test
    void merging_is_idempotent_and_a_merge_with_its_result_changes_nothing() throws IOException {
        String a = h("s", 1, "x") + h("a", 3, "a");
        String b = h("s", 1, "x") + h("b", 2, "b");
        String m = merge(a, b);
        assertEquals(m, merge(m, b));
        assertEquals(m, merge(a, m));
        assertEquals(m, merge(m, m));
    }

    /**
     * The property: for generated histories — a shared base, then appends on both sides interleaved in time, lines
     * repeated within and across sides, lines without a time, sometimes a torn last line — the merge holds every line
     * of both sides exactly max(count on local, count on cloud) times and nothing else, starts with the common base,
     * keeps each side's own order, ends with a newline and glues no two lines together.
     */
    @Test
    void property_no_line_of_either_side_is_ever_lost_duplicated_or_glued() throws IOException {
        Random random = new Random(20261201L);
        for (int round = 0; round < 500; round++) {
            List<String> base = new ArrayList<>();
            int baseSize = random.nextInt(6);
            long t = 1_700_000_000L;
            for (int i = 0; i < baseSize; i++) {
                base.add(line(random, "base", t += random.nextInt(5)));
            }
            List<String> a = new ArrayList<>(base);
            List<String> b = new ArrayList<>(base);
            long ta = t;
            long tb = t;
            int appends = random.nextInt(8);
            for (int i = 0; i < appends; i++) {
                int pick = random.nextInt(10);
                if (pick < 4) {
                    a.add(line(random, "A", ta += random.nextInt(4)));
                } else if (pick < 8) {
                    b.add(line(random, "B", tb += random.nextInt(4)));
                } else if (pick == 8 && !a.isEmpty()) {
                    String dup = a.get(random.nextInt(a.size()));
                    a.add(dup);
                    if (random.nextBoolean()) {
                        b.add(dup);
                    }
                } else {
                    String noTime = "{\"note\":\"no time " + random.nextInt(3) + "\"}";
                    (random.nextBoolean() ? a : b).add(noTime);
                }
            }
            String textA = join(a);
            String textB = join(b);
            if (random.nextInt(4) == 0) {
                textA += "{\"session_id\":\"torn" + round + "\",\"ts\":";
            }
            if (random.nextInt(6) == 0) {
                textB += "{\"torn\":" + round;
            }
            String out = merge(textA, textB);
            String where = "round " + round + "\nA=" + textA + "\nB=" + textB + "\nout=" + out;

            List<String> la = lines(textA);
            List<String> lb = lines(textB);
            List<String> lo = lines(out);
            assertTrue(out.isEmpty() || out.endsWith("\n"), where);
            Map<String, Integer> expected = new HashMap<>();
            for (String l : la) {
                expected.put(l, Math.max(count(la, l), count(lb, l)));
            }
            for (String l : lb) {
                expected.put(l, Math.max(count(la, l), count(lb, l)));
            }
            Map<String, Integer> actual = new HashMap<>();
            for (String l : lo) {
                actual.merge(l, 1, Integer::sum);
            }
            assertEquals(expected, actual, where);
            assertTrue(out.startsWith(join(base)), "the common base comes first, in order\n" + where);
            assertTrue(isSubsequence(distinctInOrder(la), lo), "local's order is kept\n" + where);
            assertTrue(isSubsequence(distinctInOrder(lb), lo) || hasRepeats(lb) || hasRepeats(la),
                    "cloud's order is kept\n" + where);
        }
    }

    @Test
    void prefix_compare_tells_equal_prefix_and_diverged_across_block_boundaries() throws IOException {
        byte[] big = "x".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        byte[] longer = (new String(big, StandardCharsets.UTF_8) + "y").getBytes(StandardCharsets.UTF_8);
        byte[] other = big.clone();
        other[150_000] = 'z';
        assertEquals(Relation.EQUAL, compare(big, big.clone()));
        assertEquals(Relation.LOCAL_IS_PREFIX, compare(big, longer));
        assertEquals(Relation.CLOUD_IS_PREFIX, compare(longer, big));
        assertEquals(Relation.DIVERGED, compare(other, longer));
        assertEquals(Relation.LOCAL_IS_PREFIX, compare(new byte[0], big));
    }

    private static Relation compare(byte[] a, byte[] b) throws IOException {
        return PrefixCompare.compare(new ByteArrayInputStream(a), new ByteArrayInputStream(b));
    }

    private static String line(Random r, String who, long ts) {
        return "{\"session_id\":\"" + who + r.nextInt(3) + "\",\"ts\":" + ts + ",\"text\":\"prompt " + r.nextInt(4)
                + "\"}";
    }

    private static String h(String sid, long ts, String text) {
        return "{\"session_id\":\"" + sid + "\",\"ts\":" + ts + ",\"text\":\"" + text + "\"}\n";
    }

    private static String join(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    private static String merge(String a, String b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LineMerge.merge(() -> new ByteArrayInputStream(a.getBytes(StandardCharsets.UTF_8)),
                () -> new ByteArrayInputStream(b.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Lines without their newline; a torn last line counts as a line. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static int count(List<String> lines, String line) {
        return (int) lines.stream().filter(line::equals).count();
    }

    private static List<String> distinctInOrder(List<String> lines) {
        return lines.stream().distinct().toList();
    }

    private static boolean hasRepeats(List<String> lines) {
        return lines.stream().distinct().count() != lines.size();
    }

    private static boolean isSubsequence(List<String> wanted, List<String> in) {
        int i = 0;
        for (String l : in) {
            if (i < wanted.size() && wanted.get(i).equals(l)) {
                i++;
            }
        }
        return i == wanted.size();
    }
}
