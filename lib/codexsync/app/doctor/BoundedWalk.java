// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BiConsumer;

/**
 * Read-only walk of a folder tree that stops after a fixed number of files, so doctor stays quick on a huge
 * cloud folder; unreadable entries are skipped, symlinks are not followed.
 */
final class BoundedWalk {
    static final int LIMIT = 50_000;

    private BoundedWalk() {
    }

    /** Visits regular files under {@code root}; returns how many were visited (LIMIT means "stopped early"). */
    static int files(Path root, BiConsumer<Path, BasicFileAttributes> visitor) {
        if (root == null || !Files.isDirectory(root)) {
            return 0;
        }
        int[] count = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        visitor.accept(file, attrs);
                        count[0]++;
                    }
                    return count[0] >= LIMIT ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Reported as what was seen so far: doctor must not fail on one unreadable folder.
        }
        return count[0];
    }
}
