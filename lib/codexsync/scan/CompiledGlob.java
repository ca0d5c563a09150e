// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.util.regex.Pattern;

/**
 * One normalised glob (see {@link GlobMatcher} for the D14 semantics), compiled once. A scan asks every glob about
 * every file, so the common shapes are decided with plain string tests instead of a regular expression per path:
 * <ul>
 *   <li>{@code a/b} (no wildcard): the path equals it;</li>
 *   <li>{@code **}{@code /name}, {@code **}{@code /*.ext}, {@code **}{@code /pre*}: a test on the last segment;</li>
 *   <li>{@code a/b/**}: the path starts with {@code a/b/};</li>
 *   <li>{@code **}{@code /seg/**}: {@code seg} is a folder segment of the path;</li>
 *   <li>{@code **}: any path.</li>
 * </ul>
 * Every other glob runs its regular expression, but only after the literal text it must start and end with
 * (before its first, after its last wildcard) has been checked, which rejects most paths without a regex.
 * The fast answers assume a well-formed path (not empty, no leading, trailing or doubled {@code /}); any other
 * path goes to the regular expression, so the answer is always the regular expression's.
 */
final class CompiledGlob {
    private enum Kind { EXACT, NAME, NAME_SUFFIX, NAME_PREFIX, UNDER, SEGMENT, ANY, REGEX }

    private final Pattern regex;
    private final Kind kind;
    /** The literal the fast path compares with (the whole path, the name, the prefix, ...). */
    private final String literal;
    /** For REGEX: text every match starts / ends with. */
    private final String requiredPrefix;
    private final String requiredSuffix;

    /** @param glob normalised: trimmed, {@code /}-separated, no leading {@code /}, not blank */
    CompiledGlob(String glob) {
        this.regex = Pattern.compile(GlobMatcher.toRegex(glob));
        String[] segments = glob.split("/", -1);
        int n = segments.length;
        Kind k = Kind.REGEX;
        String lit = null;
        if (glob.equals("**")) {
            k = Kind.ANY;
        } else if (isLiteral(glob) && !hasEmptySegment(segments)) {
            k = Kind.EXACT;
            lit = glob;
        } else if (n == 2 && segments[0].equals("**") && !segments[1].isEmpty()) {
            String name = segments[1];
            int star = name.indexOf('*');
            if (isLiteral(name)) {
                k = Kind.NAME;
                lit = name;
            } else if (star == 0 && isLiteral(name.substring(1))) {
                k = Kind.NAME_SUFFIX;
                lit = name.substring(1);
            } else if (star == name.length() - 1 && isLiteral(name.substring(0, star))) {
                k = Kind.NAME_PREFIX;
                lit = name.substring(0, star);
            }
        } else if (n == 3 && segments[0].equals("**") && segments[2].equals("**") && isLiteral(segments[1])
                && !segments[1].isEmpty()) {
            k = Kind.SEGMENT;
            lit = segments[1];
        } else if (n >= 2 && segments[n - 1].equals("**")) {
            String prefix = glob.substring(0, glob.length() - 3);
            if (isLiteral(prefix) && !hasEmptySegment(prefix.split("/", -1))) {
                k = Kind.UNDER;
                lit = prefix + "/";
            }
        }
        this.kind = k;
        this.literal = lit;
        this.requiredPrefix = segments[0].equals("**") ? "" : glob.substring(0, firstWildcard(glob));
        String last = segments[n - 1];
        this.requiredSuffix = last.equals("**") ? "" : last.substring(lastWildcard(last) + 1);
    }

    boolean matches(String p) {
        return matches(p, wellFormed(p));
    }

    /** {@link #matches(String)} with {@link #wellFormed} of {@code p} already known: a scan asks every glob of one path. */
    boolean matches(String p, boolean wellFormed) {
        if (kind != Kind.REGEX && wellFormed) {
            return switch (kind) {
                case EXACT -> p.equals(literal);
                case NAME -> p.endsWith(literal) && (p.length() == literal.length()
                        || p.charAt(p.length() - literal.length() - 1) == '/');
                case NAME_SUFFIX -> p.endsWith(literal) && p.indexOf('/', p.length() - literal.length()) < 0;
                case NAME_PREFIX -> p.startsWith(literal, p.lastIndexOf('/') + 1);
                case UNDER -> p.startsWith(literal) && p.length() > literal.length();
                case SEGMENT -> isFolderSegment(p, literal);
                case ANY -> true;
                default -> throw new IllegalStateException(kind.name());
            };
        }
        if (!p.startsWith(requiredPrefix) || !p.endsWith(requiredSuffix)) {
            return false;
        }
        return regex.matcher(p).matches();
    }

    /** True when this glob has no fast path (its regular expression runs after the prefix/suffix check). */
    boolean needsRegex() {
        return kind == Kind.REGEX;
    }

    /** The name appears as a whole segment that is not the last one (so something lies below it). */
    private static boolean isFolderSegment(String p, String name) {
        int from = 0;
        while (true) {
            int at = p.indexOf(name, from);
            if (at < 0) {
                return false;
            }
            int end = at + name.length();
            if ((at == 0 || p.charAt(at - 1) == '/') && end < p.length() && p.charAt(end) == '/') {
                return true;
            }
            from = at + 1;
        }
    }

    static boolean wellFormed(String p) {
        return !p.isEmpty() && p.charAt(0) != '/' && p.charAt(p.length() - 1) != '/' && !p.contains("//");
    }

    private static boolean isLiteral(String s) {
        return firstWildcard(s) == s.length();
    }

    private static boolean hasEmptySegment(String[] segments) {
        for (String s : segments) {
            if (s.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Index of the first {@code * ? [} (a {@code [} counts even when unclosed: being cautious only costs speed). */
    private static int firstWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                return i;
            }
        }
        return s.length();
    }

    /** Index of the last {@code * ? [ ]}, or -1; a {@code ]} closes a class, so text after it is the literal tail. */
    private static int lastWildcard(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']') {
                return i;
            }
        }
        return -1;
    }
}
