// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code codexsync completion bash|zsh}: prints the shell completion script that picocli generates from the
 * command model at run time, so every command, alias, option and enum value the umbrella has - including commands
 * added later - is completed without a hand-kept list. One script serves both shells: picocli's script loads
 * zsh's bashcompinit when it runs under zsh.
 */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print a completion script for the installed codexsync command (every command and option). "
                + "Enable it by adding to ~/.bashrc: source <(codexsync completion bash) - or to ~/.zshrc: "
                + "source <(codexsync completion zsh)."})
public class CompletionCommand extends BaseCommand {
    /** The shells the script works in; lower case, as typed on the command line. */
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "bash|zsh", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Override
    public Integer call() {
        // The same script for both: picocli's script switches zsh to bashcompinit itself.
        out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
