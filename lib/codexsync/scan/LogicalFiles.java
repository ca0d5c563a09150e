// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Codex's append-only files and their compressed twins (D29, CODEX-HOME.md). Since Codex 0.137 a rollout idle for a
 * week becomes {@code x.jsonl.zst} and the plain {@code x.jsonl} is deleted; resuming writes the plain file back and
 * the plain one wins while both exist. So both names are one logical file, and its content is read decompressed.
 * zstd is read through zstd-jni (com.github.luben), which bundles the native decoder for Windows, macOS and Linux on
 * x64 and arm64 - the platforms codexsync supports - and is the decoder Commons Compress itself delegates to.
 */
public final class LogicalFiles {
    public static final String PLAIN_SUFFIX = LogicalNames.PLAIN_SUFFIX;
    public static final String ZST_SUFFIX = LogicalNames.ZST_SUFFIX;
    private static final int BUFFER = 64 * 1024;

    private LogicalFiles() {
    }

    /** See {@link LogicalNames#isAppendOnly}. */
    public static boolean isAppendOnly(String path) {
        return LogicalNames.isAppendOnly(path);
    }

    public static boolean isCompressed(String path) {
        return LogicalNames.isCompressed(path);
    }

    /** See {@link LogicalNames#plainName}. */
    public static String plainName(String path) {
        return LogicalNames.plainName(path);
    }

    /** See {@link LogicalNames#compressedName}. */
    public static String compressedName(String plainPath) {
        return LogicalNames.compressedName(plainPath);
    }

    /** Opens a file's logical content: decompressed for {@code .zst}, as is otherwise; buffered, streamed. */
    public static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(openForBlockReads(file), BUFFER);
    }

    /**
     * As {@link #open}, without a buffer of its own, for a reader that reads in large blocks anyway: comparing the
     * ~1,000 changed files of a 100,000-file home allocated a 64 KiB buffer per stream for nothing (hundreds of
     * megabytes of garbage, and the collections that come with it).
     */
    public static InputStream openForBlockReads(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (!isCompressed(file.getFileName().toString())) {
            return raw;
        }
        try {
            return new ZstdInputStream(raw); // reads its input in blocks of its own
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Something that opens a fresh stream of the same content each time it is asked (content is read twice). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public static Source source(Path file) {
        return () -> open(file);
    }
}
