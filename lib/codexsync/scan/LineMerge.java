// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Merges the two sides of an append-only JSON-lines file that diverged ({@code history.jsonl},
 * {@code session_index.jsonl}; D29), so no machine's line is ever dropped:
 * <ul>
 *   <li>the lines both sides share from the start (their common prefix, cut at the last newline: what this machine
 *       last agreed with the cloud, or more) come first, in their order;</li>
 *   <li>then the lines each side appended after it, interleaved by the time they record ({@link LineTimestamps}),
 *       each side keeping its own order (a line without a time stays right after its predecessor);</li>
 *   <li>every distinct line appears as often as on the side that has it most often - a line both sides appended is
 *       written once, a prompt repeated on one side keeps its repeats;</li>
 *   <li>every line ends with a newline: a torn last line (a crash, or a cloud client mid-delivery) is kept, never
 *       glued to the line after it, and Codex's next append starts on a line of its own.</li>
 * </ul>
 * Streams: the common prefix is copied, not held; memory holds one line per side and a 16-byte digest per line the
 * local side appended. The result does not depend on which side is called local except for the order of lines
 * with equal times.
 */
public final class LineMerge {
    private static final int BLOCK = 64 * 1024;

    private LineMerge() {
    }

    /** What a merge wrote. */
    public record Stats(long commonBytes, long localLines, long cloudLines, long sharedLines) {
    }

    /** Merges {@code local} and {@code cloud} into {@code out} (each source is opened three times, read streaming). */
    public static Stats merge(LogicalFiles.Source local, LogicalFiles.Source cloud, OutputStream out)
            throws IOException {
        long common;
        try (InputStream a = local.open(); InputStream b = cloud.open()) {
            common = commonLinePrefix(a, b);
        }
        try (InputStream a = local.open()) {
            copy(a, out, common);
        }
        Map<Digest, Integer> localAppended = new HashMap<>();
        try (InputStream a = local.open()) {
            skip(a, common);
            LineReader r = new LineReader(a);
            for (byte[] line = r.next(); line != null; line = r.next()) {
                localAppended.merge(Digest.of(line), 1, Integer::sum);
            }
        }
        long localLines = 0;
        long cloudLines = 0;
        long shared = 0;
        try (InputStream a = local.open(); InputStream b = cloud.open()) {
            skip(a, common);
            skip(b, common);
            LineReader lr = new LineReader(a);
            LineReader cr = new LineReader(b);
            Line l = Line.of(lr.next());
            Line c = null;
            while (true) {
                // A cloud line the local side also appended is already written (at the local line's place).
                while (c == null) {
                    byte[] next = cr.next();
                    if (next == null) {
                        break;
                    }
                    Digest d = Digest.of(next);
                    Integer n = localAppended.get(d);
                    if (n != null && n > 0) {
                        localAppended.put(d, n - 1);
                        shared++;
                    } else {
                        c = Line.of(next);
                    }
                }
                if (l == null && c == null) {
                    break;
                }
                if (c == null || (l != null && l.before(c))) {
                    write(out, l.bytes);
                    localLines++;
                    l = Line.of(lr.next());
                } else {
                    write(out, c.bytes);
                    cloudLines++;
                    c = null;
                }
            }
        }
        return new Stats(common, localLines, cloudLines, shared);
    }

    private static void write(OutputStream out, byte[] line) throws IOException {
        out.write(line);
        out.write('\n');
    }

    /** Length of the longest common byte prefix of the two streams that ends with a newline (0 if none). */
    static long commonLinePrefix(InputStream a, InputStream b) throws IOException {
        byte[] x = new byte[BLOCK];
        byte[] y = new byte[BLOCK];
        long pos = 0;
        long lastNewline = 0;
        while (true) {
            int nx = a.readNBytes(x, 0, BLOCK);
            int ny = b.readNBytes(y, 0, BLOCK);
            int n = Math.min(nx, ny);
            int mismatch = Arrays.mismatch(x, 0, n, y, 0, n);
            int equal = mismatch < 0 ? n : mismatch;
            for (int i = 0; i < equal; i++) {
                if (x[i] == '\n') {
                    lastNewline = pos + i + 1;
                }
            }
            if (equal < BLOCK || nx != ny) {
                return lastNewline;
            }
            pos += equal;
        }
    }

    private static void copy(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buf = new byte[BLOCK];
        long left = count;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(BLOCK, left));
            if (n < 0) {
                throw new IOException("the file got shorter while being merged");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new IOException("the file got shorter while being merged");
                }
                n = 1;
            }
            left -= n;
        }
    }

    /** One appended line and the time it records (null: none). */
    private record Line(byte[] bytes, Long time) {
        static Line of(byte[] bytes) {
            return bytes == null ? null : new Line(bytes, LineTimestamps.of(bytes));
        }

        /** Order of two heads from different sides: by time; a line without one goes first (keeps its place). */
        boolean before(Line other) {
            if (time != null && other.time != null && !time.equals(other.time)) {
                return time < other.time;
            }
            if (time == null && other.time != null) {
                return true;
            }
            if (time != null && other.time == null) {
                return false;
            }
            return Arrays.compareUnsigned(bytes, other.bytes) <= 0;
        }
    }

    /** 128 bits of a line's SHA-256: enough to tell lines apart, a fraction of a long line's size. */
    private record Digest(long hi, long lo) {
        static Digest of(byte[] line) {
            byte[] h;
            try {
                h = MessageDigest.getInstance("SHA-256").digest(line);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (h[i] & 0xff);
                lo = (lo << 8) | (h[i + 8] & 0xff);
            }
            return new Digest(hi, lo);
        }
    }

    /** Reads lines without their newline; a last line without one (torn) is returned as it is. */
    private static final class LineReader {
        private final InputStream in;

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                any = true;
                if (b == '\n') {
                    return line.toByteArray();
                }
                line.write(b);
            }
            return any ? line.toByteArray() : null;
        }
    }
}
