// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static codexsync.guard.GuardFixtures.p;
import static codexsync.guard.GuardFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.HostEnvironment.OperatingSystem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detection on recorded snapshots: main processes, breadth-first descendants, the Windows sandbox rules. */
class CodexDetectorTest {
    @Test
    void windowsCodexWithoutSandboxIsRunningWithoutSandbox() {
        CodexStatus s = CodexDetector.detect(GuardFixtures.windowsCodexWithoutSandbox(), GuardFixtures.defaultProcess(),
                OperatingSystem.WINDOWS);
        assertEquals(CodexStatus.State.RUNNING, s.state());
        assertEquals(List.of(5000L, 5010L), s.main().stream().map(ProcessSnapshot.Entry::pid).toList());
        assertFalse(s.sandboxDetected(), s.toString());
    }

    @Test
    void pythonRunningCodexsyncNeverMatches() {
        CodexStatus s = CodexDetector.detect(snapshot(
                p(7000, 1, "python.exe", "python.exe -m codexsync sync --apply"),
                p(7100, 1, "java.exe", "java.exe -cp x codexsync sync --apply"),
                p(7200, 1, "codexsync.exe", "codexsync.exe sync")), GuardFixtures.defaultProcess(), OperatingSystem.WINDOWS);
        assertEquals(CodexStatus.State.NOT_RUNNING, s.state(), s.toString());
    }

    @Test
    void sandboxByNameEvenWhenConfiguredWithoutExeAndInUpperCase() {
        CodexStatus s = CodexDetector.detect(snapshot(
                p(5000, 1, "Codex.exe", "Codex.exe"),
                p(5100, 5000, "cmd.exe", "cmd.exe /c run"),
                p(5200, 5100, "CODEX-WINDOWS-SANDBOX.EXE", "")), GuardFixtures.defaultProcess(), OperatingSystem.WINDOWS);
        assertTrue(s.sandboxDetected(), s.toString());
        assertEquals(5200L, s.sandbox().get(0).pid());
        assertEquals(List.of(5100L, 5200L), s.descendants().stream().map(ProcessSnapshot.Entry::pid).toList(),
                "grandchildren are found breadth-first");
    }

    @Test
    void sandboxByChildCommandLine() {
        CodexStatus s = CodexDetector.detect(snapshot(
                p(5000, 1, "Codex.exe", "Codex.exe"),
                p(5100, 5000, "node.exe", "node.exe C:\\Codex\\resources\\codex-windows-sandbox\\run.js")),
                GuardFixtures.defaultProcess(), OperatingSystem.WINDOWS);
        assertTrue(s.sandboxDetected(), s.toString());
    }

    @Test
    void sandboxByEnableSandboxFlagOnAChildOrTheMainProcess() {
        CodexStatus child = CodexDetector.detect(snapshot(
                p(5000, 1, "Codex.exe", "Codex.exe"),
                p(5100, 5000, "Codex.exe", "Codex.exe --type=renderer --enable-sandbox")),
                GuardFixtures.process(true, true, List.of("codex.exe"), List.of()), OperatingSystem.WINDOWS);
        assertTrue(child.sandboxDetected(), child.toString());
        CodexStatus main = CodexDetector.detect(snapshot(p(5000, 1, "Codex.exe", "Codex.exe --enable-sandbox")),
                GuardFixtures.process(true, true, List.of("codex.exe"), List.of()), OperatingSystem.WINDOWS);
        assertTrue(main.sandboxDetected(), main.toString());
    }

    @Test
    void aSandboxProcessThatIsNotUnderCodexIsNotCounted() {
        // 0.1.1's rule: only descendants of Codex count (an orphaned sandbox is invisible, as documented).
        CodexStatus s = CodexDetector.detect(snapshot(
                p(5000, 1, "Codex.exe", "Codex.exe"),
                p(6000, 1, "codex-windows-sandbox.exe", "")), GuardFixtures.defaultProcess(), OperatingSystem.WINDOWS);
        assertFalse(s.sandboxDetected(), s.toString());
    }

    @Test
    void posixHasNoSandboxRuleButStillListsChildren() {
        CodexStatus s = CodexDetector.detect(snapshot(
                p(300, 1, "codex", "/usr/bin/codex"),
                p(301, 300, "codex-windows-s", "codex-windows-sandbox --enable-sandbox")),
                GuardFixtures.defaultProcess(), OperatingSystem.LINUX);
        assertEquals(CodexStatus.State.RUNNING, s.state());
        assertEquals(1, s.descendants().size());
        assertFalse(s.sandboxDetected());
    }

    @Test
    void noSnapshotOrNoNamesIsUnknown() {
        assertEquals(CodexStatus.State.UNKNOWN,
                CodexDetector.detect(null, GuardFixtures.defaultProcess(), OperatingSystem.LINUX).state());
        assertEquals(CodexStatus.State.UNKNOWN, CodexDetector.detect(snapshot(p(1, 0, "", ""), p(2, 1, "", "")),
                GuardFixtures.defaultProcess(), OperatingSystem.WINDOWS).state());
    }

    @Test
    void pidCyclesInARacySnapshotDoNotLoop() {
        CodexStatus s = CodexDetector.detect(snapshot(
                p(10, 11, "codex", ""), p(11, 10, "sh", "")), GuardFixtures.defaultProcess(), OperatingSystem.LINUX);
        assertEquals(1, s.descendants().size());
    }
}
