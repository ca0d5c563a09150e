// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.config.ProcessOptions;
import codexsync.config.SafetyOptions;
import codexsync.core.CodexRunningException;
import codexsync.core.CodexsyncException;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.SafeAbortException;
import codexsync.guard.CodexGuard.ConfirmationOverride;
import codexsync.guard.CodexGuard.RunKind;
import java.util.stream.Collectors;

/**
 * The decision table of §2.9 with D24, as a pure function of the options, the OS, what the process list showed,
 * the run kind and the command-line override. No process is read or touched here, so every row is testable with
 * recorded snapshots on any machine.
 *
 * <pre>
 * require_codex_stopped = false                     → SKIP
 * UNKNOWN, fail_on_unknown                          → ABORT_UNKNOWN (exit 5)
 * UNKNOWN, not fail_on_unknown                      → PROCEED_UNKNOWN (warning)
 * not running                                       → PROCEED
 * running, macOS/Linux                              → RUNNING (exit 3)
 * running, Windows, sandbox                         → SANDBOX (exit 3, nothing terminated)
 * running, Windows, dry run                         → DRY_RUN_RUNNING (exit 3, never terminates)
 * running, Windows, allow_terminate_if_running=false → TERMINATE_DISABLED (exit 3)
 * running, Windows, --auto-terminate-without-confirmation, or no override and not manual_terminate_confirmation
 *                                                   → CLOSE_WITHOUT_ASKING
 * otherwise                                         → CLOSE_AFTER_CONFIRMATION (declined → exit 3)
 * </pre>
 */
public record GuardDecision(Kind kind, String message, String hint) {

    public enum Kind {
        SKIP, PROCEED, PROCEED_UNKNOWN, ABORT_UNKNOWN, RUNNING, SANDBOX, DRY_RUN_RUNNING, TERMINATE_DISABLED,
        CLOSE_AFTER_CONFIRMATION, CLOSE_WITHOUT_ASKING
    }

    public static final String UNKNOWN_MESSAGE = "Cannot verify Codex process status safely";
    public static final String RUNNING_MESSAGE = "Codex process is running. Cold sync precondition failed.";
    public static final String SANDBOX_MESSAGE =
            "Codex is still running (codex-windows-sandbox detected). Close Codex and retry sync.";
    public static final String DECLINED_MESSAGE = "User rejected Codex process termination.";
    static final String CLOSE_HINT = "close Codex, wait until it has exited, and run the command again";

    public static GuardDecision decide(SafetyOptions safety, ProcessOptions process, OperatingSystem os,
                                       CodexStatus status, RunKind kind, ConfirmationOverride override) {
        if (!safety.requireCodexStopped()) {
            return new GuardDecision(Kind.SKIP, "Codex process check disabled (safety.require_codex_stopped = false)", null);
        }
        switch (status.state()) {
            case UNKNOWN:
                if (safety.failOnUnknown()) {
                    return new GuardDecision(Kind.ABORT_UNKNOWN, UNKNOWN_MESSAGE + " (" + status.source() + ")",
                            "make sure the process list is readable (ps on macOS/Linux, tasklist on Windows), or set "
                                    + "safety.fail_on_unknown = false if you are sure Codex is closed");
                }
                return new GuardDecision(Kind.PROCEED_UNKNOWN, UNKNOWN_MESSAGE + " (" + status.source()
                        + "); continuing because safety.fail_on_unknown = false", null);
            case NOT_RUNNING:
                return new GuardDecision(Kind.PROCEED, "Codex is not running", null);
            default:
                break;
        }
        String pids = pids(status);
        if (os != OperatingSystem.WINDOWS) {
            return new GuardDecision(Kind.RUNNING, RUNNING_MESSAGE, CLOSE_HINT + " (running: " + pids + ")");
        }
        if (status.sandboxDetected()) {
            return new GuardDecision(Kind.SANDBOX, SANDBOX_MESSAGE,
                    "quit Codex (its sandbox processes stop with it) and run the command again; codexsync never "
                            + "closes Codex while its sandbox runs");
        }
        if (kind == RunKind.DRY_RUN) {
            return new GuardDecision(Kind.DRY_RUN_RUNNING, RUNNING_MESSAGE,
                    CLOSE_HINT + " (running: " + pids + "); a dry run never closes Codex");
        }
        if (!process.allowTerminateIfRunning()) {
            return new GuardDecision(Kind.TERMINATE_DISABLED, RUNNING_MESSAGE,
                    CLOSE_HINT + " (running: " + pids + "; process_detection.allow_terminate_if_running = false)");
        }
        boolean ask = switch (override) {
            case ALWAYS_ASK -> true;
            case NEVER_ASK -> false;
            case NONE -> process.manualTerminateConfirmation();
        };
        return ask ? new GuardDecision(Kind.CLOSE_AFTER_CONFIRMATION, "Codex is running: asking to close " + pids, null)
                : new GuardDecision(Kind.CLOSE_WITHOUT_ASKING, "Codex is running: closing " + pids + " without asking", null);
    }

    /** The exception for a decision that stops the run (exit 3 or 5); null when the run may continue. */
    public CodexsyncException failure() {
        return switch (kind) {
            case ABORT_UNKNOWN -> new SafeAbortException(message, null, hint);
            case RUNNING, SANDBOX, DRY_RUN_RUNNING, TERMINATE_DISABLED -> new CodexRunningException(message, null, hint);
            default -> null;
        };
    }

    static String pids(CodexStatus status) {
        return status.main().stream().map(p -> p.name() + " pid " + p.pid()).collect(Collectors.joining(", "));
    }
}
