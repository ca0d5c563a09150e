// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import codexsync.apply.ApplyHooks;
import codexsync.config.ConfigOverrides;
import codexsync.core.HostEnvironment;
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
            List<String> warnings = service.sync(inv, mode).warnings();
            assertEquals(1, warnings.stream().filter(w -> w.contains("symbolic link not followed")).count(),
                    mode + ": " + warnings);
            assertEquals(1, warnings.stream().filter(w -> w.contains("no_such_key")).count(), mode + ": " + warnings);
        }
    }
}
