// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only text file of whole lines (a write-ahead journal). {@link #append(String, boolean)} with
 * {@code durable = true} returns only after the line (and every line before it) is on disk, so a crash right
 * after can never lose a record the caller acted on. A crash during a write can leave at most one partial last
 * line, which readers skip.
 */
public final class AppendLog implements Closeable {
    private final Path file;
    private final FileChannel channel;

    private AppendLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates a new log (its folder too); refuses when one already exists, so an open journal is never lost. */
    public static AppendLog createNew(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        // The new directory entry must survive a crash too, or the journal could vanish with the data it guards.
        AtomicFiles.syncFolder(file.toAbsolutePath().getParent());
        return new AppendLog(file, ch);
    }

    public Path file() {
        return file;
    }

    /** Appends one line (a newline is added); {@code durable} forces it to disk before returning. */
    public void append(String line, boolean durable) throws IOException {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a log record must be one line");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        // A test kill point may lie inside this line (a torn last record): write up to it, then the process dies.
        int first = CrashPoints.allowed(CrashPoints.Phase.JOURNAL, bytes.length);
        writeFully(ByteBuffer.wrap(bytes, 0, first));
        CrashPoints.count(CrashPoints.Phase.JOURNAL, first);
        writeFully(ByteBuffer.wrap(bytes, first, bytes.length - first));
        CrashPoints.count(CrashPoints.Phase.JOURNAL, bytes.length - first);
        if (durable) {
            channel.force(false);
        }
    }

    private void writeFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Deletes a closed log durably (its absence is what says "no interrupted run"). */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            AtomicFiles.syncFolder(file.toAbsolutePath().getParent());
        }
    }
}
