// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.config.BackupOptions.Compression;
import codexsync.fs.AtomicFiles;
import codexsync.fs.StagedWrite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A minimal {@link SnapshotSink} for restore, writing exactly docs/backup-format.md: folder mode copies each file
 * through {@code fs.AtomicFiles} and writes the manifest last; zip mode streams every file into a zip staged
 * inside {@code backup_dir}, adds the manifest, flushes and renames it into place on commit. Written while the
 * engine's BackupWriter was built in parallel; the two should become one.
 */
public final class RestoreSnapshotWriter implements SnapshotSink {
    private final Path backupDir;
    private final String machineId;
    private final Instant started;
    private final String command;
    private final boolean zipMode;
    private final List<SnapshotManifest.Record> records = new ArrayList<>();
    private final Set<String> usedEntries = new HashSet<>();
    private String name;
    private Path folder;
    private StagedWrite staged;
    private ZipArchiveOutputStream zip;
    private boolean committed;

    public RestoreSnapshotWriter(Path backupDir, String machineId, Instant started, String command,
                                 Compression compression) {
        this.backupDir = backupDir;
        this.machineId = machineId;
        this.started = started;
        this.command = command;
        this.zipMode = compression == Compression.ZIP;
    }

    @Override
    public void backup(String side, String relPath, Path file) throws IOException {
        start();
        String entry = freeEntryName(relPath);
        FileTime mtime = Files.getLastModifiedTime(file);
        long size;
        String sha;
        if (zipMode) {
            MessageDigest digest = sha256();
            ZipArchiveEntry ze = new ZipArchiveEntry(entry);
            ze.setLastModifiedTime(mtime);
            zip.putArchiveEntry(ze);
            long n = 0;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                byte[] buf = new byte[64 * 1024];
                int r;
                while ((r = in.read(buf)) > 0) {
                    zip.write(buf, 0, r);
                    n += r;
                }
            }
            zip.closeArchiveEntry();
            size = n;
            sha = HexFormat.of().formatHex(digest.digest());
        } else {
            AtomicFiles.CopyResult r = AtomicFiles.copy(file, folder.resolve(entry), null);
            size = r.size();
            sha = r.sha256();
        }
        Instant t = mtime.toInstant();
        records.add(new SnapshotManifest.Record(relPath, entry, side, "overwritten", size,
                t.getEpochSecond() * 1_000_000_000L + t.getNano(), sha));
    }

    @Override
    public String commit() throws IOException {
        if (name == null) {
            return null;
        }
        String manifest = SnapshotManifest.write(machineId, DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                command, records);
        if (zipMode) {
            zip.putArchiveEntry(new ZipArchiveEntry(SnapshotManifest.FILE_NAME));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            zip.finish();
            zip.flush();
            staged.commit(-1, null, null);
        } else {
            AtomicFiles.writeString(folder.resolve(SnapshotManifest.FILE_NAME), manifest);
        }
        committed = true;
        return name;
    }

    @Override
    public int count() {
        return records.size();
    }

    @Override
    public void close() throws IOException {
        if (staged != null) {
            staged.close(); // removes the staging zip unless committed
        }
    }

    /** Whether a snapshot was begun and not committed (the caller must not replace anything then). */
    public boolean committed() {
        return committed;
    }

    private void start() throws IOException {
        if (name != null) {
            return;
        }
        String base = SnapshotNames.baseName(machineId, started);
        String suffix = zipMode ? ".zip" : "";
        name = base + suffix;
        for (int n = 2; Files.exists(backupDir.resolve(base)) || Files.exists(backupDir.resolve(base + ".zip"))
                || Files.exists(backupDir.resolve(name)); n++) {
            base = SnapshotNames.baseName(machineId, started) + "-" + n;
            name = base + suffix;
        }
        if (zipMode) {
            staged = StagedWrite.open(backupDir.resolve(name));
            // StagedWrite's stream ignores close(): only commit() ends the staging file.
            zip = new ZipArchiveOutputStream(staged.stream());
        } else {
            folder = AtomicFiles.createFolders(backupDir.resolve(name));
        }
    }

    private String freeEntryName(String relPath) {
        String candidate = relPath;
        int slash = relPath.lastIndexOf('/');
        String dir = relPath.substring(0, slash + 1);
        String file = relPath.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : "";
        for (int i = 1; !usedEntries.add(candidate) || candidate.equals(SnapshotManifest.FILE_NAME); i++) {
            candidate = dir + stem + "." + i + ext;
        }
        return candidate;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
        }
    }
}
