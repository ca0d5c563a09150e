// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import codexsync.core.Progress;
import codexsync.log.ConsoleLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    @AfterEach
    void unregister() {
        ConsoleLine.set(null);
    }

    @Test
    void withoutATerminalNothingIsPrinted() {
        StringWriter sink = new StringWriter();
        Progress p = TerminalProgress.forStderr(new PrintWriter(sink), false);
        assertSame(Progress.NONE, p);
        p.update("scan", 10, 100);
        p.done("scan");
        assertEquals("", sink.toString());
    }

    @Test
    void formatsCountAndBytes() {
        assertEquals("scan: 0 files, 0 B", TerminalProgress.format("scan", 0, 0));
        assertEquals("scan: 12,345 files, 1.5 KiB", TerminalProgress.format("scan", 12_345, 1536));
        assertEquals("copy: 1 files, 2.0 GiB", TerminalProgress.format("copy", 1, 2L * 1024 * 1024 * 1024));
    }

    @Test
    void redrawsOneLineThrottledAndClearsItWhenDone() {
        StringWriter sink = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        TerminalProgress p = new TerminalProgress(new PrintWriter(sink), now::get);
        p.update("scan", 1, 10);
        now.addAndGet(TerminalProgress.MIN_INTERVAL_NS / 2);
        p.update("scan", 2, 20); // too soon: not drawn
        now.addAndGet(TerminalProgress.MIN_INTERVAL_NS);
        p.update("scan", 3, 30);
        p.done("scan");
        String line = "scan: 1 files, 10 B";
        assertEquals("\r" + line + "\r" + "scan: 3 files, 30 B" + "\r" + " ".repeat(line.length()) + "\r",
                sink.toString());
    }

    @Test
    void shorterLineCoversTheLongerOne() {
        StringWriter sink = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        TerminalProgress p = new TerminalProgress(new PrintWriter(sink), now::get);
        p.update("scan", 1, 2048);
        now.addAndGet(TerminalProgress.MIN_INTERVAL_NS);
        p.update("scan", 2, 5);
        String first = "scan: 1 files, 2.0 KiB";
        String second = "scan: 2 files, 5 B";
        assertEquals("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()), sink.toString());
    }

    @Test
    void aLogLineClearsTheVisibleProgressLineFirstAndItIsRedrawnAfter() {
        StringWriter sink = new StringWriter();
        PrintWriter err = new PrintWriter(sink);
        AtomicLong now = new AtomicLong(0);
        TerminalProgress p = new TerminalProgress(err, now::get);
        ConsoleLine.set(p);
        p.update("copy", 2_917, 10);
        ConsoleLine.write(() -> err.print("INFO copy a -> b\n"));
        String line = "copy: 2,917 files, 10 B";
        String blank = "\r" + " ".repeat(line.length()) + "\r";
        assertEquals("\r" + line + blank + "INFO copy a -> b\n" + "\r" + line, sink.toString());

        // done() blanks the redrawn line; later log lines are written as they are.
        p.done("copy");
        sink.getBuffer().setLength(0);
        ConsoleLine.write(() -> err.print("INFO summary\n"));
        err.flush();
        assertEquals("INFO summary\n", sink.toString());
    }

    @Test
    void logLinesAreUntouchedWithoutATerminalProgress() {
        StringWriter sink = new StringWriter();
        PrintWriter err = new PrintWriter(sink);
        assertSame(Progress.NONE, TerminalProgress.forStderr(err, false));
        ConsoleLine.write(() -> err.print("INFO copy a -> b\n"));
        err.flush();
        assertEquals("INFO copy a -> b\n", sink.toString());
    }

    @Test
    void aTerminalProgressRegistersItselfForLogLines() {
        StringWriter sink = new StringWriter();
        PrintWriter err = new PrintWriter(sink);
        Progress p = TerminalProgress.forStderr(err, true);
        p.update("scan", 1, 10);
        ConsoleLine.write(() -> err.print("LOG\n"));
        String line = "scan: 1 files, 10 B";
        assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r" + "LOG\n" + "\r" + line,
                sink.toString());
    }
}
