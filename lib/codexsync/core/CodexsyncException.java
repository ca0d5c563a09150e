// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

/**
 * A failure the user can act on. It carries the exit status, a one-line message, where the problem is
 * (file:line:col or a path, may be null) and one concrete fix (may be null). The CLI prints these as
 * {@code codexsync: <message>} / {@code at <location>} / {@code fix: <hint>}; lib code never prints.
 */
public abstract class CodexsyncException extends RuntimeException {
    private final ExitStatus status;
    private final String location;
    private final String hint;

    protected CodexsyncException(ExitStatus status, String message, String location, String hint, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.location = location;
        this.hint = hint;
    }

    public ExitStatus status() {
        return status;
    }

    /** Where the problem is, e.g. {@code /home/u/config.toml:7:12}, or null. */
    public String location() {
        return location;
    }

    /** One concrete action that fixes the problem, or null. */
    public String hint() {
        return hint;
    }
}
