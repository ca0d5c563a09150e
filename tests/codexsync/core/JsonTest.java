// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON dialect: whole numbers read as Long, nulls kept, one line when compact, clear errors. */
class JsonTest {
    @Test
    void compact_json_is_one_line_keeps_nulls_and_reads_back_with_long_numbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", "sessions/ä \"q\".jsonl");
        m.put("size", 12L);
        m.put("sha256", null);
        m.put("list", List.of(1L, 2L));
        String line = Json.writeCompact(m);
        assertTrue(!line.contains("\n") && line.contains("\"sha256\":null") && line.contains("ä"), line);
        assertEquals(m, Json.parseObject(line));
    }

    @Test
    void an_object_literal_keeps_its_order_and_its_nulls_and_refuses_a_key_without_a_value() {
        Map<String, Object> m = Json.object("z", 1L, "a", null, "m", "x");
        assertEquals("{\"z\":1,\"a\":null,\"m\":\"x\"}", Json.writeCompact(m));
        m.put("later", true);
        assertEquals(List.of("z", "a", "m", "later"), List.copyOf(m.keySet()));
        assertThrows(IllegalArgumentException.class, () -> Json.object("k", 1, "dangling"));
    }

    @Test
    void what_is_not_a_json_object_is_an_illegal_argument_with_the_parsers_words() {
        for (String bad : new String[] {"", "[1,2]", "{\"a\":", "not json"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject(bad),
                    bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
        }
    }

    @Test
    void objects_keep_their_order_numbers_their_kind_and_a_repeated_top_level_key_is_refused() {
        Map<String, Object> m = Json.parseObject(
                "{\"z\": 1, \"a\": {\"y\": 2.5, \"b\": [true, null, \"s\", 9223372036854775807, 1e3, 18446744073709551616]}}");
        assertEquals(List.of("z", "a"), List.copyOf(m.keySet()));
        Map<?, ?> a = (Map<?, ?>) m.get("a");
        assertEquals(List.of("y", "b"), List.copyOf(a.keySet()));
        assertEquals(2.5, a.get("y"));
        assertEquals(java.util.Arrays.asList(true, null, "s", Long.MAX_VALUE, 1000.0, 1.8446744073709552E19), a.get("b"));
        assertEquals(1L, m.get("z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parseObject("{\"files\": {}, \"files\": {}}"));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("duplicate key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\": 1} {\"b\": 2}"));
    }
}
