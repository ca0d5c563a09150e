// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The only place that writes files into a state, cloud, backup or workspace folder. Every write is staged in
 * the destination's own folder ({@link StagedWrite}), flushed to disk, verified and then renamed over the
 * destination in one atomic step, so a crash at any moment leaves the old file or the new one, never a mix.
 * Transient "in use" failures (Windows sharing violations) are retried by {@link Retry}; permission refusals are
 * reported at once as {@link PermissionDeniedException}.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What a verified copy produced. */
    public record CopyResult(long size, String sha256) {
    }

    public static void writeString(Path destination, String content) throws IOException {
        writeBytes(destination, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path destination, byte[] content) throws IOException {
        try (StagedWrite w = StagedWrite.open(destination)) {
            w.stream().write(content);
            w.commit();
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
        BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
        FileTime mtime = attributes.lastModifiedTime();
        long expectedSize = attributes.size();
        try (StagedWrite w = StagedWrite.open(destination);
             FileChannel in = Retry.transientFailures("reading",
                     () -> FileChannel.open(source, StandardOpenOption.READ))) {
            w.copyFrom(in);
            CopyResult r = w.finish();
            if (r.size() != expectedSize) {
                throw new IOException("copy of " + source + " changed size while being read (" + expectedSize
                        + " -> " + r.size() + " bytes); is another program writing it?");
            }
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(r.sha256())) {
                throw new IOException("copy of " + source + " does not match the hash seen when planning;"
                        + " the file changed since the plan was made");
            }
            // The staged file carries the source's mtime, so the next scan sees both sides as equal.
            w.setMtime(mtime);
            return new Staged(w.detach(), destination, r);
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
        return Retry.transientFailures("deleting", () -> {
            InUseSimulation.check(file);
            boolean deleted = Files.deleteIfExists(file);
            folderChanged(parentOf(file));
            return deleted;
        });
    }

    public static Path createFolders(Path folder) throws IOException {
        return Retry.transientFailures("creating", () -> Files.createDirectories(folder));
    }

    /**
     * Atomic rename with bounded retries ({@link Retry}): on Windows a cloud client or virus scanner briefly
     * holding the destination makes the rename fail with a sharing violation ("in use"); waiting a moment usually
     * clears it. A permission refusal is reported at once.
     */
    static void moveIntoPlace(Path staging, Path destination) throws IOException {
        Retry.transientFailures("replacing", () -> {
            InUseSimulation.check(destination);
            try {
                Files.move(staging, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Staging is always in the destination's folder, so this means a file system that cannot rename
                // atomically at all; refusing is safer than a non-atomic copy that a crash could leave half-done.
                throw new IOException("the file system holding " + destination + " cannot replace files atomically",
                        e);
            }
            folderChanged(parentOf(destination));
            return null;
        });
    }

    /**
     * The folders whose renames and deletions this thread's open {@link FolderSyncs} will make durable together;
     * null when none is open (each change is then made durable at once).
     */
    private static final ThreadLocal<Set<Path>> DEFERRED_FOLDERS = new ThreadLocal<>();
    /** Folder fsyncs made by this process (tests count them). */
    static final java.util.concurrent.atomic.AtomicLong FOLDER_SYNCS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Makes the renames and deletions of a batch of files durable folder by folder when it is closed, instead of one
     * folder fsync per file (on a first sync of 20,000 session files that was 20,000 fsyncs of the same ~90 day
     * folders). Safe because nothing durable claims a rename before the batch ends: the write engine saves the base
     * state - the one record that says a file is synced - only after closing it, and until then a rename lost to a
     * power cut leaves the file old, which recovery and the next plan handle as if the run had not reached it.
     * Each file's own bytes are still forced before its rename. A SIGKILL loses nothing either way (the OS keeps
     * its cache). Not nested; per thread.
     */
    public static final class FolderSyncs implements AutoCloseable {
        private FolderSyncs() {
        }

        @Override
        public void close() {
            Set<Path> folders = DEFERRED_FOLDERS.get();
            DEFERRED_FOLDERS.remove();
            if (folders != null) {
                folders.forEach(AtomicFiles::syncFolder);
            }
        }
    }

    public static FolderSyncs deferFolderSyncs() {
        if (DEFERRED_FOLDERS.get() != null) {
            throw new IllegalStateException("folder syncs are already deferred on this thread");
        }
        DEFERRED_FOLDERS.set(new LinkedHashSet<>());
        return new FolderSyncs();
    }

    private static void folderChanged(Path folder) {
        Set<Path> deferred = DEFERRED_FOLDERS.get();
        if (deferred != null) {
            deferred.add(folder);
        } else {
            syncFolder(folder);
        }
    }

    /** Makes a rename durable on POSIX; Windows cannot open folders this way and persists renames itself. */
    public static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
            FOLDER_SYNCS.incrementAndGet();
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
