// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import codexsync.core.Progress;
import codexsync.log.ConsoleLine;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on a terminal: one line on stderr, redrawn in place with {@code \r}, at most about ten times a second,
 * showing the phase, the running file count and bytes. Only used when stderr is a terminal
 * ({@link StderrTerminal}: also under {@code sync --apply | tee}); otherwise {@link #forStderr} hands out
 * {@link Progress#NONE} so logs and pipes never see carriage returns.
 *
 * <p>Console log lines share stderr: a terminal progress registers itself as the {@link ConsoleLine} so each log
 * line first clears the progress line and then has it redrawn below it.
 */
public final class TerminalProgress implements Progress, ConsoleLine.Live {
    static final long MIN_INTERVAL_NS = 100_000_000L;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private long lastDraw;
    private boolean drawn;
    private int lastLength;
    /** The text last drawn; {@code hidden} while a log line has it cleared. */
    private String shown;
    private boolean hidden;

    TerminalProgress(PrintWriter err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /** A terminal progress line on {@code err} when stderr is a terminal, else {@link Progress#NONE}. */
    public static Progress forStderr(PrintWriter err) {
        // Only the process's own stderr can be a terminal; a test's in-memory writer never is.
        return forStderr(err, Cli.isProcessStderr(err) && StderrTerminal.detect());
    }

    static Progress forStderr(PrintWriter err, boolean terminal) {
        if (!terminal) {
            return Progress.NONE;
        }
        TerminalProgress progress = new TerminalProgress(err, System::nanoTime);
        ConsoleLine.set(progress);
        return progress;
    }

    @Override
    public synchronized void update(String phase, long items, long bytes) {
        long now = nanoTime.getAsLong();
        if (drawn && now - lastDraw < MIN_INTERVAL_NS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        String line = format(phase, items, bytes);
        // Pad with spaces so a shorter line fully covers the previous one.
        String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        lastLength = line.length();
        shown = line;
        hidden = false;
        err.print("\r" + padded);
        err.flush();
    }

    @Override
    public synchronized void done(String phase) {
        erase();
        drawn = false;
        shown = null;
        hidden = false;
    }

    /** Before a console log line: blanks the progress line, leaving the cursor at column 0. */
    @Override
    public synchronized void clear() {
        if (lastLength > 0) {
            erase();
            hidden = true;
        }
    }

    /** After a console log line: draws the progress line again on the fresh line. */
    @Override
    public synchronized void redraw() {
        if (hidden && shown != null) {
            err.print("\r" + shown);
            err.flush();
            lastLength = shown.length();
            hidden = false;
        }
    }

    private void erase() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
        lastLength = 0;
    }

    /** {@code scan: 12,345 files, 1.2 GiB}. */
    static String format(String phase, long items, long bytes) {
        return String.format(Locale.ROOT, "%s: %,d files, %s", phase, items, Progress.size(bytes));
    }
}
