// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static codexsync.guard.GuardFixtures.p;
import static codexsync.guard.GuardFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.SyncConfig;
import codexsync.core.CodexRunningException;
import codexsync.core.CodexsyncException;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.SafeAbortException;
import codexsync.guard.CodexGuard.ConfirmationOverride;
import codexsync.guard.CodexGuard.RunKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard end to end with a recorded Windows process list, scripted answers and a closer that records what it was
 * asked: who is asked, who is closed, what each outcome's exit code is, and that nothing is closed when it must not be.
 */
class ProcessCodexGuardTest {
    @TempDir
    Path tmp;

    final List<String> events = new ArrayList<>();
    final List<Duration> sleeps = new ArrayList<>();

    private ProcessCodexGuard guard(OperatingSystem os, ProcessSnapshot snap, boolean answer, boolean closes) {
        return new ProcessCodexGuard(os, () -> Optional.ofNullable(snap),
                (procs, mode) -> {
                    events.add("asked " + procs.size() + " " + mode);
                    return answer;
                },
                (procs, timeout) -> {
                    events.add("closed " + procs.stream().map(ProcessSnapshot.Entry::pid).toList() + " within " + timeout);
                    return closes;
                },
                sleeps::add);
    }

    private SyncConfig config(boolean allow, boolean manual) {
        return GuardFixtures.config(tmp, GuardFixtures.safety(true, true),
                GuardFixtures.process(allow, manual, List.of("codex.exe", "codex"), List.of("codex-windows-sandbox")));
    }

    @Test
    void windowsApplyAsksByDefaultThenClosesAndWaitsTheGracePeriod() {
        guard(OperatingSystem.WINDOWS, GuardFixtures.windowsCodexWithoutSandbox(), true, true)
                .ensureCodexStopped(config(true, true), RunKind.APPLY, ConfirmationOverride.NONE, true);
        assertEquals(List.of("asked 2 CONSOLE", "closed [5000, 5010] within PT20S"), events);
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void declinedIsExit3AndNothingIsClosed() {
        CodexsyncException e = assertThrows(CodexRunningException.class, () ->
                guard(OperatingSystem.WINDOWS, GuardFixtures.windowsCodexWithoutSandbox(), false, true)
                        .ensureCodexStopped(config(true, true), RunKind.APPLY, ConfirmationOverride.NONE, false));
        assertEquals(3, e.status().code());
        assertEquals("User rejected Codex process termination.", e.getMessage());
        assertEquals(List.of("asked 2 CONSOLE"), events);
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void notGoneWithinTheTimeoutIsExit5() {
        CodexsyncException e = assertThrows(SafeAbortException.class, () ->
                guard(OperatingSystem.WINDOWS, GuardFixtures.windowsCodexWithoutSandbox(), true, false)
                        .ensureCodexStopped(config(true, true), RunKind.APPLY, ConfirmationOverride.NONE, false));
        assertEquals(5, e.status().code());
        assertTrue(e.getMessage().contains("did not exit within 20 s"), e.getMessage());
    }

    @Test
    void autoOverrideClosesWithoutAskingAndManualOverrideAsksEvenWhenConfigSaysNo() {
        guard(OperatingSystem.WINDOWS, GuardFixtures.windowsCodexWithoutSandbox(), false, true)
                .ensureCodexStopped(config(true, true), RunKind.APPLY, ConfirmationOverride.NEVER_ASK, false);
        assertEquals(List.of("closed [5000, 5010] within PT20S"), events);
        events.clear();
        guard(OperatingSystem.WINDOWS, GuardFixtures.windowsCodexWithoutSandbox(), true, true)
                .ensureCodexStopped(config(true, false), RunKind.APPLY, ConfirmationOverride.ALWAYS_ASK, false);
        assertEquals(List.of("asked 2 CONSOLE", "closed [5000, 5010] within PT20S"), events);
    }

    @Test
    void configWithoutConfirmationClosesWithoutAsking() {
        guard(OperatingSystem.WINDOWS, GuardFixtures.windowsCodexWithoutSandbox(), false, true)
                .ensureCodexStopped(config(true, false), RunKind.APPLY, ConfirmationOverride.NONE, false);
        assertEquals(List.of("closed [5000, 5010] within PT20S"), events);
    }

    @Test
    void terminateDisabledSandboxAndDryRunNeverAskNorClose() {
        ProcessSnapshot sandbox = snapshot(p(5000, 1, "Codex.exe", "Codex.exe"),
                p(5001, 5000, "Codex.exe", "Codex.exe --type=renderer --enable-sandbox"));
        record Case(ProcessSnapshot snap, SyncConfig cfg, RunKind kind) { }
        for (Case c : List.of(
                new Case(GuardFixtures.windowsCodexWithoutSandbox(), config(false, true), RunKind.APPLY),
                new Case(sandbox, config(true, false), RunKind.APPLY),
                new Case(GuardFixtures.windowsCodexWithoutSandbox(), config(true, false), RunKind.DRY_RUN))) {
            CodexsyncException e = assertThrows(CodexRunningException.class, () ->
                    guard(OperatingSystem.WINDOWS, c.snap(), true, true)
                            .ensureCodexStopped(c.cfg(), c.kind(), ConfirmationOverride.NEVER_ASK, false), c.toString());
            assertEquals(3, e.status().code());
        }
        assertEquals(List.of(), events, "nothing asked or closed");
    }

    @Test
    void unknownFailsClosedOrWarnsPerConfig() {
        SyncConfig failing = GuardFixtures.config(tmp, GuardFixtures.safety(true, true), GuardFixtures.defaultProcess());
        CodexsyncException e = assertThrows(SafeAbortException.class, () ->
                guard(OperatingSystem.LINUX, null, true, true).ensureCodexStopped(failing, RunKind.DRY_RUN,
                        ConfirmationOverride.NONE, false));
        assertTrue(e.getMessage().startsWith("Cannot verify Codex process status safely"), e.getMessage());
        SyncConfig lenient = GuardFixtures.config(tmp, GuardFixtures.safety(true, false), GuardFixtures.defaultProcess());
        guard(OperatingSystem.LINUX, null, true, true).ensureCodexStopped(lenient, RunKind.APPLY,
                ConfirmationOverride.NONE, false);
        assertEquals(List.of(Duration.ofSeconds(2)), sleeps);
    }

    @Test
    void disabledCheckReadsNothingAndDoesNotWait() {
        SyncConfig off = GuardFixtures.config(tmp, GuardFixtures.safety(false, true), GuardFixtures.defaultProcess());
        new ProcessCodexGuard(OperatingSystem.WINDOWS, () -> {
            throw new AssertionError("must not read the process list");
        }, (a, b) -> true, (a, b) -> true, sleeps::add).ensureCodexStopped(off, RunKind.APPLY, ConfirmationOverride.NONE, false);
        assertTrue(sleeps.isEmpty());
    }
}
