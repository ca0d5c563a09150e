// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

/**
 * The one live line a terminal may show below the log on stderr (the progress line). Console log output goes
 * through {@link #write}: when a live line is registered, it is cleared before the log line is written and redrawn
 * after it, so a log line never lands on the end of the progress line. With nothing registered (no terminal:
 * pipes, files, tests) {@link #write} only runs the write, so the bytes are unchanged.
 */
public final class ConsoleLine {
    /** Something drawn on the current terminal line that log output must step around. */
    public interface Live {
        /** Clears the drawn line (cursor back at column 0), if one is showing; remembers it for {@link #redraw}. */
        void clear();

        /** Draws the line again after a log line, if {@link #clear} cleared one. */
        void redraw();
    }

    private static volatile Live live;

    private ConsoleLine() {
    }

    /** Registers the live line (replacing any earlier one); {@code null} unregisters. */
    public static void set(Live line) {
        live = line;
    }

    /** Runs {@code write} (a console log write) with the live line, if any, cleared before and redrawn after. */
    public static void write(Runnable write) {
        Live line = live;
        if (line == null) {
            write.run();
            return;
        }
        synchronized (line) {
            line.clear();
            try {
                write.run();
            } finally {
                line.redraw();
            }
        }
    }
}
