// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.fs.AtomicFiles;
import codexsync.fs.Trees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Applies {@code backup.retention_days} and {@code backup.max_backups} to THIS machine's snapshots only: entries
 * of {@code backup_dir} whose name is exactly one of this machine's snapshot names (a folder, or a {@code .zip}
 * file). Other machines' snapshots, staging entries, 0.1.1 folders with other names and anything else in the
 * folder are never touched, nor the snapshots named in {@code keep} (an interrupted run still needs them).
 * Age is the time in the name, not the file's mtime, which a cloud client may have reset.
 */
public final class BackupPruner {
    private final Path backupDir;
    private final String machineId;

    public BackupPruner(Path backupDir, String machineId) {
        this.backupDir = backupDir;
        this.machineId = machineId;
    }

    /** Deletes what the policy says; returns the deleted names, oldest first. */
    public List<String> prune(int retentionDays, int maxBackups, Instant now, Set<String> keep) throws IOException {
        List<SnapshotNames.Parsed> mine = list();
        mine.sort(Comparator.comparing(SnapshotNames.Parsed::time).thenComparingInt(SnapshotNames.Parsed::sequence)
                .reversed());
        List<SnapshotNames.Parsed> doomed = new ArrayList<>();
        List<SnapshotNames.Parsed> kept = new ArrayList<>();
        Instant cutoff = now.minus(Duration.ofDays(retentionDays));
        for (SnapshotNames.Parsed p : mine) {
            if (retentionDays > 0 && p.time().isBefore(cutoff) && !isKept(p, keep)) {
                doomed.add(p);
            } else {
                kept.add(p);
            }
        }
        if (maxBackups > 0) {
            for (int i = maxBackups; i < kept.size(); i++) {
                if (!isKept(kept.get(i), keep)) {
                    doomed.add(kept.get(i));
                }
            }
        }
        doomed.sort(Comparator.comparing(SnapshotNames.Parsed::time).thenComparingInt(SnapshotNames.Parsed::sequence));
        List<String> deleted = new ArrayList<>();
        for (SnapshotNames.Parsed p : doomed) {
            Path path = backupDir.resolve(p.name());
            if (p.zip()) {
                AtomicFiles.delete(path);
            } else {
                Trees.deleteRecursively(path);
            }
            deleted.add(p.name());
        }
        return deleted;
    }

    /** This machine's snapshots, by exact name and the right kind (folder, or regular .zip file). */
    public List<SnapshotNames.Parsed> list() throws IOException {
        List<SnapshotNames.Parsed> result = new ArrayList<>();
        if (!Files.isDirectory(backupDir)) {
            return result;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(backupDir)) {
            for (Path p : ds) {
                SnapshotNames.parse(machineId, p.getFileName().toString()).ifPresent(parsed -> {
                    boolean rightKind = parsed.zip() ? Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                    if (rightKind) {
                        result.add(parsed);
                    }
                });
            }
        }
        return result;
    }

    private static boolean isKept(SnapshotNames.Parsed p, Set<String> keep) {
        String base = p.zip() ? p.name().substring(0, p.name().length() - SnapshotNames.ZIP_SUFFIX.length()) : p.name();
        return keep.contains(base) || keep.contains(p.name());
    }
}
