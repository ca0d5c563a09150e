// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import codexsync.config.StatePaths;
import codexsync.config.SyncConfig;
import codexsync.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks about folders, answered by asking the file system only (D10): existence, {@link Files#isWritable}, and
 * {@code FileStore.getUsableSpace()}. No probe file is written and no folder is created, so a folder's
 * writability is judged on it or, when it does not exist yet, on the nearest existing parent it would be
 * created in.
 */
final class FolderChecks {
    static final long GIB = 1024L * 1024 * 1024;

    private FolderChecks() {
    }

    /** The folders a writing run needs, by report name. Null values: not configured (no workspace). */
    static Map<String, Path> runtimeFolders(SyncConfig config) {
        StatePaths p = config.paths();
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("cloud_root_dir", p.cloudRoot());
        m.put("backup_dir", p.backupDir());
        m.put("temp_dir", p.tempDir());
        m.put("manifest folder", p.manifestFile() == null ? null : p.manifestFile().getParent());
        if (config.logging().file() != null) {
            m.put("log folder", config.logging().file().getParent());
        }
        return m;
    }

    static Check runtimePaths(SyncConfig config) {
        List<String> exist = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, Path> e : runtimeFolders(config).entrySet()) {
            Path dir = e.getValue();
            if (dir == null) {
                missing.add(e.getKey());
            } else if (Files.isDirectory(dir)) {
                exist.add(e.getKey() + "=" + dir);
            } else if (Files.exists(dir)) {
                broken.add(e.getKey() + "=" + dir + " exists but is not a folder");
            } else {
                created.add(e.getKey() + "=" + dir);
            }
        }
        Path manifest = config.paths().manifestFile();
        if (manifest != null && Files.isDirectory(manifest)) {
            broken.add("state.manifest_file=" + manifest + " is a folder");
        }
        if (!broken.isEmpty()) {
            return Check.fail("runtime_paths", String.join("; ", broken) + " (fix: move it away or point the config elsewhere)");
        }
        StringBuilder d = new StringBuilder();
        d.append(exist.isEmpty() ? "none exist yet" : "exist: " + String.join(", ", exist));
        if (!created.isEmpty()) {
            d.append("; would be created by sync --apply: ").append(String.join(", ", created));
        }
        if (!missing.isEmpty()) {
            d.append("; not configured: ").append(String.join(", ", missing))
                    .append(" (plan and dry runs work; sync --apply needs --workspace DIR or a config)");
            return Check.warn("runtime_paths", d.toString());
        }
        return Check.pass("runtime_paths", d.toString());
    }

    static Check stateDirs(SyncConfig config) {
        try {
            Path local = config.paths().localStateDir();
            Path cloud = config.paths().cloudRoot();
            String cloudNote = cloud == null ? "no cloud folder configured"
                    : Files.isDirectory(cloud) ? "cloud folder exists: " + cloud
                    : "cloud folder does not exist yet (sync --apply creates it): " + cloud;
            return Check.pass("state_dirs", "Codex home exists: " + local + "; " + cloudNote);
        } catch (InvalidInputException e) {
            return Check.fail("state_dirs", e.getMessage() + " (fix: " + e.hint() + ")");
        }
    }

    /** {@code <name>_write}: the folder, or its nearest existing parent, is writable for this user. */
    static Check writable(String name, Path dir, boolean mustExist) {
        if (dir == null) {
            return Check.warn(name, "not configured (no workspace): not checked");
        }
        if (Files.isDirectory(dir)) {
            return Files.isWritable(dir) ? Check.pass(name, "writable: " + dir)
                    : Check.fail(name, "not writable: " + dir + " (fix: give your user write permission on it)");
        }
        if (Files.exists(dir)) {
            return Check.fail(name, dir + " is not a folder");
        }
        if (mustExist) {
            return Check.fail(name, "does not exist: " + dir);
        }
        Path parent = nearestExisting(dir);
        if (parent == null) {
            return Check.fail(name, "no existing parent folder for " + dir);
        }
        return Files.isWritable(parent) && Files.isDirectory(parent)
                ? Check.pass(name, dir + " does not exist yet; it would be created in " + parent + ", which is writable")
                : Check.fail(name, dir + " does not exist and " + parent + " is not writable, so it cannot be created "
                        + "(fix: create it yourself or choose a writable place)");
    }

    static Path nearestExisting(Path p) {
        Path cur = p.toAbsolutePath().normalize();
        while (cur != null && !Files.exists(cur)) {
            cur = cur.getParent();
        }
        return cur;
    }

    static Check pathOverlap(SyncConfig config) {
        StatePaths p = config.paths();
        List<String> compared = new ArrayList<>();
        p.localCandidates().stream().filter(Files::isDirectory).findFirst()
                .or(() -> p.localCandidates().stream().findFirst())
                .ifPresent(l -> compared.add("local=" + l));
        add(compared, "cloud", p.cloudRoot());
        add(compared, "backup", p.backupDir());
        add(compared, "temp", p.tempDir());
        add(compared, "manifest", p.manifestFile());
        add(compared, "log", config.logging().file());
        // The loader refuses overlapping paths (exit 4, D8), so a loaded config has none; name what was compared.
        return Check.pass("path_overlap", "no two of these are the same or nested: " + String.join(", ", compared));
    }

    private static void add(List<String> into, String name, Path p) {
        if (p != null) {
            into.add(name + "=" + p);
        }
    }

    /**
     * Free space against a rough need: the destination must hold a full copy of the selected data plus as much
     * again for backups and staging (2x), and at least 1 GiB. It measures the whole selection, not this run's
     * changes (those need a scan and plan), so it errs on the side of warning.
     */
    static Check freeSpace(SyncConfig config, long localBytes, long cloudBytes) {
        List<String> notes = new ArrayList<>();
        boolean low = false;
        Path local = config.paths().localCandidates().stream().filter(Files::isDirectory).findFirst().orElse(null);
        Path cloud = config.paths().cloudRoot();
        for (Object[] side : new Object[][] {{"local", local, cloudBytes}, {"cloud", cloud, localBytes}}) {
            Path dir = (Path) side[1];
            if (dir == null) {
                continue;
            }
            Path existing = nearestExisting(dir);
            long need = Math.max(GIB, 2 * (long) side[2]);
            try {
                long usable = Files.getFileStore(existing).getUsableSpace();
                notes.add(side[0] + " volume " + human(usable) + " free (wants >= " + human(need) + ")");
                low |= usable < need;
            } catch (IOException | SecurityException e) {
                notes.add(side[0] + " volume: free space unknown (" + e.getMessage() + ")");
                low = true;
            }
        }
        String measure = "; measured against 2x the selected data (local " + human(localBytes) + ", cloud "
                + human(cloudBytes) + ") or 1 GiB, not against this run's actual changes";
        return low ? Check.warn("free_space", String.join(", ", notes) + measure)
                : Check.pass("free_space", String.join(", ", notes) + measure);
    }

    static String human(long bytes) {
        if (bytes >= GIB) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
        }
        if (bytes >= 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return bytes + " B";
    }
}
