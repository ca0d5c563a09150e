// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.CloudFolderFinder;
import codexsync.config.CloudFolderFinder.CloudFolder;
import codexsync.core.HostEnvironment;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code init-config --cloud auto|DIR}: the cloud folder the workspace goes into. With {@code auto} every folder the
 * installed clients sync is listed and the first proposed, and the report says how to pick another; nothing is
 * chosen silently, and when none is found the command stops (exit 4) rather than guess.
 */
record CloudChoice(List<CloudFolder> found, Path cloudFolder, boolean auto) {
    /** The workspace folder codexsync owns inside the chosen cloud folder. */
    static final String WORKSPACE_NAME = "codexsync";

    static CloudChoice make(String cloud, HostEnvironment host) {
        if (!cloud.equalsIgnoreCase("auto")) {
            Path dir;
            try {
                dir = Path.of(cloud).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                throw new InvalidInputException("--cloud " + cloud + " is not a valid path", null,
                        "pass --cloud auto or the folder your cloud client syncs");
            }
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException("--cloud " + dir + " is not an existing folder", null,
                        "pass the folder your cloud client syncs (e.g. ~/Dropbox), or --cloud auto to look for one");
            }
            return new CloudChoice(List.of(), dir, false);
        }
        List<CloudFolder> found = new CloudFolderFinder(host).find();
        if (found.isEmpty()) {
            throw new InvalidInputException("no cloud-synced folder found (looked for Dropbox's info.json, OneDrive's "
                    + "environment variables and default folders, Google Drive's and iCloud Drive's folders, and "
                    + "Syncthing's config.xml)", null,
                    "pass --cloud DIR with the folder your cloud client syncs, or write the template without --cloud "
                            + "and set workspace_root_dir by hand");
        }
        return new CloudChoice(found, found.get(0).folder(), true);
    }

    Path workspace() {
        return cloudFolder.resolve(WORKSPACE_NAME);
    }

    List<String> lines(Path configFile) {
        List<String> lines = new ArrayList<>();
        if (auto) {
            lines.add("Cloud-synced folders found:");
            for (CloudFolder f : found) {
                lines.add("  " + f.client() + ": " + f.folder() + " (from " + f.source() + ")");
            }
            lines.add("Proposed workspace: " + workspace() + " (in the first folder found; to use another, edit "
                    + "workspace_root_dir in " + configFile + ")");
        } else {
            lines.add("Workspace: " + workspace());
        }
        return lines;
    }

    Map<String, Object> json() {
        return Json.object("cloud_folders", found.stream().map(f -> Json.object("client", f.client(),
                        "folder", f.folder().toString(), "source", f.source())).toList(),
                "workspace_root_dir", workspace().toString());
    }
}
