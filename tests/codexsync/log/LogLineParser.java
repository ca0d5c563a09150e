// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import codexsync.config.LoggingOptions.Format;
import codexsync.core.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: parses one log line of a format back into ts/level/logger/message, throwing when the line is not a
 * complete, well-formed record (so "every line parses" is a real corruption check).
 */
final class LogLineParser {
    private static final Pattern TEXT = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) (DEBUG|INFO|WARNING|ERROR) (\\S+) (.*)");
    private static final String QUOTED = "\"((?:[^\"\\\\]++|\\\\.)*+)\"";
    private static final Pattern LOGFMT = Pattern.compile(
            "ts=" + QUOTED + " level=" + QUOTED + " logger=" + QUOTED + " msg=" + QUOTED);
    private static final Pattern TS = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}");

    private LogLineParser() {
    }

    /**
     * Parses a whole file's lines. Text records may span lines (a message with a newline, a stack trace) as in
     * 0.1.1, so a text line without the record header continues the previous record; json and logfmt records
     * are always exactly one line.
     */
    static java.util.List<Map<String, String>> parseAll(Format format, java.util.List<String> lines) {
        java.util.List<Map<String, String>> records = new java.util.ArrayList<>();
        for (String line : lines) {
            if (format == Format.TEXT && !records.isEmpty() && !TEXT.matcher(line).matches()) {
                Map<String, String> last = records.get(records.size() - 1);
                last.put("message", last.get("message") + "\n" + line);
            } else {
                records.add(parse(format, line));
            }
        }
        return records;
    }

    static Map<String, String> parse(Format format, String line) {
        Map<String, String> r = new LinkedHashMap<>();
        switch (format) {
            case TEXT -> {
                Matcher m = TEXT.matcher(line);
                require(m.matches(), line);
                r.put("ts", m.group(1));
                r.put("level", m.group(2));
                r.put("logger", m.group(3));
                r.put("message", m.group(4));
            }
            case JSON -> {
                Map<String, Object> o;
                try {
                    o = Json.parseObject(line);
                } catch (IllegalArgumentException e) {
                    throw new AssertionError("not a JSON record: " + line, e);
                }
                require(o.keySet().equals(java.util.Set.of("ts", "level", "logger", "message")), line);
                o.forEach((k, v) -> r.put(k, (String) v));
            }
            case LOGFMT -> {
                Matcher m = LOGFMT.matcher(line);
                require(m.matches(), line);
                r.put("ts", unescape(m.group(1)));
                r.put("level", unescape(m.group(2)));
                r.put("logger", unescape(m.group(3)));
                r.put("message", unescape(m.group(4)));
            }
            default -> throw new IllegalArgumentException(format.toString());
        }
        require(TS.matcher(r.get("ts")).matches(), line);
        require(r.get("level").matches("DEBUG|INFO|WARNING|ERROR"), line);
        return r;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void require(boolean ok, String line) {
        if (!ok) {
            throw new AssertionError("malformed log line: " + line);
        }
    }
}
