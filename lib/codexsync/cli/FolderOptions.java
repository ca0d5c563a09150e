// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import codexsync.config.ConfigOverrides;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --workspace/--local/--cloud}: folders that override the config, or replace it for ad-hoc runs (D3). */
public class FolderOptions {
    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace folder in your cloud drive; holds sync/, backups/, .tmp/ and state/ (overrides paths.workspace_root_dir).")
    Path workspace;

    @Option(names = "--local", paramLabel = "DIR",
            description = "The Codex home to sync (overrides paths.local_state_dir; default $CODEX_HOME, else ~/.codex).")
    Path local;

    @Option(names = "--cloud", paramLabel = "DIR",
            description = "The cloud mirror folder (overrides paths.cloud_root_dir; default <workspace>/sync).")
    Path cloud;

    public ConfigOverrides overrides() {
        return new ConfigOverrides(workspace, local, cloud);
    }
}
