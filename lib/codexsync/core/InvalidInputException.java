// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/** Bad configuration, arguments, or input files (exit 4). */
public class InvalidInputException extends CodexsyncException {
    public InvalidInputException(String message, String location, String hint) {
        super(ExitStatus.INVALID_INPUT, message, location, hint, null);
    }

    public InvalidInputException(String message, String location, String hint, Throwable cause) {
        super(ExitStatus.INVALID_INPUT, message, location, hint, cause);
    }
}
