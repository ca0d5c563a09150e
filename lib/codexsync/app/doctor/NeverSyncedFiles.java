// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import java.util.Locale;
import java.util.Set;

/**
 * The files D13 says are never synced whatever the config says: login and MCP tokens at any depth, and Codex's
 * live SQLite databases. Doctor uses it to warn when an include root covers such files (sync refuses them).
 */
final class NeverSyncedFiles {
    private static final Set<String> TOKEN_NAMES = Set.of("auth.json", ".credentials.json", "cap_sid",
            "credentials.json", "token.json");
    private static final String SECRETS_DIR = ".sandbox-secrets";
    private static final String[] DATABASE_SUFFIXES = {".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal",
            ".db", ".db-wal", ".db-shm", ".db-journal"};

    private NeverSyncedFiles() {
    }

    /** {@code rel} uses {@code /} separators, relative to the Codex home. */
    static boolean isNeverSynced(String rel) {
        String[] segments = rel.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals(SECRETS_DIR)) {
                return true;
            }
        }
        String name = segments[segments.length - 1];
        if (TOKEN_NAMES.contains(name)) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : DATABASE_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
