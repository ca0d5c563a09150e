// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.util.Optional;

/**
 * Decides whether a name read from a snapshot (a zip entry, a manifest {@code path} or {@code entry}) is a plain
 * relative path that stays inside the folder it is restored into. Zip-slip names ({@code ../x},
 * {@code sessions/../../x}), absolute names ({@code /etc/x}, {@code C:\x}, {@code C:x}, {@code //server/x}),
 * backslashes (a Windows separator that other tools may honour), NUL and empty segments are all refused: a
 * codexsync snapshot never contains them, so their presence means the snapshot was crafted or damaged.
 */
public final class EntryNames {
    private EntryNames() {
    }

    /** Why {@code name} is unsafe, or empty when it is a clean relative path like {@code sessions/a.jsonl}. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("empty name");
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of("contains a NUL character");
        }
        if (name.indexOf('\\') >= 0) {
            return Optional.of("contains a backslash");
        }
        if (name.startsWith("/")) {
            return Optional.of("is an absolute path");
        }
        if (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':') {
            return Optional.of("is a Windows drive path");
        }
        String[] segments = name.split("/", -1);
        for (String s : segments) {
            if (s.equals("..")) {
                return Optional.of("climbs out of the folder with '..'");
            }
            if (s.isEmpty() || s.equals(".")) {
                return Optional.of("has an empty or '.' segment");
            }
            if (s.indexOf(':') >= 0) {
                // On Windows "a:b" names an alternate data stream or a drive; never a codexsync path.
                return Optional.of("contains ':'");
            }
        }
        return Optional.empty();
    }
}
