// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which file errors are waited out (Windows sharing violations) and which are reported at once (permissions). */
class RetryTest {
    @Test
    void permissionDeniedIsReportedAtOnceWithTheFileAndWhatToCheck() {
        AtomicInteger attempts = new AtomicInteger();
        PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () ->
                Retry.transientFailures("writing", () -> {
                    attempts.incrementAndGet();
                    throw new AccessDeniedException("/cloud/skills/a.md");
                }));
        assertEquals(1, attempts.get(), "a permission error must not be retried");
        assertTrue(e.getMessage().startsWith("permission denied writing /cloud/skills/a.md"), e.getMessage());
        assertTrue(e.getMessage().contains("its folder /cloud/skills") && e.getMessage().contains("chmod"),
                e.getMessage());
    }

    @Test
    void windowsSharingViolationIsRetriedThenReportedAsInUse() {
        AtomicInteger attempts = new AtomicInteger();
        FileInUseException e = assertThrows(FileInUseException.class, () ->
                Retry.transientFailures("replacing", () -> {
                    attempts.incrementAndGet();
                    throw new FileSystemException("C:\\codex\\history.jsonl", null,
                            "The process cannot access the file because it is being used by another process");
                }));
        assertEquals(Retry.ATTEMPTS, attempts.get());
        assertTrue(e.getMessage().contains("history.jsonl"), e.getMessage());
    }

    @Test
    void aSharingViolationThatClearsSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        String r = Retry.transientFailures("deleting", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new FileSystemException("f", null, "The process cannot access the file because another "
                        + "process has locked a portion of the file");
            }
            return "done";
        });
        assertEquals("done", r);
        assertEquals(3, attempts.get());
    }

    @Test
    void otherFileSystemErrorsAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        FileSystemException e = assertThrows(FileSystemException.class, () ->
                Retry.transientFailures("writing", () -> {
                    attempts.incrementAndGet();
                    throw new FileSystemException("/mnt/usb/a", null, "Device or resource busy");
                }));
        assertEquals(1, attempts.get());
        assertEquals("Device or resource busy", e.getReason());
    }
}
