// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.io.IOException;

/** A file stayed locked by another program after every retry; callers report it (exit 5) rather than force it. */
public class FileInUseException extends IOException {
    public FileInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
