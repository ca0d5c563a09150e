// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.SafeAbortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path temp;

    @Test
    void a_second_writing_run_gets_exit_5_naming_the_holder_and_the_lock_is_free_after_release() {
        RunLock first = RunLock.acquire(temp, "laptop", "host-a", "sync --apply");
        Path file = temp.resolve("locks/laptop.lock");
        assertTrue(Files.exists(file));
        SafeAbortException e = assertThrows(SafeAbortException.class,
                () -> RunLock.acquire(temp, "laptop", "host-a", "restore --apply"));
        assertEquals(5, e.status().code());
        assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        assertTrue(e.getMessage().contains("host-a") && e.getMessage().contains("sync --apply"), e.getMessage());
        assertTrue(e.getMessage().matches(".*since \\d{4}-\\d\\d-\\d\\dT.*Z.*"), e.getMessage());
        first.close();
        assertFalse(Files.exists(file));
        try (RunLock again = RunLock.acquire(temp, "laptop", "host-a", "sync --apply")) {
            assertTrue(again.warnings().isEmpty());
        }
    }

    @Test
    void other_machines_have_their_own_lock() {
        try (RunLock a = RunLock.acquire(temp, "laptop", "host-a", "sync --apply");
             RunLock b = RunLock.acquire(temp, "desktop", "host-a", "sync --apply")) {
            assertFalse(a.file().equals(b.file()));
        }
    }

    @Test
    void a_lock_left_by_a_dead_process_on_this_host_is_taken_over_with_a_warning() throws Exception {
        // A real, short-lived process gives a pid that is certainly dead once it has exited.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        long deadPid = p.pid();
        Path file = temp.resolve("locks/laptop.lock");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"pid\": " + deadPid + ", \"host\": \"host-a\", \"started\": "
                + "\"2026-11-25T10:00:00Z\", \"command\": \"sync --apply\"}\n");
        try (RunLock lock = RunLock.acquire(temp, "laptop", "host-a", "sync --apply")) {
            assertEquals(1, lock.warnings().size());
            assertTrue(lock.warnings().get(0).contains("stale lock of pid " + deadPid), lock.warnings().toString());
            assertTrue(Files.readString(file).contains("\"pid\": " + ProcessHandle.current().pid()));
        }
        assertFalse(Files.exists(file));
        try (var s = Files.list(file.getParent())) {
            assertEquals(0, s.count(), "no moved-aside lock left behind");
        }
    }

    @Test
    void a_lock_from_another_host_or_a_torn_lock_is_never_taken_over() throws Exception {
        Path file = temp.resolve("locks/laptop.lock");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"pid\": 1, \"host\": \"other-host\", \"started\": \"2026-11-25T10:00:00Z\", "
                + "\"command\": \"sync --apply\"}");
        SafeAbortException e = assertThrows(SafeAbortException.class,
                () -> RunLock.acquire(temp, "laptop", "host-a", "sync --apply"));
        assertTrue(e.getMessage().contains("other-host"), e.getMessage());
        Files.writeString(file, "{\"pid\": 12");
        SafeAbortException torn = assertThrows(SafeAbortException.class,
                () -> RunLock.acquire(temp, "laptop", "host-a", "sync --apply"));
        assertTrue(torn.getMessage().contains("the run lock file cannot be read"), torn.getMessage());
        assertTrue(torn.hint().contains("delete " + file), torn.hint());
        assertTrue(Files.exists(file));
    }
}
