// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The only place that writes files into a state, cloud, backup or workspace folder. Every write is staged in
 * the destination's own folder, flushed to disk, verified and then renamed over the destination in one atomic
 * step, so a crash at any moment leaves the old file or the new one, never a mix.
 */
public final class AtomicFiles {
    /** Transient "file in use" failures (antivirus, cloud clients on Windows) are retried this often. */
    static final int ATTEMPTS = 5;
    private static final int BUFFER = 64 * 1024;

    private AtomicFiles() {
    }

    /** What a verified copy produced. */
    public record CopyResult(long size, String sha256) {
    }

    public static void writeString(Path destination, String content) throws IOException {
        writeBytes(destination, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path destination, byte[] content) throws IOException {
        Path parent = parentOf(destination);
        Files.createDirectories(parent);
        Path staging = StagingNames.stagingFor(destination);
        try {
            try (FileChannel ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                // Data must be on disk before the rename makes it visible, or a power cut can leave an empty file.
                ch.force(true);
            }
            moveIntoPlace(staging, destination);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /**
     * Copies {@code source} over {@code destination}: staged beside the destination, flushed, source mtime kept,
     * size (and {@code expectedSha256} when not null) checked, then renamed into place. Returns the size and hash
     * of what was written.
     */
    public static CopyResult copy(Path source, Path destination, String expectedSha256) throws IOException {
        Staged staged = stageCopy(source, destination, expectedSha256);
        try {
            commit(staged);
            return staged.result();
        } finally {
            Files.deleteIfExists(staged.staging());
        }
    }

    /** A verified, flushed copy waiting beside its destination for {@link #commit}. */
    public record Staged(Path staging, Path destination, CopyResult result) {
    }

    /**
     * First half of {@link #copy}: writes the staging file beside {@code destination} (flushed, source mtime kept,
     * size and hash verified) but does not touch the destination. The caller must {@link #commit} or
     * {@link #discard} it. Split out so a journal can record the moment between staging and the rename.
     */
    public static Staged stageCopy(Path source, Path destination, String expectedSha256) throws IOException {
        Path parent = parentOf(destination);
        Files.createDirectories(parent);
        FileTime mtime = Files.getLastModifiedTime(source);
        long expectedSize = Files.size(source);
        Path staging = StagingNames.stagingFor(destination);
        boolean ok = false;
        try {
            MessageDigest digest = FileHasher.newDigest();
            long written = 0;
            try (InputStream in = openWithRetry(source);
                 FileChannel ch = openStagingWithRetry(staging);
                 OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(ch), digest)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    written += n;
                }
                out.flush();
                ch.force(true);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (written != expectedSize) {
                throw new IOException("copy of " + source + " changed size while being read (" + expectedSize
                        + " -> " + written + " bytes); is another program writing it?");
            }
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
                throw new IOException("copy of " + source + " does not match the hash seen when planning;"
                        + " the file changed since the plan was made");
            }
            // The staged file carries the source's mtime, so the next scan sees both sides as equal.
            Files.setLastModifiedTime(staging, mtime);
            ok = true;
            return new Staged(staging, destination, new CopyResult(written, sha));
        } finally {
            if (!ok) {
                Files.deleteIfExists(staging);
            }
        }
    }

    /** Second half of {@link #copy}: the atomic rename of a staged file over its destination (with retries). */
    public static void commit(Staged staged) throws IOException {
        moveIntoPlace(staged.staging(), staged.destination());
    }

    /** Removes a staged file that will not be committed. */
    public static void discard(Staged staged) throws IOException {
        Files.deleteIfExists(staged.staging());
    }

    /** Deletes a file, retrying transient locks; a missing file is not an error. */
    public static boolean delete(Path file) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                InUseSimulation.check(file);
                boolean deleted = Files.deleteIfExists(file);
                syncFolder(parentOf(file));
                return deleted;
            } catch (AccessDeniedException e) {
                backOffOrThrow(attempt, e);
            } catch (FileSystemException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                backOffOrThrow(attempt, e);
            }
        }
    }

    /** Deletes an empty folder; returns false when it is not empty or missing. */
    public static boolean deleteEmptyFolder(Path folder) throws IOException {
        try {
            return Files.deleteIfExists(folder);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            return false;
        }
    }

    public static Path createFolders(Path folder) throws IOException {
        return Files.createDirectories(folder);
    }

    /**
     * Atomic rename with bounded retries: on Windows a cloud client or virus scanner briefly holding the
     * destination makes the rename fail with "access denied"/"in use"; waiting a moment usually clears it.
     */
    static void moveIntoPlace(Path staging, Path destination) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                InUseSimulation.check(destination);
                Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                syncFolder(parentOf(destination));
                return;
            } catch (AtomicMoveNotSupportedException e) {
                // Staging is always in the destination's folder, so this means a file system that cannot rename
                // atomically at all; refusing is safer than a non-atomic copy that a crash could leave half-done.
                throw new IOException("the file system holding " + destination + " cannot replace files atomically", e);
            } catch (AccessDeniedException e) {
                backOffOrThrow(attempt, e);
            } catch (FileSystemException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                backOffOrThrow(attempt, e);
            }
        }
    }

    /** Creates a new staging file; a folder briefly held by another program is retried like a rename. */
    private static FileChannel openStagingWithRetry(Path staging) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (java.nio.file.FileAlreadyExistsException | NoSuchFileException e) {
                throw e;
            } catch (AccessDeniedException e) {
                backOffOrThrow(attempt, e);
            } catch (FileSystemException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                backOffOrThrow(attempt, e);
            }
        }
    }

    private static InputStream openWithRetry(Path source) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Files.newInputStream(source);
            } catch (NoSuchFileException e) {
                throw e;
            } catch (AccessDeniedException e) {
                backOffOrThrow(attempt, e);
            } catch (FileSystemException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                backOffOrThrow(attempt, e);
            }
        }
    }

    private static boolean isTransient(FileSystemException e) {
        String reason = String.valueOf(e.getReason()).toLowerCase(java.util.Locale.ROOT);
        return reason.contains("being used by another process") || reason.contains("locked")
                || reason.contains("access is denied") || reason.contains("resource busy");
    }

    private static void backOffOrThrow(int attempt, IOException e) throws IOException {
        if (attempt >= ATTEMPTS) {
            throw new FileInUseException(e.getMessage() == null ? "file in use" : e.getMessage(), e);
        }
        try {
            Thread.sleep(100L * (1L << attempt)); // 200, 400, 800, 1600 ms: about 3 s in all
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new FileInUseException("interrupted while waiting for a locked file", e);
        }
    }

    /** Makes a rename durable on POSIX; Windows cannot open folders this way and persists renames itself. */
    public static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform: the rename is still atomic, only its durability is the OS's call.
        }
    }

    private static Path parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException("no parent folder for " + p);
        }
        return parent;
    }
}
