// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.ChildJvm;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.SyncFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (sent with kill(1), as {@link Process#destroy()} would; Ctrl-C's SIGINT takes the same path) during a
 * real {@code sync --apply}: the run stops at the next file boundary, closes its journal and exits 5; a second run
 * finishes the job. The child runs {@code java -cp <test class path> codexsync.commands.SyncCommand} with
 * {@code -Dcodexsync.test.stepDelayMs} so that it is still copying when the signal arrives (no timing assertion:
 * the test waits for the child's own "step" log line before signalling).
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigterm_stops_at_a_safe_point_with_exit_5_and_the_journal_closed() throws Exception {
        Path home = dir.resolve("home");
        SyncFixtures.generateHome(home, 40, 7);
        Path cfg = SyncFixtures.config(dir.resolve("config.toml"), "laptop", home, dir.resolve("ws"), Map.of());
        ChildJvm.Ended end = ChildJvm.runAndSignalOn(ChildJvm.command(List.of("-Dcodexsync.test.stepDelayMs=100"),
                "codexsync.commands.SyncCommand", "-c", cfg.toString(), "--apply"), "codexsync-test-step n=10 ", "TERM");
        String err = end.err();
        assertTrue(end.signalled(), err);
        assertEquals(5, end.code(), err);
        assertTrue(err.contains("interrupted: stopped safely after"), err);
        // The summary line tells what the stopped run really copied (every action of this first sync is a copy).
        Matcher done = Pattern.compile("stopped safely after (\\d+) of").matcher(err);
        assertTrue(done.find(), err);
        Matcher summary = Pattern.compile("summary command=sync mode=apply copied=(\\d+) .* bytes=(\\d+) .*exit=5")
                .matcher(err);
        assertTrue(summary.find(), err);
        assertEquals(done.group(1), summary.group(1), "summary counts the files copied before the stop");
        assertTrue(Integer.parseInt(done.group(1)) > 0 && Long.parseLong(summary.group(2)) > 0, err);
        assertFalse(Files.exists(dir.resolve("ws/.tmp/journal/laptop.journal")), "journal closed");
        assertFalse(Files.exists(dir.resolve("ws/.tmp/locks/laptop.lock")), "lock released");
        SortedMap<String, String> cloud = SyncFixtures.contents(dir.resolve("ws/sync"));
        SortedMap<String, String> local = SyncFixtures.contents(home);
        assertTrue(cloud.size() > 0 && cloud.size() < local.size(), "stopped part-way: " + cloud.size());
        cloud.forEach((rel, v) -> assertEquals(local.get(rel), v, rel + " is complete"));
        CliRun.Result again = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertEquals(0, again.code(), again.toString());
        assertEquals(local, SyncFixtures.contents(dir.resolve("ws/sync")));
    }
}
