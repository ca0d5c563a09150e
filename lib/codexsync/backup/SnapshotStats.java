// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * File count and total size of a snapshot for {@code restore --list}, read cheaply (folder walk, zip central
 * directory) without validating content; the manifest is not counted. {@code readable} is false for a zip whose
 * central directory cannot be read (truncated or not a zip).
 */
public record SnapshotStats(long files, long bytes, boolean readable) {

    public static SnapshotStats of(SnapshotInfo info) {
        try {
            return info.format() == SnapshotFormat.ZIP ? ofZip(info.path()) : ofFolder(info.path());
        } catch (IOException | RuntimeException e) {
            return new SnapshotStats(0, 0, false);
        }
    }

    private static SnapshotStats ofZip(Path path) throws IOException {
        long files = 0;
        long bytes = 0;
        try (ZipFile zip = ZipFile.builder().setPath(path).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                if (!e.isDirectory() && !e.getName().equals(SnapshotManifest.FILE_NAME)) {
                    files++;
                    bytes += Math.max(0, e.getSize());
                }
            }
        }
        return new SnapshotStats(files, bytes, true);
    }

    private static SnapshotStats ofFolder(Path root) throws IOException {
        long files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile() && !root.relativize(p).toString().equals(SnapshotManifest.FILE_NAME)) {
                    files++;
                    bytes += a.size();
                }
            }
        }
        return new SnapshotStats(files, bytes, true);
    }
}
