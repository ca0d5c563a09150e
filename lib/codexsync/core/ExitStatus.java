// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/**
 * The exit-code API of codexsync. Numbers and meanings are a contract with schedulers and scripts:
 * they never change, and every command's --help prints this table.
 */
public enum ExitStatus {
    OK(0, "success (doctor: all checks passed or only warnings)"),
    RUNTIME_ERROR(1, "runtime error (unexpected failure; nothing is left half-written)"),
    CONFLICT(2, "conflict detected: a human must resolve it, nothing was written"),
    CODEX_RUNNING(3, "Codex is running (cold-sync precondition failed) or termination was declined"),
    INVALID_INPUT(4, "invalid config or command-line arguments"),
    SAFE_ABORT(5, "safe abort: stopped before harm (lock held, failed check, interrupted, timeout)");

    private final int code;
    private final String help;

    ExitStatus(int code, String help) {
        this.code = code;
        this.help = help;
    }

    public int code() {
        return code;
    }

    public String help() {
        return help;
    }
}
