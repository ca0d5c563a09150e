// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Whole-folder operations on codexsync's own folders (backup snapshots and their staging folders). Never used
 * on the Codex home or the cloud mirror: callers pass only paths they created and matched by exact name.
 */
public final class Trees {
    private Trees() {
    }

    /** Deletes a folder and everything in it (symbolic links are removed, never followed); missing is fine. */
    public static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null) {
            AtomicFiles.syncFolder(parent);
        }
    }

    /**
     * Renames a fully written folder or file to its final name in one atomic step and makes the rename durable.
     * Refuses to replace an existing target (a snapshot name is never reused).
     */
    public static void publish(Path staged, Path target) throws IOException {
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
        }
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncFolder(target.toAbsolutePath().getParent());
    }

    /** Creates a new, empty folder (and its parents); fails when it already exists. */
    public static Path createNewFolder(Path folder) throws IOException {
        Files.createDirectories(folder.toAbsolutePath().getParent());
        return Files.createDirectory(folder);
    }
}
