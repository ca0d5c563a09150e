// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import codexsync.apply.BaseStateStore;
import codexsync.apply.MachineState;
import codexsync.config.SyncConfig;
import codexsync.scan.CloudClientFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the cloud client left that needs the user (D28): conflict copies anywhere in the workspace (the cloud mirror
 * and codexsync's own state folder). Read-only; bounded like the other walks.
 */
final class CloudClientChecks {
    private CloudClientChecks() {
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
