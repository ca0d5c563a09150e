// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import codexsync.scan.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mass-delete guard (D16): even with proof per file, a run that would delete because a whole side vanished
 * (an emptied cloud folder, a missing include root) or that deletes more than {@code sync.max_delete_percent} of
 * an include root's files on one side must not start; it is far likelier that a cloud client or a mount is
 * half-way than that the user deleted that much. Returns the reason (for exit 5), or null.
 */
final class DeleteGuard {
    private DeleteGuard() {
    }

    static String check(List<PlannedAction> actions, Snapshot local, Snapshot cloud, PlanOptions options) {
        // key: "<side>\u0000<root>" → number of deletions on that side under that root
        Map<String, Integer> perRoot = new TreeMap<>();
        int deleteLocal = 0;
        int deleteCloud = 0;
        for (PlannedAction a : actions) {
            boolean onLocal = a.kind() == ActionKind.DELETE_LOCAL;
            if (!onLocal && a.kind() != ActionKind.DELETE_CLOUD) {
                continue;
            }
            if (onLocal) {
                deleteLocal++;
            } else {
                deleteCloud++;
            }
            perRoot.merge((onLocal ? "local" : "cloud") + "\u0000" + rootOf(a.path(), options.includeRoots()), 1,
                    Integer::sum);
        }
        if (deleteLocal == 0 && deleteCloud == 0) {
            return null;
        }
        if (deleteLocal > 0 && cloud.files().isEmpty()) {
            return "the cloud folder is empty, so " + deleteLocal + " local file(s) would be deleted; refusing a mass "
                    + "deletion (is the cloud client still downloading, or the drive not mounted?)";
        }
        if (deleteCloud > 0 && local.files().isEmpty()) {
            return "the Codex home holds none of the synced files, so " + deleteCloud + " cloud file(s) would be "
                    + "deleted; refusing a mass deletion";
        }
        for (Map.Entry<String, Integer> e : perRoot.entrySet()) {
            String[] key = e.getKey().split("\u0000", 2);
            boolean onLocal = key[0].equals("local");
            String root = key[1];
            Snapshot vanishedFrom = onLocal ? cloud : local;
            if (vanishedFrom.missingRoots().contains(root)) {
                return "include root '" + root + "' is missing on the " + (onLocal ? "cloud" : "local") + " side, so "
                        + e.getValue() + " file(s) under it would be deleted on " + key[0] + "; refusing a mass deletion"
                        + " (restore the folder, or remove the files by hand if that is really intended)";
            }
            Snapshot deletingOn = onLocal ? local : cloud;
            long total = deletingOn.files().keySet().stream().filter(p -> under(p, root)).count();
            if ((long) e.getValue() * 100 > (long) options.maxDeletePercent() * total) {
                return e.getValue() + " of " + total + " file(s) under '" + root + "' would be deleted on " + key[0]
                        + ", more than sync.max_delete_percent = " + options.maxDeletePercent()
                        + "%; refusing a mass deletion (raise max_delete_percent for one run if it is intended)";
            }
        }
        return null;
    }

    static String rootOf(String path, List<String> roots) {
        for (String r : roots) {
            if (under(path, r)) {
                return r;
            }
        }
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
