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
     * Commands that write to the log file: 0.1.1's {@code plan}, {@code sync}, {@code restore}, plus
     * {@code doctor}, which scheduled runs use as a preflight (0.2). {@code validate} and {@code init-config}
     * only check or write a config: they log to the console only, so checking a config never creates files.
     */
    public static final Set<String> FILE_COMMANDS = Set.of("plan", "sync", "restore", "doctor");

    private RunLogging() {
    }

    /** Configures logging for {@code command}; returns the log file this process writes, if any. */
    public static Optional<Path> start(SyncConfig config, String command, boolean verbose) {
        return LogSetup.configure(config.logging(), config.machineId(), verbose, FILE_COMMANDS.contains(command));
    }
}
