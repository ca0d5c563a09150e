// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A file written from a stream (a zip entry, a zip being built) with the same guarantees as
 * {@link AtomicFiles}: the bytes go to a staging file beside the destination, are flushed to disk, checked, and
 * only then renamed over the destination in one atomic step. Until {@link #commit} the destination is untouched;
 * {@link #close} without commit removes the staging file, so an aborted write leaves nothing behind.
 */
public final class StagedWrite implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final Path destination;
    private final Path staging;
    private final FileChannel channel;
    private final MessageDigest digest = FileHasher.newDigest();
    private final OutputStream stream;
    private long written;
    private boolean committed;

    private StagedWrite(Path destination) throws IOException {
        this.destination = destination.toAbsolutePath();
        Files.createDirectories(this.destination.getParent());
        this.staging = StagingNames.stagingFor(this.destination);
        this.channel = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream raw = new DigestOutputStream(Channels.newOutputStream(channel), digest);
        this.stream = new FilterOutputStream(raw) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written += len;
            }

            @Override
            public void close() {
                // Closing is commit()'s or close()'s job: a wrapper (e.g. a zip writer) closing its stream must not
                // end the staging file before it has been flushed and checked.
            }
        };
    }

    /** Starts a staged write of {@code destination} (parent folders are created). */
    public static StagedWrite open(Path destination) throws IOException {
        return new StagedWrite(destination);
    }

    /** Where to write the content. Closing it does nothing; call {@link #commit}. */
    public OutputStream stream() {
        return stream;
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
     * Flushes the staged bytes to disk, checks size (when {@code expectedSize >= 0}) and SHA-256 (when not null),
     * sets {@code mtime} (when not null), then atomically renames the staging file over the destination.
     * Returns the SHA-256 of what was written.
     */
    public String commit(long expectedSize, String expectedSha256, FileTime mtime) throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        String sha = HexFormat.of().formatHex(digest.digest());
        if (expectedSize >= 0 && written != expectedSize) {
            throw new IOException("wrote " + written + " bytes for " + destination + " but expected " + expectedSize
                    + "; the source changed or is damaged");
        }
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
            throw new IOException("content written for " + destination + " does not match the checked source;"
                    + " the source changed or is damaged");
        }
        if (mtime != null) {
            Files.setLastModifiedTime(staging, mtime);
        }
        AtomicFiles.moveIntoPlace(staging, destination);
        committed = true;
        return sha;
    }

    /** Removes the staging file unless the write was committed. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.close();
        }
        if (!committed) {
            Files.deleteIfExists(staging);
        }
    }
}
