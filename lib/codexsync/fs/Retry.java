// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * The one retry loop for file operations. On Windows a cloud client or virus scanner that briefly holds a file
 * open without sharing makes an open, rename or delete fail with a sharing or lock violation ("being used by
 * another process"); waiting a moment usually clears it. Only those are retried, {@link #ATTEMPTS} times with
 * growing pauses (about 3 s in all); after the last attempt a {@link FileInUseException} is thrown, which callers
 * report (exit 5) rather than force. A permission refusal ({@link java.nio.file.AccessDeniedException}) is not a
 * passing lock: it is thrown at once as a {@link PermissionDeniedException} naming the file and what to check.
 * Every other failure (a missing file, a name already taken, a full disk) is thrown at once unchanged.
 */
final class Retry {
    /** Transient sharing violations (antivirus, cloud clients on Windows) are retried this often. */
    static final int ATTEMPTS = 5;

    private Retry() {
    }

    /** One attempt at a file operation. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code attempt}, retrying Windows sharing violations with back-off. {@code action} says what the attempt
     * does to which file ("writing", "reading", "replacing", "deleting") for a permission error's message.
     */
    static <T> T transientFailures(String action, Attempt<T> attempt) throws IOException {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (AccessDeniedException e) {
                // Permissions do not change by waiting; Windows reports a file held open by another program as a
                // sharing violation (a plain FileSystemException, below), not as access denied.
                throw PermissionDeniedException.of(e, action);
            } catch (FileAlreadyExistsException | NoSuchFileException e) {
                // A name taken or gone is a fact about the folder, not a passing lock: waiting would not change it.
                throw e;
            } catch (FileSystemException e) {
                if (!isSharingViolation(e)) {
                    throw e;
                }
                backOffOrThrow(n, e);
            }
        }
    }

    /** ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION, by the reasons Windows gives for them. */
    static boolean isSharingViolation(FileSystemException e) {
        String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
        return reason.contains("being used by another process") || reason.contains("locked a portion of the file");
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
