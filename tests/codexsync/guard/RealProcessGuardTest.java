// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.config.ProcessOptions;
import codexsync.config.SyncConfig;
import codexsync.core.CodexRunningException;
import codexsync.core.CodexsyncException;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.guard.CodexGuard.ConfirmationOverride;
import codexsync.guard.CodexGuard.RunKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard against real processes on this machine (POSIX): a dummy process named {@code codex} is seen through
 * ProcessHandle and through ps, its child named like the Windows sandbox is found by the Windows rules, and the
 * graceful closer really ends a process that honours a close request and gives up (exit 5) on one that does not.
 */
class RealProcessGuardTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sleep")) && Files.isExecutable(Path.of("/bin/sh")),
                "needs /bin/sleep and /bin/sh");
    }

    private ProcessOptions names(String... names) {
        return GuardFixtures.process(true, true, List.of(names), List.of("codex-windows-sandbox"));
    }

    @Test
    void aRunningCodexIsSeenThroughProcessHandleAndStopsADryRunWithExit3() throws Exception {
        SyncConfig config = GuardFixtures.config(tmp, GuardFixtures.safety(true, true), names("codex.exe", "codex"));
        List<Duration> sleeps = new ArrayList<>();
        ProcessCodexGuard guard = new ProcessCodexGuard(OperatingSystem.LINUX, new SystemProcessReader(OperatingSystem.LINUX),
                (p, m) -> true, (p, t) -> true, sleeps::add);
        long pid;
        try (DummyCodexFixture codex = DummyCodexFixture.sleeping(tmp.resolve("bin"), "codex")) {
            pid = codex.pid();
            CodexStatus status = guard.inspect(config.process());
            assertEquals(CodexStatus.State.RUNNING, status.state(), status.toString());
            assertTrue(status.main().stream().anyMatch(e -> e.pid() == pid), status.toString());
            CodexsyncException e = assertThrows(CodexRunningException.class, () ->
                    guard.ensureCodexStopped(config, RunKind.DRY_RUN, ConfirmationOverride.NONE, true));
            assertEquals(3, e.status().code());
            assertTrue(codex.isAlive(), "a dry run never closes Codex");
        }
        CodexStatus after = guard.inspect(config.process());
        assertTrue(after.main().stream().noneMatch(e -> e.pid() == pid), after.toString());
    }

    @Test
    void psFallbackSeesTheDummyToo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/ps")) || Files.isExecutable(Path.of("/usr/bin/ps")), "needs ps");
        try (DummyCodexFixture codex = DummyCodexFixture.sleeping(tmp.resolve("bin"), "codex-ps-check")) {
            Optional<ProcessSnapshot> snap = new PosixPsReader().read();
            assertTrue(snap.isPresent());
            // ps truncates comm to 15 characters on Linux: "codex-ps-check" fits, and matching handles longer names.
            CodexStatus s = CodexDetector.detect(snap.get(), names("codex-ps-check"), OperatingSystem.LINUX);
            assertTrue(s.main().stream().anyMatch(e -> e.pid() == codex.pid()), s.toString());
        }
    }

    @Test
    void processHandleGivingNoNamesFallsBackToPs() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/ps")) || Files.isExecutable(Path.of("/usr/bin/ps")), "needs ps");
        ProcessReader nameless = () -> Optional.of(new ProcessSnapshot(List.of(new ProcessSnapshot.Entry(1, 0, "", "")), "x"));
        try (DummyCodexFixture codex = DummyCodexFixture.sleeping(tmp.resolve("bin"), "codex")) {
            ProcessSnapshot snap = new SystemProcessReader(OperatingSystem.LINUX, nameless).read().orElseThrow();
            assertEquals(PosixPsReader.SOURCE, snap.source());
            assertTrue(CodexDetector.detect(snap, names("codex"), OperatingSystem.LINUX).main().stream()
                    .anyMatch(e -> e.pid() == codex.pid()));
        }
    }

    @Test
    void windowsRulesFindTheSandboxChildOfARealProcessTree() throws Exception {
        try (DummyCodexFixture codex = DummyCodexFixture.withSandboxChild(tmp.resolve("bin"))) {
            assertFalse(codex.childPids().isEmpty(), "the dummy started its sandbox child");
            ProcessSnapshot snap = new ProcessHandleReader().read().orElseThrow();
            // The same live tree judged by the Windows rules ("codex" matches codex.exe; the child is the sandbox).
            CodexStatus s = CodexDetector.detect(snap, names("codex.exe"), OperatingSystem.WINDOWS);
            assertTrue(s.main().stream().anyMatch(e -> e.pid() == codex.pid()), s.toString());
            assertTrue(s.sandbox().stream().anyMatch(e -> codex.childPids().contains(e.pid())), s.toString());
            GuardDecision d = GuardDecision.decide(GuardFixtures.safety(true, true), names("codex.exe"),
                    OperatingSystem.WINDOWS, s, RunKind.APPLY, ConfirmationOverride.NEVER_ASK);
            assertEquals(GuardDecision.Kind.SANDBOX, d.kind());
            assertEquals(3, d.failure().status().code());
        }
    }

    @Test
    void gracefulCloserEndsAProcessThatHonoursTheRequest() throws Exception {
        try (DummyCodexFixture codex = DummyCodexFixture.sleeping(tmp.resolve("bin"), "codex")) {
            ProcessSnapshot.Entry entry = new ProcessSnapshot.Entry(codex.pid(), -1, "codex", "");
            boolean gone = new GracefulCloser(OperatingSystem.LINUX, Sleeper.REAL).closeAndWait(List.of(entry), Duration.ofSeconds(10));
            assertTrue(gone);
            assertTrue(codex.exitsWithin(10), "the dummy really ended");
        }
    }

    @Test
    void gracefulCloserGivesUpOnAProcessThatIgnoresTheRequestAndDoesNotKillIt() throws Exception {
        try (DummyCodexFixture codex = DummyCodexFixture.ignoringCloseRequests(tmp.resolve("bin"), "codex")) {
            ProcessSnapshot.Entry entry = new ProcessSnapshot.Entry(codex.pid(), -1, "codex", "");
            List<Duration> polls = new ArrayList<>();
            boolean gone = new GracefulCloser(OperatingSystem.LINUX, d -> {
                polls.add(d);
                Sleeper.REAL.sleep(d);
            }).closeAndWait(List.of(entry), Duration.ofSeconds(1));
            assertFalse(gone);
            assertTrue(codex.isAlive(), "never a forced kill");
            assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), polls, "polled every 0.5 s");
        }
    }
}
