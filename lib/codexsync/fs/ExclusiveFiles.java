// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that exist at most once: lock files. Creation is a single create-new call, which the file system makes
 * atomic, so of two runs racing for one lock exactly one succeeds.
 */
public final class ExclusiveFiles {
    private ExclusiveFiles() {
    }

    /**
     * Creates {@code file} with {@code content} and flushes it; returns false (and changes nothing) when the file
     * already exists.
     */
    public static boolean createNew(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        AtomicFiles.syncFolder(file.toAbsolutePath().getParent());
        return true;
    }

    /**
     * Renames {@code file} to {@code aside} in one atomic step; returns false when {@code file} is gone (another
     * run moved it first). Used to take over a stale lock without a window in which two runs both "own" it.
     */
    public static boolean moveAside(Path file, Path aside) throws IOException {
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    /** Deletes a lock file (or its moved-aside copy); missing is fine. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
