// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.nio.file.Path;
import java.util.List;

/** A snapshot that is complete and on disk: its name, its folder or zip, and what it holds. */
public record SnapshotResult(String name, Path location, List<BackupEntry> entries) {
    /** The saved entry for a relative path and side, or null. */
    public BackupEntry find(String path, String side) {
        for (BackupEntry e : entries) {
            if (e.path().equals(path) && e.side().equals(side)) {
                return e;
            }
        }
        return null;
    }
}
