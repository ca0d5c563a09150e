// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.config.SyncConfig;

/**
 * The cold-sync precondition: Codex must be closed before {@code sync} or {@code restore} touches its files.
 * Implementations throw {@code CodexRunningException} (exit 3) or {@code SafeAbortException} (exit 5), and return
 * normally only when it is safe to go on. {@code plan} never calls this (D10).
 */
public interface CodexGuard {
    /** Whether the run will write ({@code --apply}) or only look (a dry run): termination is offered only for writes. */
    enum RunKind { DRY_RUN, APPLY }

    /** Override of {@code manual_terminate_confirmation} from the command line. */
    enum ConfirmationOverride { NONE, ALWAYS_ASK, NEVER_ASK }

    void ensureCodexStopped(SyncConfig config, RunKind kind, ConfirmationOverride override, boolean verbose);
}
