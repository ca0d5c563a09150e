// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.ConfigOverrides;
import java.nio.file.Path;

/**
 * The global options of one command-line run, as every service sees them.
 *
 * @param configFile  the {@code -c} file, or null when none was given
 * @param verbose     {@code -v}: debug logging and the process snapshot
 * @param terminate   the one-run override of process_detection.manual_terminate_confirmation
 * @param folders     {@code --workspace/--local/--cloud}
 */
public record Invocation(Path configFile, boolean verbose, TerminateOverride terminate, ConfigOverrides folders) {

    /** {@code --manual-terminate-confirmation} / {@code --auto-terminate-without-confirmation}, or neither. */
    public enum TerminateOverride { NONE, MANUAL_CONFIRMATION, AUTO_WITHOUT_CONFIRMATION }

    public static Invocation of(Path configFile) {
        return new Invocation(configFile, false, TerminateOverride.NONE, ConfigOverrides.NONE);
    }
}
