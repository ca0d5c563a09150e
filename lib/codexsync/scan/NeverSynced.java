// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.util.Locale;
import java.util.Set;

/**
 * The paths codexsync never copies, whatever the config says (D13): login and MCP tokens (a copied refresh token
 * rotates on use and breaks both machines' logins), Codex's live SQLite databases and their journals (held open
 * and rewritten while Codex runs, so a copy is corrupt), and codexsync's own log files. A scan lists them as
 * {@link Snapshot#refused()} when an include root covers or names them, so the user sees why they are absent.
 * Names are compared case-insensitively: on Windows and macOS {@code Auth.json} is the same file.
 */
public final class NeverSynced {
    /** File names that are never synced at any depth. */
    static final Set<String> SECRET_NAMES = Set.of("auth.json", ".credentials.json", "cap_sid", "credentials.json",
            "token.json");
    /** Folder names whose whole contents are never synced at any depth. */
    static final Set<String> SECRET_FOLDERS = Set.of(".sandbox-secrets");
    private static final String[] DATABASE_SUFFIXES = {".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal",
            ".db", ".db-wal", ".db-shm", ".db-journal"};

    private NeverSynced() {
    }

    /** True when the file name (last segment) or any folder on its path is never synced. */
    public static boolean isRefused(String relPath) {
        // Segment by segment without split(): every scanned path comes through here. As split() did, trailing
        // slashes are dropped, so the last named segment is the one checked as a file name.
        int end = relPath.length();
        while (end > 0 && relPath.charAt(end - 1) == '/') {
            end--;
        }
        String path = relPath.substring(0, end);
        int start = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
            if (slash > start && isRefusedFolder(path.substring(start, slash))) {
                return true;
            }
            start = slash + 1;
        }
        return isRefusedFileName(path.substring(start));
    }

    /** True for a folder whose contents are never synced ({@code .sandbox-secrets}). */
    public static boolean isRefusedFolder(String folderName) {
        return SECRET_FOLDERS.contains(folderName.toLowerCase(Locale.ROOT));
    }

    static boolean isRefusedFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (SECRET_NAMES.contains(n)) {
            return true;
        }
        for (String suffix : DATABASE_SUFFIXES) {
            if (n.endsWith(suffix)) {
                return true;
            }
        }
        // codexsync's own log files (codexsync.log, codexsync-<machine>-<date>[.N].log and their archives).
        return n.startsWith("codexsync") && (n.endsWith(".log") || n.matches(".*\\.log(\\.\\d+)?(\\.zip)?"));
    }
}
