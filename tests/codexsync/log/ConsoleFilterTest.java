// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The console without --verbose: warnings, the summary and Codex/recovery notes; per-file lines only with -v. */
class ConsoleFilterTest {
    @AfterEach
    void restore() {
        LogSetup.console(false);
    }

    private static String console(boolean verbose) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            LogSetup.console(verbose);
            LoggerFactory.getLogger("codexsync.apply.PlanApplier").info("copy /home/a -> /cloud/a");
            LoggerFactory.getLogger("codexsync.app.RestoreService").info("restore x -> /home/x");
            LoggerFactory.getLogger("codexsync.summary").info("summary command=sync mode=apply copied=1");
            LoggerFactory.getLogger("codexsync.guard").info("Codex has exited");
            LoggerFactory.getLogger("codexsync.app.SyncService").warn("skipped sessions/a.jsonl");
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutVerboseTheConsoleShowsNoPerFileLines() {
        String err = console(false);
        assertFalse(err.contains("copy /home/a") || err.contains("restore x"), err);
        assertTrue(err.contains("summary command=sync") && err.contains("Codex has exited")
                && err.contains("skipped sessions/a.jsonl"), err);
    }

    @Test
    void verboseShowsEveryLine() {
        String err = console(true);
        assertTrue(err.contains("copy /home/a") && err.contains("restore x") && err.contains("summary command=sync"),
                err);
    }
}
