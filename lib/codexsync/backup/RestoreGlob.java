// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.util.regex.Pattern;

/**
 * One {@code filters.exclude_globs} pattern with D14's semantics, for restore: {@code **} is zero or more
 * segments, {@code *}, {@code ?} and {@code [..]} stay inside one segment, a pattern without {@code /} matches
 * the file name at any depth, anchored patterns do not match deeper, {@code \} is normalised to {@code /},
 * matching is case-sensitive. (The sync scanner has its own matcher; the two should be unified.)
 */
final class RestoreGlob {
    private final String pattern;
    private final Pattern regex;
    private final boolean nameOnly;

    private RestoreGlob(String pattern) {
        this.pattern = pattern;
        String p = pattern.trim().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        this.nameOnly = !p.contains("/");
        this.regex = Pattern.compile(toRegex(p));
    }

    /** The compiled pattern, or null for a blank one (ignored, as in 0.2). */
    static RestoreGlob of(String pattern) {
        return pattern == null || pattern.isBlank() ? null : new RestoreGlob(pattern);
    }

    String pattern() {
        return pattern;
    }

    boolean matches(String relPath) {
        String target = nameOnly ? relPath.substring(relPath.lastIndexOf('/') + 1) : relPath;
        return regex.matcher(target).matches();
    }

    private static String toRegex(String p) {
        String[] segs = p.split("/", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            boolean last = i == segs.length - 1;
            if (segs[i].equals("**")) {
                re.append(last ? ".*" : "(?:[^/]+/)*");
            } else {
                re.append(segment(segs[i]));
                if (!last) {
                    re.append('/');
                }
            }
        }
        return re.toString();
    }

    private static String segment(String s) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = s.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = s.substring(i + 1, end);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\").replace("/", "")).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
