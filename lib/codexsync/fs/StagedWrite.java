// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The one staging mechanism behind every codexsync write (copies, small files, restored entries, backup zips):
 * the bytes go to a new staging file beside the destination (so the final step is a same-folder rename), are
 * counted and hashed as they are written (so no second read is needed for the hash), flushed to disk, and only
 * then renamed into place in one atomic step, either replacing the destination ({@link #commit}) or refusing to
 * ({@link #publish}). Until then the destination is untouched; {@link #close} without commit/publish removes the
 * staging file, so an aborted write leaves nothing behind.
 */
public final class StagedWrite implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final Path destination;
    private final Path staging;
    private final FileChannel channel;
    /** Null for a write whose hash nobody reads ({@link #openUnhashed}). */
    private final MessageDigest digest;
    /** False for a cache file ({@link #openCache}): its bytes are not forced to disk before the rename. */
    private final boolean durable;
    private final OutputStream stream;
    private long written;
    private AtomicFiles.CopyResult result;
    private boolean keepStaging;

    private StagedWrite(Path destination, boolean hashed, boolean durable) throws IOException {
        this.digest = hashed ? FileHasher.newDigest() : null;
        this.durable = durable;
        this.destination = destination.toAbsolutePath();
        Path parent = this.destination.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("no parent folder for " + destination);
        }
        Retry.transientFailures("creating", () -> Files.createDirectories(parent));
        this.staging = StagingNames.stagingFor(this.destination);
        // The staging name is codexsync's own; the message leads with the file the user knows.
        String action = "writing " + this.destination + " (staged as)";
        this.channel = Retry.transientFailures(action, () -> FileChannel.open(staging,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE));
        this.stream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                StagedWrite.this.write(ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() {
                // Closing is finish()'s or close()'s job: a wrapper (e.g. a zip writer) closing its stream must not
                // end the staging file before it has been flushed and checked.
            }
        };
    }

    /** Starts a staged write of {@code destination} (parent folders are created; the staging file is new). */
    public static StagedWrite open(Path destination) throws IOException {
        return new StagedWrite(destination, true, true);
    }

    /**
     * As {@link #open}, for a file whose SHA-256 nobody reads (a state file, a kept parse): {@link #finish} reports
     * its size and a null hash. Hashing megabytes in a JVM that has hashed nothing yet costs a tenth of a second.
     */
    public static StagedWrite openUnhashed(Path destination) throws IOException {
        return new StagedWrite(destination, false, true);
    }

    /**
     * As {@link #openUnhashed}, for a cache whose reader checks every entry (size, checksum) and falls back to the
     * source when one does not hold: the bytes are not forced to disk before the rename, since a power cut that
     * leaves the entry empty or torn only costs the next run a parse. A kept parse of a 100,000-path state is ~20 MB;
     * forcing it cost a writing run a tenth of a second or more.
     */
    public static StagedWrite openCache(Path destination) throws IOException {
        return new StagedWrite(destination, false, false);
    }

    /** Where to write the content. Closing it does nothing; call {@link #finish} or {@link #commit}. */
    public OutputStream stream() {
        return stream;
    }

    /** The staging file beside the destination. */
    public Path staging() {
        return staging;
    }

    /** Copies {@code in} to the staging file in 64 KiB blocks (never the whole content in memory). */
    public void copyFrom(InputStream in) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) > 0) {
            stream.write(buf, 0, n);
        }
    }

    /**
     * Copies the rest of {@code in} to the staging file in 1 MiB chunks through one reused direct buffer: each chunk
     * is read once, hashed and written, so a copy reads every byte exactly once and its hash costs no second read.
     * (FileChannel.transferTo would move the bytes inside the kernel, but the hash then needs a second read of the
     * source, and measured on ext4 it was no faster; see docs/PERFORMANCE.md.)
     */
    public void copyFrom(FileChannel in) throws IOException {
        ByteBuffer buf = ChunkBuffers.take();
        while (in.read(buf) >= 0) {
            buf.flip();
            write(buf);
            buf.clear();
        }
    }

    /**
     * Hashes and writes all of {@code src}. A test kill point may lie inside these bytes: the bytes up to it are
     * written, then the process dies there ({@link CrashPoints}), exactly as a kill during this write would leave it.
     */
    private void write(ByteBuffer src) throws IOException {
        CrashPoints.Phase phase = CrashPoints.current();
        int len = src.remaining();
        int now = CrashPoints.allowed(phase, len);
        writeFully(src, now);
        CrashPoints.count(phase, now);
        if (now < len) {
            writeFully(src, len - now);
            CrashPoints.count(phase, len - now);
        }
    }

    private void writeFully(ByteBuffer src, int n) throws IOException {
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + n);
        if (digest != null) {
            digest.update(part.duplicate());
        }
        while (part.hasRemaining()) {
            channel.write(part);
        }
        src.position(part.position());
        written += n;
    }

    /**
     * Flushes the staged bytes to disk and closes the staging file; returns the size and SHA-256 of what was
     * written. Data must be on disk before a rename makes it visible, or a power cut can leave an empty file.
     */
    public AtomicFiles.CopyResult finish() throws IOException {
        if (result == null) {
            if (durable) {
                channel.force(true);
            }
            channel.close();
            result = new AtomicFiles.CopyResult(written,
                    digest == null ? null : HexFormat.of().formatHex(digest.digest()));
        }
        return result;
    }

    /** Gives the staged file its mtime before the rename, so the destination never shows another one. */
    public void setMtime(FileTime mtime) throws IOException {
        Files.setLastModifiedTime(staging, mtime);
    }

    /** Renames the finished staging file over the destination atomically (replacing it), with retries. */
    public void commit() throws IOException {
        finish();
        AtomicFiles.moveIntoPlace(staging, destination);
        keepStaging = true;
    }

    /**
     * Renames the finished staging file to the destination atomically, refusing to replace an existing one (a
     * snapshot name is never reused).
     */
    public void publish() throws IOException {
        finish();
        Trees.publish(staging, destination);
        keepStaging = true;
    }

    /**
     * Hands the finished staging file to the caller, who must rename or delete it (so a journal can record the
     * moment between staging and the rename); {@link #close} then leaves it alone.
     */
    public Path detach() throws IOException {
        finish();
        keepStaging = true;
        return staging;
    }

    /** Removes the staging file unless it was committed, published or detached. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
        if (!keepStaging) {
            Files.deleteIfExists(staging);
        }
    }
}
