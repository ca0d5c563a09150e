// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.restore.RestoreFixture.F;
import codexsync.testsupport.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what a scheduler stop or Ctrl-C's SIGINT does) during a real {@code restore --apply}: it stops between
 * files with exit 5, releases its lock, leaves every file old or restored, and a second run finishes the job.
 * The child runs with {@code -Dcodexsync.test.stepDelayMs} so it is still writing when the signal arrives; the test
 * waits for the child's own step line before signalling (no timing assertion).
 */
class RestoreInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermDuringRestoreApplyStopsBetweenFilesWithExit5() throws Exception {
        RestoreFixture fx = new RestoreFixture(tmp);
        List<F> files = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            files.add(F.legacy("sessions/s" + i + ".jsonl", "restored " + i));
            RestoreFixture.write(fx.home.resolve("sessions/s" + i + ".jsonl"), "current " + i, 1_700_000_500L);
        }
        fx.folderSnapshot("desk-20260101T000000Z", 1_700_000_000L, files.toArray(F[]::new));

        ChildJvm.Ended end = ChildJvm.runAndSignalOn(ChildJvm.command(List.of("-Dcodexsync.test.stepDelayMs=100"),
                "codexsync.commands.RestoreCommand", "-c", fx.config.toString(), "--apply"),
                "codexsync-test-step n=5 ", "TERM");
        String err = end.err();
        assertTrue(end.signalled(), err);
        assertEquals(5, end.code(), err);
        assertTrue(err.contains("interrupted: stopped safely after"), err);
        assertTrue(err.contains("fix: run restore --apply again to finish"), err);
        assertFalse(Files.exists(fx.workspace.resolve(".tmp/locks/desk.lock")), "lock released");
        int restored = 0;
        for (int i = 0; i < 30; i++) {
            String now = Files.readString(fx.home.resolve("sessions/s" + i + ".jsonl"));
            assertTrue(now.equals("current " + i) || now.equals("restored " + i), now);
            restored += now.startsWith("restored") ? 1 : 0;
        }
        assertTrue(restored > 0 && restored < 30, "stopped part-way: " + restored);
        try (var s = Files.walk(fx.home)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no staging file left");
        }

        var again = fx.restore("--apply", "--from", "desk-20260101T000000Z");
        assertEquals(0, again.code(), again.toString());
        for (int i = 0; i < 30; i++) {
            assertEquals("restored " + i, Files.readString(fx.home.resolve("sessions/s" + i + ".jsonl")));
        }
    }
}
