// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Hashes many files on every core ({@link InOrderParallel}: one thread per core, results in input order). SHA-256 of
 * one file cannot be split, so cores are used across files; the first failure stops the others from starting new
 * files and is reported with its file's name (the lowest-numbered one when several fail).
 */
final class ParallelHasher {
    private ParallelHasher() {
    }

    static List<String> hashAll(List<Path> files) throws IOException {
        return InOrderParallel.map(files.size(), Runtime.getRuntime().availableProcessors(), "codexsync-hash",
                i -> hashOne(files.get(i)));
    }

    private static String hashOne(Path file) throws IOException {
        try {
            return FileHasher.sha256(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "cannot hash it: it no longer exists");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(file.toString(), null, "cannot hash it: permission denied");
        } catch (IOException e) {
            throw new IOException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }
}
