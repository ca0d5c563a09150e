// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.Journal;
import codexsync.apply.JournalRecovery;
import codexsync.config.SyncConfig;
import codexsync.core.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Finishes or rolls back a writing run that was killed (D21). Every writing command calls it under the run lock
 * and before it plans, so it never plans against a half-finished state.
 */
final class InterruptedRun {
    private InterruptedRun() {
    }

    static JournalRecovery.Outcome recover(SyncConfig config) {
        Path journal = Journal.fileFor(config.paths().tempDir(), config.machineId());
        try {
            return JournalRecovery.recover(journal);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot recover the interrupted run recorded in " + journal + ": "
                    + e.getMessage(), journal.toString(), "fix the cause (a locked or unreadable file) and run again", e);
        }
    }
}
