// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/**
 * The operating system refused access to a file: its permissions (or its folder's, a read-only attribute or mount)
 * do not let this user do what codexsync needs. Not retried - waiting does not change permissions - and its message
 * names the file and what to check, because Java's own AccessDeniedException message is only the path.
 */
public class PermissionDeniedException extends AccessDeniedException {
    private final String action;

    PermissionDeniedException(AccessDeniedException cause, String action) {
        super(cause.getFile(), cause.getOtherFile(), cause.getReason());
        this.action = action;
        initCause(cause);
    }

    /** Wraps Java's exception (unless it already is one of these) with the operation that was refused. */
    static PermissionDeniedException of(AccessDeniedException e, String action) {
        return e instanceof PermissionDeniedException p ? p : new PermissionDeniedException(e, action);
    }

    @Override
    public String getMessage() {
        Path file = getFile() == null ? null : Path.of(getFile());
        Path folder = file == null ? null : file.toAbsolutePath().getParent();
        String where = file == null ? "a file" : file.toString();
        StringBuilder m = new StringBuilder("permission denied ").append(action).append(' ').append(where);
        if (getOtherFile() != null) {
            m.append(" (with ").append(getOtherFile()).append(')');
        }
        m.append(": check that your user owns or may ").append(action.startsWith("reading") ? "read" : "write")
                .append(" it");
        if (folder != null) {
            m.append(" and may write its folder ").append(folder);
        }
        m.append(" (ls -ld; chmod/chown, a read-only file system or, on Windows, the read-only attribute and the "
                + "Security tab)");
        return m.toString();
    }
}
