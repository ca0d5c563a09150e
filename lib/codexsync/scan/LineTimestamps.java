// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import codexsync.core.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The time a Codex JSON line records, used to order lines two machines appended: {@code history.jsonl} has
 * {@code ts} (Unix seconds), rollouts {@code timestamp} (ISO-8601), {@code session_index.jsonl} {@code updated_at}.
 * A line that is not a JSON object (a torn last line) or has none of these has no time: it then keeps its place
 * after the line before it on its own side.
 */
public final class LineTimestamps {
    private static final String[] FIELDS = {"ts", "timestamp", "updated_at", "created_at"};
    /** Numbers above this are milliseconds, not seconds (year 5138 in seconds). */
    private static final double MILLIS_THRESHOLD = 1e11;

    private LineTimestamps() {
    }

    /** Epoch milliseconds of the line's time, or null when it records none. */
    public static Long of(byte[] line) {
        int start = 0;
        while (start < line.length && (line[start] == ' ' || line[start] == '\t')) {
            start++;
        }
        if (start == line.length || line[start] != '{') {
            return null;
        }
        Map<String, Object> obj;
        try {
            obj = Json.parseObject(new String(line, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notJson) {
            return null;
        }
        for (String f : FIELDS) {
            Long t = toMillis(obj.get(f));
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static Long toMillis(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Math.round(d > MILLIS_THRESHOLD ? d : d * 1000);
        }
        if (v instanceof String s) {
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).toInstant().toEpochMilli();
                } catch (DateTimeParseException e2) {
                    return null;
                }
            }
        }
        return null;
    }
}
