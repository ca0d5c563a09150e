// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.tree;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.ApplyHooks;
import codexsync.config.ConfigOverrides;
import codexsync.core.HostEnvironment;
import codexsync.core.Progress;
import codexsync.fs.StagingNames;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging files a killed run left (a restore writes no journal) are removed by the next writing run under its lock:
 * any age in the Codex home, only those untouched for an hour in the shared cloud mirror; dry runs only report them.
 * A staging file's age is the later of its mtime and creation time, and a creation time cannot be set back where the
 * file system keeps one (this JDK reads Linux birth times too), so a cloud staging file "from hours ago" is shown by
 * running the sync with a clock two hours ahead.
 */
class StaleStagingTest {
    @TempDir
    Path dir;

    Path local;
    Path cloud;
    Path config;
    Path localStale;
    Path cloudStaging;

    @BeforeEach
    void setUp() throws IOException {
        local = dir.resolve("home");
        Path ws = dir.resolve("ws");
        cloud = ws.resolve("sync");
        write(local, "sessions/a.jsonl", "a\n", T0);
        write(cloud, "skills/s/SKILL.md", "s\n", T0);
        config = SyncFixtures.config(dir.resolve("config.toml"), "m1", local, ws, Map.of());
        localStale = write(local, "sessions/.a.jsonl.codexsync-0123456789ab.tmp", "half",
                Instant.now().minus(Duration.ofHours(3)).getEpochSecond());
        // Just written: in the shared mirror it may be another machine's copy in progress.
        cloudStaging = write(cloud, "skills/s/.SKILL.md.codexsync-abcdef012345.tmp", "half",
                Instant.now().getEpochSecond());
    }

    @Test
    void sync_apply_removes_the_codex_home_leftover_and_keeps_a_fresh_cloud_staging_file() {
        CliRun.Result r = CliRun.umbrella("sync", "-c", config.toString(), "--apply");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(Files.exists(localStale), "a staging file in the Codex home is removed whatever its age");
        assertTrue(Files.exists(cloudStaging), "a fresh cloud staging file may be another machine's write in progress");
        assertTrue(r.out().contains("Removed 1 leftover staging file(s)"), r.out());
        // the sync itself still ran, and never copied a staging file
        assertEquals("a\n", SyncFixtures.read(cloud, "sessions/a.jsonl"));
        assertEquals("s\n", SyncFixtures.read(local, "skills/s/SKILL.md"));
        assertFalse(Files.exists(local.resolve("skills/s/.SKILL.md.codexsync-abcdef012345.tmp")));
    }

    @Test
    void a_cloud_staging_file_is_removed_only_once_untouched_for_more_than_an_hour() {
        Report soon = service(Duration.ofMinutes(30)).sync(invocation(), SyncService.Mode.APPLY, true, false);
        assertEquals(0, soon.status().code());
        assertFalse(Files.exists(localStale));
        assertTrue(Files.exists(cloudStaging), "created 30 minutes before the run's clock: kept");

        Report later = service(Duration.ofHours(2)).sync(invocation(), SyncService.Mode.APPLY, true, false);
        assertEquals(0, later.status().code());
        assertFalse(Files.exists(cloudStaging), "untouched for two hours by the run's clock: removed");
        assertTrue(later.humanLines().contains("Removed 1 leftover staging file(s) of an interrupted codexsync run."),
                later.humanLines().toString());
    }

    @Test
    void in_the_cloud_this_machines_own_staging_file_goes_at_once_and_another_machines_never() {
        Path mine = write(cloud, "skills/s/.SKILL.md.codexsync-m1-00112233aabb.tmp", "half mine",
                Instant.now().getEpochSecond());
        Path theirs = write(cloud, "skills/s/.SKILL.md.codexsync-m2-00112233aabb.tmp", "half theirs",
                Instant.now().minus(Duration.ofDays(3)).getEpochSecond());
        Report r = service(Duration.ZERO).sync(invocation(), SyncService.Mode.APPLY, true, false);
        assertEquals(0, r.status().code());
        assertFalse(Files.exists(mine), "m1's own staging file: no run of m1 is writing it (m1 holds its lock)");
        assertTrue(Files.exists(theirs), "m2's staging file, however old, is m2's to remove");
        assertTrue(Files.exists(cloudStaging), "an owner-less fresh one keeps the one-hour rule");
    }

    @Test
    void staging_names_carry_the_machine_id_only_during_a_run() {
        Path dest = cloud.resolve("skills/s/SKILL.md");
        assertEquals(java.util.Optional.empty(), StagingNames.ownerOf(StagingNames.stagingFor(dest).getFileName()
                .toString()));
        try (StagingNames.OwnerScope scope = StagingNames.ownedBy("my-pc.local")) {
            String name = StagingNames.stagingFor(dest).getFileName().toString();
            assertTrue(name.startsWith(".SKILL.md.codexsync-my-pc.local-"), name);
            assertTrue(StagingNames.isStaging(name), name);
            assertEquals(java.util.Optional.of("my-pc.local"), StagingNames.ownerOf(name));
        }
        assertEquals(java.util.Optional.empty(), StagingNames.ownerOf(StagingNames.stagingFor(dest).getFileName()
                .toString()));
    }

    @Test
    void a_dry_run_and_plan_remove_nothing_but_the_dry_run_reports_the_staging_files() {
        SortedMap<String, String> before = tree(dir);
        CliRun.Result dry = CliRun.umbrella("sync", "-c", config.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.out() + dry.err());
        assertTrue(dry.err().contains("2 codexsync staging file(s) found"), dry.err());
        Report dryAhead = service(Duration.ofHours(2)).sync(invocation(), SyncService.Mode.DRY_RUN, true, false);
        assertEquals(0, dryAhead.status().code());
        CliRun.Result plan = CliRun.umbrella("plan", "-c", config.toString());
        assertEquals(0, plan.code(), plan.out() + plan.err());
        assertEquals(before, tree(dir));
        assertTrue(Files.exists(localStale) && Files.exists(cloudStaging));
    }

    private Invocation invocation() {
        return new Invocation(config, false, Invocation.TerminateOverride.NONE, ConfigOverrides.NONE);
    }

    private static SyncService service(Duration ahead) {
        return new SyncService(HostEnvironment.current(), new SyncServiceTest.FakeGuard(), ApplyHooks.NONE,
                Progress.NONE, Clock.offset(Clock.systemUTC(), ahead));
    }
}
