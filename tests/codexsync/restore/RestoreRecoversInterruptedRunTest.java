// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.app.Invocation;
import codexsync.app.SyncService;
import codexsync.apply.ApplyStep;
import codexsync.apply.SimulatedCrash;
import codexsync.core.HostEnvironment;
import codexsync.core.Progress;
import codexsync.testsupport.CliRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D21 for restore: a sync killed half-way leaves a journal; the next writing command — here `restore --apply` —
 * first finishes or rolls back that run (and says so), and only then restores.
 */
class RestoreRecoversInterruptedRunTest {
    @TempDir
    Path tmp;

    @Test
    void restoreApplyFinishesAnInterruptedSyncFirst() throws Exception {
        RestoreFixture fx = new RestoreFixture(tmp);
        Path local = fx.home.resolve("sessions/a.txt");
        Files.createDirectories(local.getParent());
        Files.writeString(local, "v1");
        Files.setLastModifiedTime(local, FileTime.fromMillis(1_700_000_000_000L));
        SyncService clean = new SyncService(HostEnvironment.current(), (c, k, o, v) -> { }, (s, p) -> { },
                Progress.NONE);
        clean.sync(Invocation.of(fx.config), SyncService.Mode.APPLY, true, false);

        Files.writeString(local, "v2");
        Files.setLastModifiedTime(local, FileTime.fromMillis(1_700_000_100_000L));
        SyncService crashing = new SyncService(HostEnvironment.current(), (c, k, o, v) -> { }, (step, path) -> {
            if (step == ApplyStep.STAGED) {
                throw new SimulatedCrash(step, path);
            }
        }, Progress.NONE);
        assertThrows(SimulatedCrash.class,
                () -> crashing.sync(Invocation.of(fx.config), SyncService.Mode.APPLY, true, false));
        Path journal = fx.workspace.resolve(".tmp/journal/desk.journal");
        assertTrue(Files.exists(journal), "the crash left the journal of the interrupted run");
        assertEquals("v1", Files.readString(fx.cloud.resolve("sessions/a.txt")), "the crash left the old version");

        Result restore = fx.restore("--apply", "--target", "cloud");
        assertEquals(0, restore.code(), restore.toString());
        assertFalse(Files.exists(journal), "restore closed the interrupted run first\n" + restore);
        assertTrue(restore.err().contains("Recovered an interrupted sync --apply") && restore.err().contains(
                "1 finished, 0 already done, 0 rolled back, 0 left alone; 1 staging file(s) removed."), restore.toString());
        // Recovery finished the copy (cloud = v2) before restore replaced it with the snapshot's v1, so the
        // restore's own backup of the file it replaced holds v2.
        assertEquals("v1", Files.readString(fx.cloud.resolve("sessions/a.txt")));
        try (var s = Files.walk(fx.backups)) {
            assertTrue(s.filter(p -> p.getFileName().toString().equals("a.txt")).anyMatch(p -> {
                try {
                    return Files.readString(p).equals("v2");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }), "the recovered v2 was backed up before the restore replaced it");
        }
        try (var s = Files.walk(fx.root)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().matches("\\..*\\.codexsync-[0-9a-f]{12}\\.tmp")),
                    "no staging file is left behind");
        }
    }
}
