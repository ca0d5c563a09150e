// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.tree;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.ApplyHooks;
import codexsync.config.ConfigOverrides;
import codexsync.config.SyncConfig;
import codexsync.core.CodexRunningException;
import codexsync.core.HostEnvironment;
import codexsync.core.Progress;
import codexsync.guard.CodexGuard;
import codexsync.testsupport.SyncFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SyncService with a fake Codex guard: what it asks the guard, and runs without a config file (D3). */
class SyncServiceTest {
    @TempDir
    Path dir;

    /** Records every call; optionally reports Codex as running. */
    static final class FakeGuard implements CodexGuard {
        final List<String> calls = new ArrayList<>();
        boolean running;

        @Override
        public void ensureCodexStopped(SyncConfig config, RunKind kind, ConfirmationOverride override,
                                       boolean verbose) {
            calls.add(kind + "/" + override);
            if (running) {
                throw new CodexRunningException("Codex is running", null, "close Codex");
            }
        }
    }

    private Invocation adHoc(Invocation.TerminateOverride t, Path local, Path cloud, Path workspace) {
        return new Invocation(null, false, t, new ConfigOverrides(workspace, local, cloud));
    }

    @Test
    void a_dry_run_works_with_cloud_alone_asks_the_guard_as_a_dry_run_and_writes_nothing() {
        Path local = dir.resolve("home");
        write(local, "history.jsonl", "h\n", T0);
        FakeGuard guard = new FakeGuard();
        SortedMap<String, String> before = tree(dir);
        Report r = new SyncService(HostEnvironment.current(), guard, ApplyHooks.NONE, Progress.NONE)
                .sync(adHoc(Invocation.TerminateOverride.AUTO_WITHOUT_CONFIRMATION, local, dir.resolve("cloud"), null),
                        SyncService.Mode.DEFAULT, true, false);
        assertEquals(0, r.status().code());
        assertEquals("Dry-run finished.", r.humanLines().get(0));
        assertEquals(List.of("DRY_RUN/NEVER_ASK"), guard.calls);
        assertEquals(before, tree(dir));
    }

    @Test
    void a_running_codex_stops_a_dry_run_with_exit_3_and_an_apply_before_the_lock() {
        Path local = dir.resolve("home");
        write(local, "history.jsonl", "h\n", T0);
        FakeGuard guard = new FakeGuard();
        guard.running = true;
        SyncService s = new SyncService(HostEnvironment.current(), guard, ApplyHooks.NONE, Progress.NONE);
        SortedMap<String, String> before = tree(dir);
        assertEquals(3, assertThrows(CodexRunningException.class, () -> s.sync(adHoc(Invocation.TerminateOverride.NONE,
                local, null, dir.resolve("ws")), SyncService.Mode.DRY_RUN, true, false))
                .status().code());
        assertThrows(CodexRunningException.class, () -> s.sync(adHoc(Invocation.TerminateOverride.MANUAL_CONFIRMATION,
                local, null, dir.resolve("ws")), SyncService.Mode.APPLY, true, false));
        assertEquals(List.of("DRY_RUN/NONE", "APPLY/ALWAYS_ASK"), guard.calls);
        assertEquals(before, tree(dir), "no lock, folder or file was written");
        guard.running = false;
        Report ok = s.sync(adHoc(Invocation.TerminateOverride.NONE, local, null, dir.resolve("ws")),
                SyncService.Mode.APPLY, true, false);
        assertEquals(0, ok.status().code());
        assertEquals("h\n", SyncFixtures.read(dir.resolve("ws/sync"), "history.jsonl"));
        assertTrue(ok.humanLines().contains("Sync finished."), ok.humanLines().toString());
    }
}
