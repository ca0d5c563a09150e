// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.config.ConfigLoader;
import codexsync.config.ConfigOverrides;
import codexsync.config.ProcessOptions;
import codexsync.config.ProcessOptions.ConfirmationMode;
import codexsync.config.SafetyOptions;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Options, configs and recorded process lists for the guard tests. */
final class GuardFixtures {
    private GuardFixtures() {
    }

    static ProcessOptions process(boolean allowTerminate, boolean manualConfirmation, List<String> names,
                                  List<String> windowsBackground) {
        return new ProcessOptions(names, 2, allowTerminate, manualConfirmation, ConfirmationMode.CONSOLE, 20,
                Map.of(OperatingSystem.WINDOWS, windowsBackground, OperatingSystem.MACOS, List.of(),
                        OperatingSystem.LINUX, List.of()));
    }

    /** 0.1.1's defaults: names codex.exe/codex, terminate allowed, ask first, sandbox marker on Windows. */
    static ProcessOptions defaultProcess() {
        return process(true, true, List.of("codex.exe", "codex"), List.of("codex-windows-sandbox"));
    }

    static SafetyOptions safety(boolean require, boolean failOnUnknown) {
        return new SafetyOptions(require, failOnUnknown);
    }

    /** A whole config (built-in defaults under {@code tmp}) with the given safety and process tables. */
    static SyncConfig config(Path tmp, SafetyOptions safety, ProcessOptions process) {
        HostEnvironment host = new HostEnvironment(Map.of(), tmp.resolve("home"), "guard-test", OperatingSystem.LINUX);
        SyncConfig c = new ConfigLoader(host).defaults(new ConfigOverrides(tmp.resolve("ws"), tmp.resolve("local"), null));
        return new SyncConfig(c.source(), c.machineId(), c.sync(), c.paths(), c.selection(), c.conflict(), c.backup(),
                safety, process, c.logging(), c.warnings());
    }

    static ProcessSnapshot.Entry p(long pid, long ppid, String name, String cmd) {
        return new ProcessSnapshot.Entry(pid, ppid, name, cmd);
    }

    static ProcessSnapshot snapshot(ProcessSnapshot.Entry... entries) {
        return new ProcessSnapshot(List.of(entries), "recorded");
    }

    /** A recorded Windows list: Explorer, Codex with a renderer, and codexsync itself run by Python. */
    static ProcessSnapshot windowsCodexWithoutSandbox() {
        return snapshot(
                p(4, 0, "System", ""),
                p(1200, 4, "explorer.exe", "C:\\Windows\\explorer.exe"),
                p(5000, 1200, "Codex.exe", "\"C:\\Program Files\\Codex\\Codex.exe\""),
                p(5010, 5000, "Codex.exe", "\"C:\\Program Files\\Codex\\Codex.exe\" --type=gpu-process"),
                p(7000, 1200, "python.exe", "python.exe -m codexsync -c config.toml sync --apply"));
    }
}
