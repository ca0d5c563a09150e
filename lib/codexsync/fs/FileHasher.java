// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of files, streamed through a channel in 1 MiB chunks ({@link ChunkBuffers}) so multi-gigabyte session files
 * never sit in memory. Many files at once go through {@link ParallelHasher}, one worker per core.
 */
public final class FileHasher {
    private FileHasher() {
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ChunkBuffers.take();
            while (in.read(buf) >= 0) {
                buf.flip();
                digest.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The SHA-256 of each of {@code files}, in the same order, hashed in parallel on every available core. A file
     * that cannot be read fails the whole call with an {@link IOException} naming it.
     */
    public static List<String> sha256All(List<Path> files) throws IOException {
        return ParallelHasher.hashAll(files);
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    /** A fresh SHA-256 digest: the one place that names the algorithm. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256, so this cannot happen on a conforming JDK.
            throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
        }
    }
}
