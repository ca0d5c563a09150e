// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.read;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CliRun;
import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.SyncFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two machines, A and B: two Codex homes, two machine ids (two config files), one shared workspace (the folder a
 * cloud client would sync). Each step runs the real CLI. Configs switch Codex detection off (see SyncFixtures.config).
 */
class TwoMachineSyncTest {
    @TempDir
    Path dir;
    Path homeA;
    Path homeB;
    Path ws;

    @BeforeEach
    void setUp() {
        homeA = dir.resolve("a/.codex");
        homeB = dir.resolve("b/.codex");
        ws = dir.resolve("cloud-drive/codexsync");
        write(homeA, "history.jsonl", "v1\n", T0);
        write(homeA, "skills/x/SKILL.md", "x1\n", T0);
        write(homeA, "skills/y/SKILL.md", "y1\n", T0);
        Path a = cfg("A", "manual_abort");
        assertEquals(0, sync(a), "A's first sync");
        try {
            Files.createDirectories(homeB);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(0, sync(cfg("B", "manual_abort")), "B's first sync");
        assertEquals(SyncFixtures.contents(homeA), SyncFixtures.contents(homeB));
    }

    private Path cfg(String machine, String policy) {
        return SyncFixtures.config(dir.resolve("config-" + machine + "-" + policy + ".toml"), machine,
                machine.equals("A") ? homeA : homeB, ws, Map.of("conflict", "policy = \"" + policy + "\""));
    }

    private int sync(Path cfg) {
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply");
        assertTrue(r.code() == 0 || r.code() == 2, r.toString());
        return r.code();
    }

    @Test
    void an_edit_travels_both_ways_and_is_never_overwritten_by_the_older_copy_one_round_through_jbang() {
        // CS-288: B's untouched old copy must never be taken for an edit and pushed over A's newer one.
        write(homeA, "history.jsonl", "v2 from A\n", T0 + 100);
        ProcessRun.Result viaJbang = ProcessRun.codexsync(Map.of(), "-c", cfg("A", "manual_abort").toString(),
                "sync", "--apply");
        assertEquals(0, viaJbang.code(), viaJbang.toString());
        assertTrue(viaJbang.out().contains("Sync finished."), viaJbang.toString());
        assertTrue(viaJbang.err().contains("summary command=sync mode=apply copied=1 backed_up=1 skipped=0 "
                + "conflicts=0 deleted=0 bytes=10 seconds="), viaJbang.toString());
        assertEquals(0, sync(cfg("B", "manual_abort")));
        assertEquals("v2 from A\n", read(homeB, "history.jsonl"));
        write(homeB, "history.jsonl", "v3 from B\n", T0 + 200);
        assertEquals(0, sync(cfg("B", "manual_abort")));
        assertEquals(0, sync(cfg("A", "manual_abort")));
        assertEquals(0, sync(cfg("A", "manual_abort")));
        assertEquals(0, sync(cfg("B", "manual_abort")));
        assertEquals("v3 from B\n", read(homeA, "history.jsonl"));
        assertEquals("v3 from B\n", read(homeB, "history.jsonl"));
        assertEquals("v3 from B\n", read(ws.resolve("sync"), "history.jsonl"));
    }

    /** Both machines edit different files, in every interleaving of edit A, sync A, edit B, sync B. */
    @ParameterizedTest
    @ValueSource(strings = {"eA sA eB sB", "eA eB sA sB", "eA eB sB sA", "eB sB eA sA", "eB eA sB sA", "eB eA sA sB"})
    void edits_of_different_files_in_any_order_all_arrive_everywhere(String order) {
        for (String step : order.split(" ")) {
            switch (step) {
                case "eA" -> write(homeA, "skills/x/SKILL.md", "x2 by A\n", T0 + 100);
                case "eB" -> write(homeB, "skills/y/SKILL.md", "y2 by B\n", T0 + 150);
                case "sA" -> assertEquals(0, sync(cfg("A", "manual_abort")), order);
                default -> assertEquals(0, sync(cfg("B", "manual_abort")), order);
            }
        }
        assertEquals(0, sync(cfg("A", "manual_abort")));
        assertEquals(0, sync(cfg("B", "manual_abort")));
        for (Path home : List.of(homeA, homeB, ws.resolve("sync"))) {
            assertEquals("x2 by A\n", read(home, "skills/x/SKILL.md"), order + " " + home);
            assertEquals("y2 by B\n", read(home, "skills/y/SKILL.md"), order + " " + home);
        }
    }

    /**
     * A true two-sided edit: A and B both edit a skill before seeing the other's edit; A syncs first. (Codex's
     * append-only files are merged instead: AppendOnlyBlackBoxTest.)
     */
    @ParameterizedTest
    @CsvSource({"manual_abort, -", "prefer_newer_mtime, B", "prefer_local, B", "prefer_cloud, A"})
    void a_two_sided_edit_is_a_conflict_or_resolved_with_the_loser_backed_up(String policy, String winner)
            throws Exception {
        write(homeA, "skills/x/SKILL.md", "edit by A\n", T0 + 100);
        write(homeB, "skills/x/SKILL.md", "edit by B\n", T0 + 200);
        assertEquals(0, sync(cfg("A", policy)));
        Path cfgB = cfg("B", policy);
        SortedMap<String, String> before = SyncFixtures.tree(dir);
        CliRun.Result r = CliRun.umbrella("-c", cfgB.toString(), "sync", "--apply");
        if (winner.equals("-")) {
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("Conflict detected for files: skills/x/SKILL.md."), r.toString());
            assertEquals(before, SyncFixtures.tree(dir), "nothing written");
            return;
        }
        assertEquals(0, r.code(), r.toString());
        String win = "edit by " + winner + "\n";
        String lose = winner.equals("A") ? "edit by B\n" : "edit by A\n";
        assertEquals(win, read(homeB, "skills/x/SKILL.md"));
        assertEquals(win, read(ws.resolve("sync"), "skills/x/SKILL.md"));
        assertEquals(0, sync(cfg("A", policy)));
        assertEquals(win, read(homeA, "skills/x/SKILL.md"));
        // The loser's version is in B's snapshot, recorded with the side it was taken from.
        String loserSide = winner.equals("A") ? "local" : "cloud";
        boolean found = false;
        try (Stream<Path> s = Files.list(ws.resolve("backups"))) {
            for (Path snap : s.filter(p -> p.getFileName().toString().startsWith("B-")).toList()) {
                String manifest = Files.readString(snap.resolve(".codexsync-snapshot.json"));
                if (manifest.contains("\"side\": \"" + loserSide + "\"")
                        && lose.equals(Files.readString(snap.resolve("skills/x/SKILL.md")))) {
                    found = true;
                }
            }
        }
        assertTrue(found, "the losing version (" + lose.strip() + ") is in B's backup, side " + loserSide);
    }
}
