// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.config.BackupOptions.Compression;
import codexsync.core.Json;
import codexsync.fs.AtomicFiles;
import codexsync.fs.FileHasher;
import codexsync.fs.InOrderParallel;
import codexsync.fs.StagedWrite;
import codexsync.fs.StagingNames;
import codexsync.fs.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes this run's backup snapshot (docs/backup-format.md) in one go. The snapshot is assembled under a staging
 * name inside {@code backup_dir} (a folder, or a zip built with Commons Compress), flushed to disk and renamed to
 * its final name atomically, so when {@link #write} returns, the whole snapshot including its manifest is complete
 * and durable, and a crash before that leaves only a staging entry that recovery removes, never a half snapshot
 * under a real name. Nothing is written when there is nothing to back up.
 */
public final class BackupWriter {
    public static final String MANIFEST = ".codexsync-snapshot.json";
    public static final String FORMAT = "codexsync-backup-v1";

    private final Path backupDir;
    private final String machineId;
    private final Instant runStart;
    private final Compression compression;
    private final String command;

    public BackupWriter(Path backupDir, String machineId, Instant runStart, Compression compression, String command) {
        this.backupDir = backupDir;
        this.machineId = machineId;
        this.runStart = runStart.truncatedTo(ChronoUnit.SECONDS);
        this.compression = compression;
        this.command = command;
    }

    /** The name the next snapshot will get: the run's base name, or {@code -2}, {@code -3}… when that is taken. */
    public String nextName() {
        String base = SnapshotNames.baseName(machineId, runStart);
        String name = base;
        for (int n = 2; taken(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    /**
     * Backs up {@code items} into a new snapshot named {@code name} (from {@link #nextName()}); returns empty and
     * writes nothing when {@code items} is empty.
     */
    public Optional<SnapshotResult> write(String name, List<BackupItem> items) throws IOException {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        if (taken(name)) {
            throw new java.nio.file.FileAlreadyExistsException(backupDir.resolve(name).toString());
        }
        return Optional.of(compression == Compression.ZIP ? writeZip(name, items) : writeFolder(name, items));
    }

    private boolean taken(String name) {
        return Files.exists(backupDir.resolve(name)) || Files.exists(backupDir.resolve(name + SnapshotNames.ZIP_SUFFIX));
    }

    private SnapshotResult writeFolder(String name, List<BackupItem> items) throws IOException {
        Path target = backupDir.resolve(name);
        Path staging = StagingNames.stagingFor(target);
        Trees.createNewFolder(staging);
        boolean published = false;
        try {
            Set<String> used = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (BackupItem item : items) {
                names.add(entryName(item.path(), used));
            }
            // Each copy is staged, flushed and verified by AtomicFiles (mtime kept, as 0.1.1 did), several at once:
            // each ends in fsyncs of its own, which overlap. Nothing in the staging folder counts until it is
            // published whole below, and map() returns only when every copy has ended.
            List<BackupEntry> entries = InOrderParallel.map(items.size(), InOrderParallel.FSYNC_THREADS,
                    "codexsync-backup", i -> {
                        BackupItem item = items.get(i);
                        long mtimeNs = mtimeNs(item.file());
                        AtomicFiles.CopyResult r = AtomicFiles.copy(item.file(), staging.resolve(names.get(i)), null);
                        return new BackupEntry(item.path(), names.get(i), item.side(), item.reason(), r.size(),
                                mtimeNs, r.sha256());
                    });
            // The manifest is written last: a snapshot folder with a manifest is a complete one.
            AtomicFiles.writeString(staging.resolve(MANIFEST), manifestJson(entries));
            Trees.publish(staging, target);
            published = true;
            return new SnapshotResult(name, target, List.copyOf(entries));
        } finally {
            if (!published) {
                Trees.deleteRecursively(staging);
            }
        }
    }

    private SnapshotResult writeZip(String name, List<BackupItem> items) throws IOException {
        Path target = backupDir.resolve(name + SnapshotNames.ZIP_SUFFIX);
        List<BackupEntry> entries = new ArrayList<>();
        Set<String> used = new HashSet<>();
        used.add(MANIFEST);
        // The zip is staged under a staging name beside its final name: a crash leaves only a staging file (which
        // recovery removes), never a truncated archive under the real name.
        try (StagedWrite out = StagedWrite.open(target);
             ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out.stream())) {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            for (BackupItem item : items) {
                String entryName = entryName(item.path(), used);
                long mtimeNs = mtimeNs(item.file());
                long size = Files.size(item.file());
                ZipArchiveEntry entry = new ZipArchiveEntry(entryName);
                entry.setSize(size);
                entry.setLastModifiedTime(FileTime.from(mtimeNs, TimeUnit.NANOSECONDS));
                zip.putArchiveEntry(entry);
                MessageDigest digest = FileHasher.newDigest();
                long copied = 0;
                try (InputStream in = new DigestInputStream(Files.newInputStream(item.file()), digest)) {
                    byte[] buf = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        zip.write(buf, 0, n);
                        copied += n;
                    }
                }
                zip.closeArchiveEntry();
                if (copied != size) {
                    throw new IOException(item.file() + " changed size while it was being backed up");
                }
                entries.add(new BackupEntry(item.path(), entryName, item.side(), item.reason(), size, mtimeNs,
                        HexFormat.of().formatHex(digest.digest())));
            }
            byte[] manifest = manifestJson(entries).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ZipArchiveEntry m = new ZipArchiveEntry(MANIFEST);
            m.setSize(manifest.length);
            zip.putArchiveEntry(m);
            zip.write(manifest);
            zip.closeArchiveEntry();
            zip.finish();
            // Flushed to disk, then renamed: the zip appears under its real name only when complete.
            out.publish();
        }
        return new SnapshotResult(name, target, List.copyOf(entries));
    }

    /** {@code a/b.jsonl}, then {@code a/b.1.jsonl}, {@code a/b.2.jsonl}… when one path is saved twice. */
    static String entryName(String path, Set<String> used) {
        if (used.add(path)) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String file = path.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : "";
        for (int n = 1; ; n++) {
            String candidate = dir + stem + "." + n + ext;
            if (used.add(candidate)) {
                return candidate;
            }
        }
    }

    private String manifestJson(List<BackupEntry> entries) {
        return Json.write(Json.object("format", FORMAT, "machine_id", machineId,
                "created", DateTimeFormatter.ISO_INSTANT.format(runStart.atOffset(ZoneOffset.UTC)), "command", command,
                "files", entries.stream().map(e -> Json.object("path", e.path(), "entry", e.entry(), "side", e.side(),
                        "reason", e.reason(), "size", e.size(), "mtime_ns", e.mtimeNs(), "sha256", e.sha256()))
                        .toList())) + "\n";
    }

    private static long mtimeNs(Path file) throws IOException {
        return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
    }
}
