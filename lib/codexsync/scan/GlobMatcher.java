// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code filters.exclude_globs} with the semantics of D14 (fixing codexSync 0.1.1's right-anchored matching):
 * <ul>
 *   <li>{@code **} is zero or more whole path segments; {@code *}, {@code ?} and {@code [..]} stay inside one
 *       segment ({@code [!..]} negates);</li>
 *   <li>a pattern without {@code /} matches the file name at any depth ({@code *.log} = {@code **}{@code /*.log});</li>
 *   <li>a pattern with {@code /} is anchored at the root of the side: {@code logs/*.log} does not match
 *       {@code a/logs/x.log} nor {@code logs/sub/x.log};</li>
 *   <li>a trailing {@code /**} is about a folder's contents: it needs at least one more segment, so
 *       {@code tmp/**} excludes {@code tmp/a} but not a file called {@code tmp};</li>
 *   <li>case-sensitive; {@code \} is normalised to {@code /}; blank patterns are ignored.</li>
 * </ul>
 * Paths given to {@link #matches} are relative, {@code /}-separated, without a leading slash. Each glob is compiled
 * once ({@link CompiledGlob}); the usual shapes are answered without a regular expression per path.
 */
public final class GlobMatcher {
    private final List<CompiledGlob> files = new ArrayList<>();
    private final List<CompiledGlob> folderContents = new ArrayList<>();

    public GlobMatcher(List<String> globs) {
        for (String raw : globs) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String glob = raw.trim().replace('\\', '/');
            while (glob.startsWith("/")) {
                glob = glob.substring(1);
            }
            if (!glob.contains("/") && !glob.equals("**")) {
                glob = "**/" + glob;
            }
            files.add(new CompiledGlob(glob));
            if (glob.endsWith("/**")) {
                // Everything under a folder matching the prefix is excluded, so the walk can skip the folder.
                folderContents.add(new CompiledGlob(glob.substring(0, glob.length() - 3)));
            }
        }
    }

    /** True when the file at {@code relPath} is excluded. */
    public boolean matches(String relPath) {
        String p = relPath.indexOf('\\') < 0 ? relPath : relPath.replace('\\', '/');
        boolean wellFormed = CompiledGlob.wellFormed(p); // once per path, not once per glob
        for (CompiledGlob glob : files) {
            if (glob.matches(p, wellFormed)) {
                return true;
            }
        }
        return false;
    }

    /** True when every file below the folder {@code relFolder} is excluded (the walk may skip it). */
    public boolean excludesEverythingUnder(String relFolder) {
        String p = relFolder.replace('\\', '/');
        boolean wellFormed = CompiledGlob.wellFormed(p); // once per folder, not once per glob
        for (CompiledGlob glob : folderContents) {
            if (glob.matches(p, wellFormed)) {
                return true;
            }
        }
        return false;
    }

    /** Translates one normalised glob into an anchored regular expression over the whole relative path. */
    static String toRegex(String glob) {
        String[] segments = glob.split("/", -1);
        StringBuilder re = new StringBuilder();
        int last = segments.length - 1;
        for (int i = 0; i <= last; i++) {
            String seg = segments[i];
            if (seg.equals("**")) {
                if (i == last) {
                    // Trailing "/**": one or more segments (contents of the folder, never the folder itself);
                    // a pattern that is only "**" matches everything.
                    re.append(i == 0 ? "[^/]+(?:/[^/]+)*" : "/[^/]+(?:/[^/]+)*");
                } else if (i == 0) {
                    re.append("(?:[^/]+/)*");
                } else {
                    re.append("/(?:[^/]+/)*");
                }
                continue;
            }
            boolean afterDoubleStar = i > 0 && segments[i - 1].equals("**");
            if (i > 0 && !afterDoubleStar) {
                re.append('/');
            }
            re.append(segmentRegex(seg));
        }
        return re.toString();
    }

    private static String segmentRegex(String seg) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = seg.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String body = seg.substring(i + 1, close);
                        boolean negate = body.startsWith("!") || body.startsWith("^");
                        if (negate) {
                            body = body.substring(1);
                        }
                        re.append('[').append(negate ? "^/" : "")
                                .append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
