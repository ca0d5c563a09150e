// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.config.SyncConfig;
import codexsync.core.SafeAbortException;

/**
 * The real guard: looks at the process list. Until process detection lands it fails closed (exit 5), because
 * guessing "not running" could let a sync copy files Codex is writing.
 */
public final class ProcessCodexGuard implements CodexGuard {
    @Override
    public void ensureCodexStopped(SyncConfig config, RunKind kind, ConfirmationOverride override, boolean verbose) {
        if (!config.safety().requireCodexStopped()) {
            return;
        }
        throw new SafeAbortException("Cannot verify Codex process status safely (process detection is not built yet)",
                null, "set safety.require_codex_stopped = false only if you are sure Codex is closed");
    }
}
