// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.app.Invocation;
import codexsync.app.Invocation.TerminateOverride;
import codexsync.app.RestoreRequest;
import codexsync.app.RestoreRequest.Target;
import codexsync.app.RestoreService;
import codexsync.config.ConfigOverrides;
import codexsync.config.SyncConfig;
import codexsync.core.CodexRunningException;
import codexsync.core.HostEnvironment;
import codexsync.guard.CodexGuard;
import codexsync.restore.RestoreFixture.F;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Restore asks the Codex guard first, dry runs included (0.1.1), and a running Codex stops it before any write. */
class RestoreServiceGuardTest {
    @TempDir
    Path tmp;

    /** Records every call; throws "Codex is running" when told to. */
    static final class FakeGuard implements CodexGuard {
        final List<String> calls = new ArrayList<>();
        final boolean running;

        FakeGuard(boolean running) {
            this.running = running;
        }

        @Override
        public void ensureCodexStopped(SyncConfig config, RunKind kind, ConfirmationOverride override, boolean verbose) {
            calls.add(kind + "/" + override);
            if (running) {
                throw new CodexRunningException("Codex process is running. Cold sync precondition failed.", null,
                        "close Codex and run again");
            }
        }
    }

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({"false, NONE, DRY_RUN/NONE", "true, NONE, APPLY/NONE",
            "true, MANUAL_CONFIRMATION, APPLY/ALWAYS_ASK", "false, AUTO_WITHOUT_CONFIRMATION, DRY_RUN/NEVER_ASK"})
    void guardIsAskedWithTheRunKindAndTheOverride(boolean apply, TerminateOverride override, String expected)
            throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        FakeGuard guard = new FakeGuard(false);
        new RestoreService(HostEnvironment.current(), guard, clock)
                .restore(new Invocation(fx.config, false, override, ConfigOverrides.NONE),
                        new RestoreRequest(null, Target.LOCAL, apply));
        assertEquals(List.of(expected), guard.calls);
    }

    @Test
    void runningCodexStopsEvenADryRunAndNothingIsWritten() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "current", 1_600_000_000L);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        Map<String, String> before = fx.everything();
        for (boolean apply : new boolean[] {false, true}) {
            FakeGuard guard = new FakeGuard(true);
            CodexRunningException e = assertThrows(CodexRunningException.class, () ->
                    new RestoreService(HostEnvironment.current(), guard, clock).restore(Invocation.of(fx.config),
                            new RestoreRequest(null, Target.LOCAL, apply)));
            assertEquals(3, e.status().code());
            assertEquals(before, fx.everything());
        }
    }

    @Test
    void newSnapshotIsNamedAfterTheRunStartAndThisMachine() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "current", 1_600_000_000L);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        new RestoreService(HostEnvironment.current(), new FakeGuard(false), clock)
                .restore(Invocation.of(fx.config), new RestoreRequest(null, Target.LOCAL, true));
        assertTrue(Files.isDirectory(fx.backups.resolve("desk-20261125T100000Z")));
        assertEquals("current", Files.readString(fx.backups.resolve("desk-20261125T100000Z/sessions/a.txt")));
    }
}
