// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CliRun;
import codexsync.testsupport.SyncFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
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
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dcodexsync.test.stepDelayMs=100", "codexsync.commands.SyncCommand", "-c", cfg.toString(), "--apply")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = r.readLine()) != null) {
                err.append(line).append('\n');
                if (!signalled && line.contains("codexsync-test-step n=10 ")) {
                    // SIGTERM through kill(1): Process.destroy() would send the same signal but also close the
                    // streams this test still reads.
                    Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start();
                    assertEquals(0, kill.waitFor());
                    signalled = true;
                }
            }
            assertTrue(signalled, err.toString());
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(5, p.exitValue(), err.toString());
        assertTrue(err.toString().contains("interrupted: stopped safely after"), err.toString());
        // The summary line tells what the stopped run really copied (every action of this first sync is a copy).
        Matcher done = Pattern.compile("stopped safely after (\\d+) of").matcher(err);
        assertTrue(done.find(), err.toString());
        Matcher summary = Pattern.compile("summary command=sync mode=apply copied=(\\d+) .* bytes=(\\d+) .*exit=5")
                .matcher(err);
        assertTrue(summary.find(), err.toString());
        assertEquals(done.group(1), summary.group(1), "summary counts the files copied before the stop");
        assertTrue(Integer.parseInt(done.group(1)) > 0 && Long.parseLong(summary.group(2)) > 0, err.toString());
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
