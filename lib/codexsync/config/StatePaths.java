// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import codexsync.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The folders and files codexsync works with, all absolute. The workspace-derived ones (backup, temp,
 * manifest) are null only when no config file and no {@code --workspace} was given; writing runs then refuse.
 */
public record StatePaths(
        Path workspaceRoot,
        List<Path> localCandidates,
        Path cloudRoot,
        Path backupDir,
        Path tempDir,
        Path manifestFile,
        Path logFile) {

    public static final String NO_WORKSPACE_HINT = "pass --workspace DIR or run init-config";
    /** The folder beside {@code state.manifest_file} that holds one state file per machine (D27). */
    public static final String MACHINE_STATE_FOLDER = "machines";

    /**
     * The folder of the per-machine state files: {@code machines/} beside the configured (0.1.1-era, single)
     * {@code state.manifest_file}, which is now only read once to migrate. Null without a workspace.
     */
    public Path machineStateDir() {
        return manifestFile == null ? null : machineStateDir(manifestFile);
    }

    /** The folder of the per-machine state files beside {@code manifestFile}. */
    public static Path machineStateDir(Path manifestFile) {
        return manifestFile.toAbsolutePath().normalize().resolveSibling(MACHINE_STATE_FOLDER);
    }

    /**
     * A machine's own state file, {@code machines/<machine_id>.json} beside {@code manifestFile}: only that machine
     * ever writes it, so a cloud client never has two writers to reconcile (D27).
     */
    public static Path machineStateFile(Path manifestFile, String machineId) {
        return machineStateDir(manifestFile).resolve(machineId + ".json");
    }

    /**
     * The Codex home to sync: the first candidate that is an existing folder. It is never created, because an
     * empty folder where Codex's home should be would make every cloud file look new.
     */
    public Path localStateDir() {
        for (Path candidate : localCandidates) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        String tried = localCandidates.stream().map(Path::toString).collect(Collectors.joining(", "));
        throw new InvalidInputException("local Codex state folder not found (tried: " + tried + ")", null,
                "set paths.local_state_dir in the config, pass --local DIR, or set CODEX_HOME");
    }

    /** The cloud mirror, required by every command that scans. */
    public Path requireCloudRoot() {
        if (cloudRoot == null) {
            throw new InvalidInputException("no cloud folder is configured", null,
                    "pass --cloud DIR or --workspace DIR, or run init-config");
        }
        return cloudRoot;
    }

    /** Writing runs need the whole workspace: backups, staging area and base state. */
    public void requireWorkspace() {
        if (backupDir == null || tempDir == null || manifestFile == null) {
            throw new InvalidInputException("a writing run needs a workspace for backups and base state", null,
                    NO_WORKSPACE_HINT);
        }
    }
}
