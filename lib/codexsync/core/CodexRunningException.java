// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/** Codex is running, so a cold sync must not touch its files (exit 3). */
public class CodexRunningException extends CodexsyncException {
    public CodexRunningException(String message, String location, String hint) {
        super(ExitStatus.CODEX_RUNNING, message, location, hint, null);
    }
}
