// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import static codexsync.guard.GuardFixtures.p;
import static codexsync.guard.GuardFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import codexsync.config.ProcessOptions;
import codexsync.config.SafetyOptions;
import codexsync.core.CodexsyncException;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.guard.CodexGuard.ConfirmationOverride;
import codexsync.guard.CodexGuard.RunKind;
import codexsync.guard.GuardDecision.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The §2.9 + D24 decision table, row by row, with the exit code each row means. */
class GuardDecisionTest {
    /** Codex state names used by the table: none, main, sandbox, unknown. */
    private static CodexStatus status(String state, OperatingSystem os) {
        ProcessOptions opts = GuardFixtures.defaultProcess();
        return switch (state) {
            case "unknown" -> CodexStatus.unknown("test");
            case "none" -> CodexDetector.detect(snapshot(p(1, 0, "init", "")), opts, os);
            case "main" -> CodexDetector.detect(snapshot(p(5000, 1, os == OperatingSystem.WINDOWS ? "Codex.exe" : "codex", "")),
                    opts, os);
            case "sandbox" -> CodexDetector.detect(snapshot(p(5000, 1, "Codex.exe", ""),
                    p(5001, 5000, "codex-windows-sandbox.exe", "")), opts, os);
            default -> throw new IllegalArgumentException(state);
        };
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} {3} allow={4} manual={5} {6} require={7} failUnknown={8} -> {9} exit {10}")
    @CsvSource({
            // os,     state,   run,     override,    allow, manual, _,  require, failOnUnknown, kind, exit
            "LINUX,   main,    APPLY,   NONE,        true,  true,   -, false, true,  SKIP,                     0",
            "WINDOWS, sandbox, APPLY,   NEVER_ASK,   true,  true,   -, false, true,  SKIP,                     0",
            "LINUX,   unknown, APPLY,   NONE,        true,  true,   -, true,  true,  ABORT_UNKNOWN,            5",
            "WINDOWS, unknown, DRY_RUN, NONE,        true,  true,   -, true,  true,  ABORT_UNKNOWN,            5",
            "LINUX,   unknown, APPLY,   NONE,        true,  true,   -, true,  false, PROCEED_UNKNOWN,          0",
            "LINUX,   none,    APPLY,   NONE,        true,  true,   -, true,  true,  PROCEED,                  0",
            "WINDOWS, none,    APPLY,   NONE,        true,  true,   -, true,  true,  PROCEED,                  0",
            "LINUX,   main,    DRY_RUN, NONE,        true,  true,   -, true,  true,  RUNNING,                  3",
            "MACOS,   main,    APPLY,   NEVER_ASK,   true,  false,  -, true,  true,  RUNNING,                  3",
            "WINDOWS, sandbox, APPLY,   NEVER_ASK,   true,  false,  -, true,  true,  SANDBOX,                  3",
            "WINDOWS, sandbox, DRY_RUN, NONE,        true,  true,   -, true,  true,  SANDBOX,                  3",
            "WINDOWS, main,    DRY_RUN, NEVER_ASK,   true,  false,  -, true,  true,  DRY_RUN_RUNNING,          3",
            "WINDOWS, main,    APPLY,   NEVER_ASK,   false, false,  -, true,  true,  TERMINATE_DISABLED,       3",
            "WINDOWS, main,    APPLY,   ALWAYS_ASK,  false, true,   -, true,  true,  TERMINATE_DISABLED,       3",
            "WINDOWS, main,    APPLY,   NONE,        true,  true,   -, true,  true,  CLOSE_AFTER_CONFIRMATION, 0",
            "WINDOWS, main,    APPLY,   NONE,        true,  false,  -, true,  true,  CLOSE_WITHOUT_ASKING,     0",
            "WINDOWS, main,    APPLY,   ALWAYS_ASK,  true,  false,  -, true,  true,  CLOSE_AFTER_CONFIRMATION, 0",
            "WINDOWS, main,    APPLY,   NEVER_ASK,   true,  true,   -, true,  true,  CLOSE_WITHOUT_ASKING,     0",
    })
    void decisionTable(OperatingSystem os, String state, RunKind run, ConfirmationOverride override, boolean allow,
                       boolean manual, String unused, boolean require, boolean failOnUnknown, Kind expected, int exit) {
        ProcessOptions opts = GuardFixtures.process(allow, manual, List.of("codex.exe", "codex"), List.of("codex-windows-sandbox"));
        SafetyOptions safety = GuardFixtures.safety(require, failOnUnknown);
        GuardDecision d = GuardDecision.decide(safety, opts, os, status(state, os), run, override);
        assertEquals(expected, d.kind(), d.toString());
        CodexsyncException failure = d.failure();
        if (exit == 0) {
            assertNull(failure, d.toString());
        } else {
            assertEquals(exit, failure.status().code(), d.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "LINUX|main|Codex process is running. Cold sync precondition failed.",
            "WINDOWS|sandbox|Codex is still running (codex-windows-sandbox detected). Close Codex and retry sync.",
            "WINDOWS|unknown|Cannot verify Codex process status safely (test)",
    })
    void messagesAreThoseOf011(OperatingSystem os, String state, String message) {
        GuardDecision d = GuardDecision.decide(GuardFixtures.safety(true, true), GuardFixtures.defaultProcess(), os,
                status(state, os), RunKind.APPLY, ConfirmationOverride.NONE);
        assertEquals(message, d.failure().getMessage());
    }
}
