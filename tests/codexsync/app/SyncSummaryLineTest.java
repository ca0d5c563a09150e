// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.ApplyHooks;
import codexsync.config.ConfigOverrides;
import codexsync.core.HostEnvironment;
import codexsync.core.Progress;
import codexsync.log.LogSetup;
import codexsync.testsupport.ChildJvm;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The codexsync.summary line of sync: a dry run counts what it would copy and delete (RunSummary's contract). */
class SyncSummaryLineTest {
    @TempDir
    Path dir;

    @Test
    void a_dry_run_summary_counts_the_files_it_would_copy_and_the_apply_the_ones_it_copied() throws Exception {
        Path local = dir.resolve("home");
        write(local, "history.jsonl", "h\n", T0);
        write(local, "sessions/a.jsonl", "a\n", T0);
        Path ws = dir.resolve("ws");
        Path config = SyncFixtures.config(dir.resolve("config.toml"), "m1", local, ws, Map.of());
        Files.writeString(config, "\n[logging]\nfile = \"${workspace_root}/logs/codexsync.log\"\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        // A dry run logs to stderr only (it writes nothing, not even a log file): run it as a real process and read
        // its stderr.
        Process p = ChildJvm.command(List.of(), "codexsync.commands.SyncCommand", "-c", config.toString(), "--dry-run")
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(err.contains("summary command=sync mode=dry-run copied=2 backed_up=0 skipped=0 "
                + "conflicts=0 deleted=0 bytes=0 seconds="), err);
        assertFalse(Files.exists(ws.resolve("logs")), "a dry run creates no log file");

        Invocation inv = new Invocation(config, false, Invocation.TerminateOverride.NONE, ConfigOverrides.NONE);
        SyncService service = new SyncService(HostEnvironment.current(), new SyncServiceTest.FakeGuard(),
                ApplyHooks.NONE, Progress.NONE);
        try {
            service.sync(inv, SyncService.Mode.APPLY, true, false);
        } finally {
            LogSetup.stop();
        }
        List<String> summaries;
        try (Stream<Path> files = Files.list(ws.resolve("logs"))) {
            summaries = files.flatMap(f -> {
                try {
                    return Files.readAllLines(f, StandardCharsets.UTF_8).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(l -> l.contains("summary command=sync")).toList();
        }
        assertEquals(1, summaries.size(), summaries.toString());
        assertTrue(summaries.get(0).contains("summary command=sync mode=apply copied=2 backed_up=0 skipped=0 "
                + "conflicts=0 deleted=0 bytes=4 seconds="), summaries.get(0));
    }
}
