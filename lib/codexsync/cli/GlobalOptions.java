// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The global options of D1. Mixed into the umbrella and into every command, so {@code codexsync -c f sync}
 * and {@code codexsync sync -c f} and the standalone {@code codexsync-sync -c f} all mean the same.
 */
public class GlobalOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (default: ./config.toml when it exists, else the built-in defaults).")
    Path config;

    @Option(names = {"-v", "--verbose"},
            description = "Log at DEBUG, log the Codex process snapshot, and show stack traces on errors.")
    boolean verbose;

    @Option(names = "--manual-terminate-confirmation",
            description = "Always ask before closing a running Codex (Windows, --apply only). "
                    + "Cannot be combined with --auto-terminate-without-confirmation.")
    boolean manualTerminateConfirmation;

    @Option(names = "--auto-terminate-without-confirmation",
            description = "Close a running Codex without asking, for this run only (Windows, --apply only; "
                    + "never when its sandbox runs).")
    boolean autoTerminateWithoutConfirmation;
}
