// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * D13's never-synced list as restore applies it: whatever a snapshot holds, restore never puts back login and MCP
 * tokens ({@code auth.json}, {@code .credentials.json}, {@code cap_sid}, {@code .sandbox-secrets/},
 * {@code credentials.json}, {@code token.json}, at any depth: refresh tokens rotate on use, so an old copy logs
 * the user out), Codex's live SQLite databases and their journals (an old copy under a live WAL corrupts them),
 * or codexsync's own log files. Names compare case-insensitively, as on Windows and macOS volumes.
 * (The sync scanner applies the same list; the two should be unified.)
 */
public final class NeverRestored {
    private static final Set<String> TOKEN_FILES = Set.of("auth.json", ".credentials.json", "cap_sid",
            "credentials.json", "token.json");
    private static final String SECRETS_FOLDER = ".sandbox-secrets";
    private static final String[] DATABASE_SUFFIXES = {".sqlite", ".sqlite3", ".db", "-wal", "-shm", "-journal"};

    private final String logStem;

    /** {@code logStem}: the configured log file's base name without extension ({@code codexsync} by default). */
    public NeverRestored(String logStem) {
        this.logStem = (logStem == null || logStem.isBlank() ? "codexsync" : logStem).toLowerCase(Locale.ROOT);
    }

    /** Why {@code relPath} must never be restored, or empty when it may be. */
    public Optional<String> reason(String relPath) {
        String[] segs = relPath.toLowerCase(Locale.ROOT).split("/");
        String name = segs[segs.length - 1];
        for (int i = 0; i < segs.length - 1; i++) {
            if (segs[i].equals(SECRETS_FOLDER)) {
                return Optional.of("sandbox secrets are never synced or restored");
            }
        }
        if (TOKEN_FILES.contains(name)) {
            return Optional.of("login/MCP token file: never synced or restored (tokens rotate on use)");
        }
        for (String suffix : DATABASE_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return Optional.of("SQLite database or journal: never synced or restored (copies corrupt it)");
            }
        }
        boolean ownLog = (name.startsWith(logStem + "-") || name.startsWith(logStem + "."))
                && (name.endsWith(".log") || name.endsWith(".log.zip") || name.matches(".*\\.log\\.\\d+"));
        if (ownLog) {
            return Optional.of("codexsync's own log file: never synced or restored");
        }
        return Optional.empty();
    }
}
