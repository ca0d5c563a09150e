// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stream that writes a new file under a staging name beside its final name; {@link #publish()} flushes it to
 * disk and renames it into place atomically. Until then the final name does not exist, so a crash leaves only a
 * staging file (which recovery removes), never a truncated archive under the real name.
 */
public final class StagingOutput extends FilterOutputStream {
    private final FileChannel channel;
    private final Path staging;
    private final Path target;
    private boolean closed;

    private StagingOutput(FileChannel channel, Path staging, Path target) {
        super(Channels.newOutputStream(channel));
        this.channel = channel;
        this.staging = staging;
        this.target = target;
    }

    public static StagingOutput open(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path staging = StagingNames.stagingFor(target);
        FileChannel ch = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new StagingOutput(ch, staging, target);
    }

    public Path staging() {
        return staging;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    /** Flushes everything to disk, closes and renames the file to its final name (never replacing one). */
    public void publish() throws IOException {
        flush();
        channel.force(true);
        closeChannel();
        Trees.publish(staging, target);
    }

    /** Closes without publishing: the staging file is removed. Safe to call after {@link #publish()}. */
    @Override
    public void close() throws IOException {
        closeChannel();
        Files.deleteIfExists(staging);
    }

    private void closeChannel() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
