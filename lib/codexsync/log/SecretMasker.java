// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Last line of defence against a login token reaching a log file. codexsync never reads the contents of the
 * files it refuses to sync ({@code auth.json} and friends), so no token should ever be in a message; should one
 * slip in anyway (an exception quoting a file, a future bug), anything shaped like a bearer token, a JSON or
 * {@code key=value} token field, an OpenAI-style {@code sk-} key or a JWT is replaced by {@code ***} before the
 * record is written, in every format and on the console too.
 */
public final class SecretMasker {
    private record Rule(Pattern pattern, String replacement) {
    }

    private static final String SECRET_NAMES =
            "access_token|refresh_token|id_token|api_key|apikey|openai_api_key|client_secret|password|secret|token";

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)(\"(?:" + SECRET_NAMES + ")\"\\s*:\\s*\")(?:[^\"\\\\]++|\\\\.)*+(\")"), "$1***$2"),
            new Rule(Pattern.compile("(?i)\\b((?:" + SECRET_NAMES + ")\\s*[=:]\\s*)(?!\\*\\*\\*)[^\\s,;\"'&]+"), "$1***"),
            new Rule(Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"), "$1***"),
            new Rule(Pattern.compile("\\bsk-[A-Za-z0-9_-]{16,}"), "sk-***"),
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}"), "***"));

    private SecretMasker() {
    }

    /** The text with every token-shaped substring replaced by {@code ***}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(result);
            if (m.find()) {
                result = m.replaceAll(rule.replacement());
            }
        }
        return result;
    }
}
