// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/** Files changed on both sides that no policy may resolve (exit 2); nothing was written. */
public class ConflictException extends CodexsyncException {
    public ConflictException(String message, String location, String hint) {
        super(ExitStatus.CONFLICT, message, location, hint, null);
    }
}
