// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.SyncConfig;

/**
 * Starts logging for a run once its config is known (level, format, log file). Services call it right after
 * loading the config; until file logging lands it keeps the console logging the CLI set up.
 */
public final class RunLogging {
    private RunLogging() {
    }

    public static void start(SyncConfig config, String command, boolean verbose) {
        // File logging (issue: logging) plugs in here.
    }
}
