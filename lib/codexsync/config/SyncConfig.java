// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A fully validated configuration: every key of codexSync 0.1.1's config with its value or loader default,
 * paths absolute and checked not to overlap. {@code source} is the file it came from, or null when the
 * built-in defaults (plus command-line folders) were used.
 */
public record SyncConfig(
        Path source,
        String machineId,
        SyncOptions sync,
        StatePaths paths,
        Selection selection,
        ConflictOptions conflict,
        BackupOptions backup,
        SafetyOptions safety,
        ProcessOptions process,
        LoggingOptions logging,
        List<String> warnings) {

    /** Where the configuration came from, for messages ("config.toml" or "built-in defaults"). */
    public String sourceDescription() {
        return source == null ? "built-in defaults" : source.toString();
    }
}
