// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import codexsync.apply.BaseStateStore;
import codexsync.apply.MachineState;
import codexsync.config.CloudFolderFinder;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.scan.CloudClientFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The cloud client as doctor sees it: which folders the installed clients sync (is the workspace in one?), and what
 * the client left that needs the user (D28): conflict copies in the cloud mirror and codexsync's own state folder.
 * Read-only; bounded like the other walks.
 */
final class CloudClientChecks {
    private CloudClientChecks() {
    }

    /**
     * Which folders the installed cloud clients sync, and whether the workspace is inside one of them. codexsync
     * cannot see every client's settings, so a workspace outside every folder found is a warning, not a failure.
     */
    static Check cloudFolders(SyncConfig config, HostEnvironment host) {
        List<CloudFolderFinder.CloudFolder> found = new CloudFolderFinder(host).find();
        Path workspace = config.paths().workspaceRoot() != null ? config.paths().workspaceRoot()
                : config.paths().cloudRoot();
        String list = found.stream().map(f -> f.client() + " " + f.folder() + " (from " + f.source() + ")")
                .collect(Collectors.joining(", "));
        if (workspace != null) {
            Path ws = workspace.toAbsolutePath().normalize();
            for (CloudFolderFinder.CloudFolder f : found) {
                if (ws.startsWith(f.folder().toAbsolutePath().normalize())) {
                    return Check.pass("cloud_folders", "the workspace " + ws + " is in " + f.client() + "'s folder "
                            + f.folder() + " (from " + f.source() + ")");
                }
            }
        }
        if (found.isEmpty()) {
            return Check.warn("cloud_folders", "no cloud-synced folder found (Dropbox info.json, OneDrive, Google Drive, "
                    + "iCloud Drive, Syncthing config.xml); make sure a cloud client syncs the workspace "
                    + (workspace == null ? "(none configured)" : workspace.toString()));
        }
        return Check.warn("cloud_folders", "the workspace " + (workspace == null ? "(none configured)" : workspace)
                + " is in none of the cloud-synced folders found: " + list + " (fix: move workspace_root_dir into one "
                + "of them, e.g. " + found.get(0).folder().resolve("codexsync") + ", unless another client syncs it)");
    }

    static Check conflictCopies(SyncConfig config, String hostName) {
        List<String> hosts = new ArrayList<>();
        hosts.add(hostName);
        Path manifest = config.paths().manifestFile();
        if (manifest != null) {
            new BaseStateStore().others(manifest, config.machineId()).states().stream().map(MachineState::hostName)
                    .forEach(hosts::add);
        }
        CloudClientFiles rules = new CloudClientFiles(hosts);
        List<String> found = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        roots.add(config.paths().cloudRoot());
        roots.add(config.paths().machineStateDir());
        for (Path root : roots) {
            BoundedWalk.files(root, (file, attrs) -> {
                if (rules.classify(file.getFileName().toString()) == CloudClientFiles.Kind.CONFLICT_COPY) {
                    found.add(file.toString());
                }
            });
        }
        if (found.isEmpty()) {
            return Check.pass("cloud_conflict_copies", "no conflict copies made by the cloud client");
        }
        return Check.warn("cloud_conflict_copies", found.size() + " conflict cop" + (found.size() == 1 ? "y" : "ies")
                + " made by the cloud client (two machines wrote one file before it carried either; never synced into "
                + "Codex): " + String.join(", ", found.subList(0, Math.min(10, found.size())))
                + (found.size() > 10 ? ", ..." : "") + " (fix: merge what you need into the original file by hand, "
                + "then delete the copy; `codexsync status` names the original of each)");
    }
}
