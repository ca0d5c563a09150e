// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which file errors are waited out (Windows sharing violations, "file in use" with back-off) and which are reported
 * at once (permissions, a missing file, other errors).
 */
class RetryTest {
    @TempDir
    Path dir;

    @AfterEach
    void unlock() {
        InUseSimulation.lock(null);
    }

    @Test
    void a_lock_that_clears_during_the_retries_is_waited_out() throws Exception {
        Path f = Files.writeString(dir.resolve("held"), "x");
        AtomicInteger checks = new AtomicInteger();
        InUseSimulation.lock(p -> p.equals(f.toAbsolutePath().normalize()) && checks.incrementAndGet() <= 2);
        assertTrue(AtomicFiles.delete(f));
        assertEquals(3, checks.get(), "two failures, then the third attempt went through");
        assertFalse(Files.exists(f));
    }

    @Test
    void a_lock_that_stays_is_reported_as_file_in_use_after_every_attempt() throws Exception {
        Path f = Files.writeString(dir.resolve("held"), "x");
        AtomicInteger checks = new AtomicInteger();
        InUseSimulation.lock(p -> p.equals(f.toAbsolutePath().normalize()) && checks.incrementAndGet() > 0);
        FileInUseException e = assertThrows(FileInUseException.class, () -> AtomicFiles.writeString(f, "new"));
        assertEquals(Retry.ATTEMPTS, checks.get());
        assertTrue(e.getMessage().contains("being used by another process"), e.getMessage());
        assertEquals("x", Files.readString(f), "the destination is untouched");
    }

    @Test
    void a_missing_file_is_not_retried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(NoSuchFileException.class, () -> Retry.transientFailures("deleting", () -> {
            attempts.incrementAndGet();
            throw new NoSuchFileException("gone");
        }));
        assertEquals(1, attempts.get());
    }

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
