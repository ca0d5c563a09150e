// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import codexsync.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user needs to find a session again, read from the start of its rollout (plain or {@code .zst}): the first
 * line's {@code session_meta} (id, start time, recorded working folder) and the first prompt the user typed
 * ({@code event_msg} of type {@code user_message}). Reads at most {@link #MAX_LINES} lines; never the whole file.
 *
 * @param id          the session id ({@code codex resume <id>}); from the file name when the meta line lacks it
 * @param started     ISO-8601 start time as recorded, or null
 * @param cwd         the absolute working folder Codex recorded, or null
 * @param firstPrompt the first user prompt, or null when none was found near the start
 */
public record RolloutHeader(String id, String started, String cwd, String firstPrompt) {
    static final int MAX_LINES = 400;
    private static final Pattern ROLLOUT = Pattern.compile(
            "^(sessions/.+/|archived_sessions/(.+/)?)rollout-[^/]*\\.jsonl(\\.zst)?$");
    private static final Pattern UUID_AT_END = Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\.jsonl(\\.zst)?$");

    /** True for a Codex session file (a rollout under {@code sessions/} or {@code archived_sessions/}). */
    public static boolean isRollout(String relPath) {
        return ROLLOUT.matcher(relPath).matches();
    }

    /** Reads the header of the rollout {@code file} ({@code relPath} names it for the id fallback). */
    public static RolloutHeader read(Path file, String relPath) throws IOException {
        String id = null;
        String started = null;
        String cwd = null;
        String prompt = null;
        try (InputStream in = LogicalFiles.open(file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while (prompt == null && n++ < MAX_LINES && (line = r.readLine()) != null) {
                Map<String, Object> obj;
                try {
                    obj = Json.parseObject(line);
                } catch (IllegalArgumentException notJson) {
                    continue;
                }
                if (!(obj.get("payload") instanceof Map<?, ?> payload)) {
                    continue;
                }
                if ("session_meta".equals(obj.get("type")) && id == null) {
                    id = string(payload.get("id"));
                    started = string(payload.get("timestamp")) != null ? string(payload.get("timestamp"))
                            : string(obj.get("timestamp"));
                    cwd = string(payload.get("cwd"));
                } else if ("event_msg".equals(obj.get("type")) && "user_message".equals(payload.get("type"))) {
                    prompt = string(payload.get("message"));
                } else if ("response_item".equals(obj.get("type")) && "user".equals(payload.get("role"))
                        && prompt == null) {
                    String text = firstText(payload.get("content"));
                    // Codex injects its own context as user items in angle brackets; that is not what the user typed.
                    if (text != null && !text.stripLeading().startsWith("<")) {
                        prompt = text;
                    }
                }
            }
        }
        return new RolloutHeader(id == null ? idFromName(relPath) : id, started, cwd, prompt);
    }

    /** What the file name alone tells (the session id at its end), when the content cannot be read. */
    public static RolloutHeader fromName(String relPath) {
        return new RolloutHeader(idFromName(relPath), null, null, null);
    }

    private static String idFromName(String relPath) {
        Matcher m = UUID_AT_END.matcher(relPath);
        return m.find() ? m.group(1) : null;
    }

    private static String firstText(Object content) {
        if (content instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m && m.get("text") instanceof String t) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }
}
