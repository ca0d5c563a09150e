// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.config.SyncConfig;
import codexsync.core.SafeAbortException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Read-only view of the journal for {@code doctor}: says whether an interrupted writing run awaits recovery.
 * Never changes anything (D10). A journal being written by a live run looks the same; doctor combines this with
 * the run lock to tell the two apart.
 */
public final class JournalInspector {
    private JournalInspector() {
    }

    /** A description of the interrupted run, or empty when there is none (or no workspace is configured). */
    public static Optional<String> interrupted(SyncConfig config) {
        Path temp = config.paths().tempDir();
        if (temp == null) {
            return Optional.empty();
        }
        try {
            return JournalRecovery.describe(Journal.fileFor(temp, config.machineId()));
        } catch (IOException | SafeAbortException e) {
            return Optional.of("a journal exists but cannot be read: " + e.getMessage());
        }
    }
}
