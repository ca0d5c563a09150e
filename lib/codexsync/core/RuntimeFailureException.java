// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/** An unexpected failure such as an I/O error (exit 1); safety steps ran before it was raised. */
public class RuntimeFailureException extends CodexsyncException {
    public RuntimeFailureException(String message, String location, String hint) {
        super(ExitStatus.RUNTIME_ERROR, message, location, hint, null);
    }

    public RuntimeFailureException(String message, String location, String hint, Throwable cause) {
        super(ExitStatus.RUNTIME_ERROR, message, location, hint, cause);
    }
}
