// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.ApplyHooks;
import codexsync.config.ConfigOverrides;
import codexsync.core.HostEnvironment;
import codexsync.core.ExitStatus;
import codexsync.core.Progress;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warnings a sync shows: each scan warning once, and the config's warnings as {@code plan} shows them. */
class SyncWarningsTest {
    @TempDir
    Path dir;

    @Test
    void a_scan_warning_is_shown_once_and_an_unknown_config_key_is_reported() throws IOException {
        Path local = dir.resolve("home");
        write(local, "sessions/a.jsonl", "a\n", T0);
        Files.createSymbolicLink(local.resolve("sessions/link.jsonl"), local.resolve("sessions/a.jsonl"));
        Path config = SyncFixtures.config(dir.resolve("config.toml"), "m1", local, dir.resolve("ws"),
                Map.of("sync", "no_such_key = 1"));
        Invocation inv = new Invocation(config, false, Invocation.TerminateOverride.NONE, ConfigOverrides.NONE);
        SyncService service = new SyncService(HostEnvironment.current(), new SyncServiceTest.FakeGuard(),
                ApplyHooks.NONE, Progress.NONE);
        for (SyncService.Mode mode : List.of(SyncService.Mode.DRY_RUN, SyncService.Mode.APPLY)) {
            List<String> warnings = service.sync(inv, mode, true, false).warnings();
            assertEquals(1, warnings.stream().filter(w -> w.contains("symbolic link not followed")).count(),
                    mode + ": " + warnings);
            assertEquals(1, warnings.stream().filter(w -> w.contains("no_such_key")).count(), mode + ": " + warnings);
        }
    }

    @Test
    void equal_mtime_skip_is_warned_about_copies_nothing_and_records_no_agreement() throws IOException {
        Path local = dir.resolve("home");
        Path ws = dir.resolve("ws");
        write(local, "sessions/a.md", "local version\n", T0);
        write(ws.resolve("sync"), "sessions/a.md", "cloud\n", T0);
        Path config = SyncFixtures.config(dir.resolve("config.toml"), "m1", local, ws, Map.of());
        Invocation inv = new Invocation(config, false, Invocation.TerminateOverride.NONE, ConfigOverrides.NONE);
        SyncService service = new SyncService(HostEnvironment.current(), new SyncServiceTest.FakeGuard(),
                ApplyHooks.NONE, Progress.NONE);
        Map<String, String> before = SyncFixtures.contents(local);
        Map<String, String> cloudBefore = SyncFixtures.contents(ws.resolve("sync"));
        for (SyncService.Mode mode : List.of(SyncService.Mode.DRY_RUN, SyncService.Mode.APPLY)) {
            Report r = service.sync(inv, mode, true, false);
            assertEquals(ExitStatus.OK, r.status(), mode + "");
            assertEquals(1, r.warnings().stream().filter(w -> w.startsWith("sessions/a.md: both sides have the "
                    + "same modification time but differ; left alone")).count(), mode + ": " + r.warnings());
            assertEquals(1, ((Number) r.json().get("skipped")).intValue(), mode + ": " + r.json());
            assertEquals(0, ((Number) r.json().get("to_local")).intValue() + ((Number) r.json().get("to_cloud"))
                    .intValue(), mode + ": " + r.json());
        }
        assertEquals(before, SyncFixtures.contents(local));
        assertEquals(cloudBefore, SyncFixtures.contents(ws.resolve("sync")));
        // The sides were not agreed: the base state must not record them as the same (no previous entry is kept).
        Path manifest = ws.resolve("state/machines/m1.json");
        assertTrue(Files.exists(manifest), "the apply saved its base state");
        assertFalse(Files.readString(manifest).contains("sessions/a.md"),
                "base state recorded a disagreement as agreement");
    }
}
