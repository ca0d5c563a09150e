// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An operating-system lock on a small marker file, held until {@link #close()} or the end of the process (the OS
 * releases it even after a crash, so a stale lock can never block anyone). The marker file itself is never
 * deleted: deleting a lock file while another process is about to lock it would let two processes "hold" it.
 */
public final class ExclusiveLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ExclusiveLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting. Empty when another process (or another holder in this process) has it.
     * Throws when the marker file cannot be created or opened.
     */
    public static Optional<ExclusiveLock> tryAcquire(Path markerFile) throws IOException {
        FileChannel channel = FileChannel.open(markerFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new ExclusiveLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            // Held by this very process through another channel: as busy as if another process held it.
            channel.close();
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
