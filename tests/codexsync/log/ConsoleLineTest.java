// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The console appender steps around the registered live line (the terminal progress) on stderr. */
class ConsoleLineTest {
    @AfterEach
    void restore() {
        ConsoleLine.set(null);
        LogSetup.console(false);
    }

    /** A live line that writes markers into the same stream the console log writes to. */
    private static ConsoleLine.Live markers(PrintStream stream) {
        return new ConsoleLine.Live() {
            @Override
            public void clear() {
                stream.print("<clear>");
                stream.flush();
            }

            @Override
            public void redraw() {
                stream.print("<redraw>");
                stream.flush();
            }
        };
    }

    private static String logToCapturedStderr(String message, ConsoleLine.Live live, PrintStream capture) {
        PrintStream original = System.err;
        System.setErr(capture);
        try {
            LogSetup.console(false);
            ConsoleLine.set(live);
            // A warning: it reaches the console without --verbose (per-file INFO lines do not, see ConsoleFilterTest).
            LoggerFactory.getLogger("codexsync.test.ConsoleLineTest").warn(message);
        } finally {
            ConsoleLine.set(null);
            System.setErr(original);
        }
        return message;
    }

    @Test
    void consoleLogLineIsWrappedInClearAndRedraw() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String message = "copy /a/x-" + System.nanoTime() + " -> /b/x";
        logToCapturedStderr(message, markers(capture), capture);
        String err = bytes.toString(StandardCharsets.UTF_8);
        // One whole log record (timestamp ... message, line end) between the clear and the redraw.
        Pattern wrapped = Pattern.compile("<clear>\\d{4}-\\d\\d-\\d\\d [^<\\n]*" + Pattern.quote(message)
                + "\\R<redraw>");
        assertTrue(wrapped.matcher(err).find(), err);
    }

    @Test
    void withoutALiveLineTheConsoleOutputIsOnlyTheLogLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        String message = "copy /a/y-" + System.nanoTime() + " -> /b/y";
        logToCapturedStderr(message, null, capture);
        String err = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains(message), err);
        assertTrue(!err.contains("\r") && !err.contains("\u001b"), "no control characters: " + err);
    }
}
