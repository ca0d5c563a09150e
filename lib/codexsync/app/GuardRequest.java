// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.SyncConfig;
import codexsync.guard.CodexGuard;
import codexsync.guard.CodexGuard.ConfirmationOverride;
import codexsync.guard.CodexGuard.RunKind;

/**
 * How {@code sync} and {@code restore} call the Codex guard: before anything is written, with the run kind and the
 * command-line override mapped from the invocation. Dry runs are checked too (0.1.1: {@code sync --dry-run} exits 3
 * while Codex runs) but never close anything (D24).
 */
public final class GuardRequest {
    private GuardRequest() {
    }

    public static ConfirmationOverride override(Invocation.TerminateOverride terminate) {
        return switch (terminate) {
            case MANUAL_CONFIRMATION -> ConfirmationOverride.ALWAYS_ASK;
            case AUTO_WITHOUT_CONFIRMATION -> ConfirmationOverride.NEVER_ASK;
            case NONE -> ConfirmationOverride.NONE;
        };
    }

    /** Throws exit 3/5 when the run must not go on; returns when it may. */
    public static void ensureCodexStopped(CodexGuard guard, SyncConfig config, Invocation inv, boolean apply) {
        guard.ensureCodexStopped(config, apply ? RunKind.APPLY : RunKind.DRY_RUN, override(inv.terminate()), inv.verbose());
    }
}
