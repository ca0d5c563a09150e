// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.config.BackupOptions;
import codexsync.core.Progress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Everything one apply needs besides the plan: the two roots, the workspace folders, the backup policy, the run's
 * start time (names the snapshot), where to save the base state, and the seams for progress, interruption
 * ({@code stopRequested} is polled between files) and fault injection.
 */
public record ApplyContext(
        String machineId,
        String command,
        Path localRoot,
        Path cloudRoot,
        Path backupDir,
        Path tempDir,
        Path manifestFile,
        BackupOptions backup,
        Instant runStart,
        BaseStateSaver baseStateSaver,
        Progress progress,
        BooleanSupplier stopRequested,
        ApplyHooks hooks) {

    public Path journalFile() {
        return Journal.fileFor(tempDir, machineId);
    }
}
