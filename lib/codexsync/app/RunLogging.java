// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.SyncConfig;
import codexsync.log.LogSetup;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Starts logging for a run once its config is known: {@code logging.level} ({@code -v} forces DEBUG) and
 * {@code logging.format} on stderr, and — for the commands listed in {@link #FILE_COMMANDS}, when
 * {@code logging.file} is set — this machine's rolling log files. Services call it right after loading the config.
 */
public final class RunLogging {
    /**
     * Runs that write to the log file: the writing runs only. 0.1.1 also logged {@code plan} and dry runs to the
     * file, but D10 and the dry-run promise say those create, modify and delete nothing — not even a log folder —
     * so {@code plan}, dry runs, {@code doctor}, {@code validate} and {@code init-config} log to the console only
     * (a scheduler's task log captures that).
     */
    public static final Set<String> FILE_COMMANDS = Set.of("sync --apply", "restore --apply");

    private RunLogging() {
    }

    /**
     * Configures logging for {@code command} (e.g. {@code "plan"}, {@code "sync"} for a dry run, {@code "sync --apply"});
     * returns the log file this process writes, if any.
     */
    public static Optional<Path> start(SyncConfig config, String command, boolean verbose) {
        return LogSetup.configure(config.logging(), config.machineId(), verbose, FILE_COMMANDS.contains(command));
    }
}
