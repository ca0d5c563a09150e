// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads a kept parse ({@link StateCacheFormat}) through one 1 MiB buffer, big-endian as {@code DataOutputStream}
 * wrote it, summing every byte but the last eight (the file's own CRC-32C) as the buffer is filled. A 100,000-path
 * parse is a million small fields: read through stream layers, each field cost a synchronised call and a checksum
 * call of its own.
 */
final class CacheInput implements AutoCloseable {
    private static final int BUFFER = 1 << 20;

    private final InputStream in;
    private final long summedLength;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
    private final CRC32C sum = new CRC32C();
    private long filled;

    CacheInput(Path file) throws IOException {
        long size = Files.size(file);
        if (size < Long.BYTES) {
            throw new EOFException("a kept parse of " + size + " bytes");
        }
        this.in = Files.newInputStream(file);
        this.summedLength = size - Long.BYTES;
        buf.limit(0);
    }

    int readInt() throws IOException {
        ensure(Integer.BYTES);
        return buf.getInt();
    }

    long readLong() throws IOException {
        ensure(Long.BYTES);
        return buf.getLong();
    }

    byte readByte() throws IOException {
        ensure(1);
        return buf.get();
    }

    boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    /** The next {@code n} bytes as text in {@code charset}. */
    String readString(int n, Charset charset) throws IOException {
        if (n <= BUFFER) {
            ensure(n);
            String s = new String(buf.array(), buf.position(), n, charset);
            buf.position(buf.position() + n);
            return s;
        }
        byte[] b = new byte[n];
        for (int done = 0; done < n; ) {
            int part = Math.min(BUFFER, n - done);
            ensure(part);
            buf.get(b, done, part);
            done += part;
        }
        return new String(b, charset);
    }

    /** Whether the last eight bytes hold the CRC-32C of all before them; call after reading everything else. */
    boolean checksumHolds() throws IOException {
        long expected = readLong();
        return filled == summedLength + Long.BYTES && !buf.hasRemaining() && expected == sum.getValue();
    }

    /** Makes {@code n} bytes (at most the buffer's size) readable, reading more of the file as needed. */
    private void ensure(int n) throws IOException {
        if (buf.remaining() >= n) {
            return;
        }
        buf.compact();
        while (buf.position() < n) {
            int start = buf.position();
            int read = in.read(buf.array(), start, buf.remaining());
            if (read < 0) {
                throw new EOFException("the kept parse ends early");
            }
            buf.position(start + read);
            // Sum what was read, up to the trailer.
            long summable = Math.max(0, Math.min(read, summedLength - filled));
            sum.update(buf.array(), start, (int) summable);
            filled += read;
        }
        buf.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
