// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * The one retry loop for file operations: on Windows a cloud client or virus scanner briefly holding a file makes
 * an open, rename or delete fail with "access denied"/"in use"; waiting a moment usually clears it. Such failures
 * are retried {@link #ATTEMPTS} times with growing pauses (about 3 s in all); after the last attempt a
 * {@link FileInUseException} is thrown, which callers report (exit 5) rather than force. Every other failure
 * (a missing file, a name already taken, anything not "in use") is thrown at once.
 */
final class Retry {
    /** Transient "file in use" failures (antivirus, cloud clients on Windows) are retried this often. */
    static final int ATTEMPTS = 5;

    private Retry() {
    }

    /** One attempt at a file operation. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    /** Runs {@code attempt}, retrying transient "in use" failures with back-off. */
    static <T> T transientFailures(Attempt<T> attempt) throws IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (FileAlreadyExistsException | NoSuchFileException e) {
                // A name taken or gone is a fact about the folder, not a passing lock: waiting would not change it.
                throw e;
            } catch (AccessDeniedException e) {
                backOffOrThrow(n, e);
            } catch (FileSystemException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                backOffOrThrow(n, e);
            }
        }
    }

    private static boolean isTransient(FileSystemException e) {
        String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
        return reason.contains("being used by another process") || reason.contains("locked")
                || reason.contains("access is denied") || reason.contains("resource busy");
    }

    private static void backOffOrThrow(int attempt, IOException e) throws IOException {
        if (attempt >= ATTEMPTS) {
            throw new FileInUseException(e.getMessage() == null ? "file in use" : e.getMessage(), e);
        }
        try {
            Thread.sleep(100L * (1L << attempt)); // 200, 400, 800, 1600 ms: about 3 s in all
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new FileInUseException("interrupted while waiting for a locked file", e);
        }
    }
}
