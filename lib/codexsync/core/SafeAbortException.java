// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/** A run stopped on purpose before it could do harm (exit 5). */
public class SafeAbortException extends CodexsyncException {
    public SafeAbortException(String message, String location, String hint) {
        super(ExitStatus.SAFE_ABORT, message, location, hint, null);
    }

    public SafeAbortException(String message, String location, String hint, Throwable cause) {
        super(ExitStatus.SAFE_ABORT, message, location, hint, cause);
    }
}
