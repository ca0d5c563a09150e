// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "File in use" is retried with back-off, then reported; every other failure is thrown at once. */
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
        assertThrows(NoSuchFileException.class, () -> Retry.transientFailures(() -> {
            attempts.incrementAndGet();
            throw new NoSuchFileException("gone");
        }));
        assertEquals(1, attempts.get());
    }
}
