// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.core.InvalidInputException;
import codexsync.core.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The snapshots in one {@code backup_dir}, and the only way restore turns a user-given name into a path. A name
 * resolves only to an entry directly inside {@code backup_dir} whose real location (symlinks followed) is also
 * inside it (D22): {@code ..}, absolute paths, path separators and links pointing elsewhere are refused (exit 4).
 */
public final class SnapshotCatalog {
    private final Path backupDir;

    public SnapshotCatalog(Path backupDir) {
        this.backupDir = backupDir.toAbsolutePath().normalize();
    }

    public Path backupDir() {
        return backupDir;
    }

    /**
     * Every snapshot (any machine's): folders and {@code .zip} files directly in {@code backup_dir}, newest
     * last-modified first (ties: name descending). Hidden names (staging files, {@code .DS_Store}) and entries
     * whose real location is outside {@code backup_dir} are not snapshots. A missing folder lists nothing.
     */
    public List<SnapshotInfo> list() {
        if (!Files.isDirectory(backupDir)) {
            return List.of();
        }
        List<SnapshotInfo> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(backupDir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && insideBackupDir(child)) {
                    describe(child, name).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot list the backup folder " + backupDir + ": " + e.getMessage(),
                    backupDir.toString(), "check that the folder is readable", e);
        }
        found.sort(Comparator.comparing(SnapshotInfo::modified).thenComparing(SnapshotInfo::name).reversed());
        return found;
    }

    /** The newest snapshot by last-modified time (0.1.1's choice when no {@code --from} is given). */
    public SnapshotInfo newest() {
        List<SnapshotInfo> all = list();
        if (all.isEmpty()) {
            throw noSnapshots();
        }
        return all.get(0);
    }

    /**
     * The snapshot {@code --from NAME} means: {@code NAME} as a folder or zip in {@code backup_dir}, else
     * {@code NAME.zip} (0.1.1's order). Anything that is not a plain name, or resolves outside {@code backup_dir},
     * is refused before the disk is looked at further.
     */
    public SnapshotInfo resolve(String name) {
        requirePlainName(name);
        if (list().isEmpty()) {
            // Name what was asked for (0.1.1's message), and why nothing can match.
            throw new InvalidInputException("Backup snapshot not found: " + name, backupDir.toString(),
                    "no snapshot is stored in " + backupDir + " yet; check paths.backup_dir (or --workspace)");
        }
        for (String candidate : List.of(name, name + ".zip")) {
            Path p = backupDir.resolve(candidate);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.exists(p)) {
                if (!insideBackupDir(p)) {
                    throw new InvalidInputException("Backup snapshot " + name + " points outside the backup folder "
                            + backupDir, p.toString(), "restore only snapshots stored in backup_dir; copy the "
                            + "snapshot into " + backupDir + " if you trust it");
                }
                var info = describe(p, candidate);
                if (info.isPresent()) {
                    return info.get();
                }
            }
        }
        throw new InvalidInputException("Backup snapshot not found: " + name, backupDir.toString(),
                nearestHint(name));
    }

    private InvalidInputException noSnapshots() {
        return new InvalidInputException("No backup snapshots found in: " + backupDir, null,
                "codexsync writes a snapshot whenever sync --apply or restore --apply replaces a file; check "
                        + "paths.backup_dir (or --workspace) points at the folder holding them");
    }

    private static void requirePlainName(String name) {
        // Hidden names are staging entries (a snapshot still being written) or not snapshots at all.
        boolean bad = name == null || name.isBlank() || name.startsWith(".")
                || name.contains("/") || name.contains("\\") || name.contains("\0") || name.contains(":")
                || name.startsWith("~") || Path.of("x").getFileSystem().getSeparator().chars()
                        .anyMatch(c -> name.indexOf(c) >= 0);
        if (bad) {
            throw new InvalidInputException("--from must name a snapshot in the backup folder, not a path: " + name,
                    null, "pass just the snapshot's name as `codexsync restore --list` shows it, e.g. "
                    + "--from laptop-20261125T110000Z");
        }
    }

    private boolean insideBackupDir(Path p) {
        try {
            Path real = p.toRealPath();
            Path realDir = backupDir.toRealPath();
            return realDir.equals(real.getParent());
        } catch (IOException e) {
            return false; // a dangling link is not a snapshot
        }
    }

    private static java.util.Optional<SnapshotInfo> describe(Path p, String name) {
        try {
            SnapshotFormat format;
            if (Files.isDirectory(p)) {
                format = SnapshotFormat.FOLDER;
            } else if (Files.isRegularFile(p) && name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                format = SnapshotFormat.ZIP;
            } else {
                return java.util.Optional.empty();
            }
            var parsed = SnapshotNames.parse(name);
            return java.util.Optional.of(new SnapshotInfo(name, p, format, Files.getLastModifiedTime(p).toInstant(),
                    parsed.map(SnapshotNames.Parsed::machineId).orElse(null),
                    parsed.map(SnapshotNames.Parsed::time).orElse(null)));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Up to three existing names closest to what was typed (shared prefix first, then edit distance). */
    String nearestHint(String typed) {
        List<String> names = list().stream().map(SnapshotInfo::name).toList();
        String t = typed.toLowerCase(Locale.ROOT);
        List<String> nearest = names.stream()
                .sorted(Comparator.comparingInt((String n) -> -commonPrefix(n.toLowerCase(Locale.ROOT), t))
                        .thenComparingInt(n -> editDistance(stripZip(n).toLowerCase(Locale.ROOT), stripZip(t)))
                        .thenComparing(Comparator.reverseOrder()))
                .limit(3).toList();
        return "did you mean " + String.join(", ", nearest) + "? (`codexsync restore --list` shows every snapshot)";
    }

    private static String stripZip(String n) {
        return n.toLowerCase(Locale.ROOT).endsWith(".zip") ? n.substring(0, n.length() - 4) : n;
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
