// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two machines given the same machine id ("laptop": a default host name, a cloned VM) and one workspace, each with its
 * own Codex home and its own per-user state folder (CODEXSYNC_STATE_HOME, where its installation id lives). Every
 * step runs the real CLI through ./jbang. The second machine's writing runs stop with exit 4 and leave every folder
 * exactly as it was (paths, bytes and mtimes of files and folders) until it takes the id over deliberately.
 */
class SharedMachineIdTest {
    @TempDir
    Path dir;

    @Test
    void the_second_machine_with_the_same_id_is_stopped_and_told_and_nothing_is_written_until_it_takes_the_id_over()
            throws IOException {
        Path homeA = dir.resolve("a/.codex");
        Path homeB = dir.resolve("b/.codex");
        Path stateA = dir.resolve("a/state-home");
        Path stateB = dir.resolve("b/state-home");
        Path ws = dir.resolve("cloud-drive/codexsync");
        write(homeA, "history.jsonl", "from A\n", T0);
        write(homeA, "skills/a/SKILL.md", "a\n", T0);
        write(homeB, "skills/b/SKILL.md", "b\n", T0 + 10);
        Path cfgA = SyncFixtures.config(dir.resolve("a/config.toml"), "laptop", homeA, ws, Map.of());
        Path cfgB = SyncFixtures.config(dir.resolve("b/config.toml"), "laptop", homeB, ws, Map.of());

        ProcessRun.Result first = run(stateA, "-c", cfgA.toString(), "sync", "--apply");
        assertEquals(0, first.code(), first.toString());
        String idA = Files.readString(stateA.resolve("installation-id"), StandardCharsets.UTF_8).trim();
        Path stateFile = ws.resolve("state/machines/laptop.json");
        assertTrue(Files.readString(stateFile).contains("\"installation_id\": \"" + idA + "\""),
                Files.readString(stateFile));

        List<Path> roots = List.of(homeA, homeB, ws, stateA, stateB);
        Map<Path, SortedMap<String, String>> before = trees(roots);
        for (String[] writing : new String[][] {{"sync", "--apply"}, {"restore", "--apply"}}) {
            ProcessRun.Result refused = run(stateB, "-c", cfgB.toString(), writing[0], writing[1]);
            assertEquals(4, refused.code(), refused.toString());
            assertTrue(refused.err().contains("codexsync: machine id \"laptop\" is already used by another machine "
                    + "(last sync "), refused.toString());
            assertTrue(refused.err().contains("  at " + stateFile), refused.toString());
            assertTrue(refused.err().matches("(?s).*fix: set identity\\.machine_id = \"[A-Za-z0-9._-]+-[a-z2-9]{4}\" "
                    + "in " + java.util.regex.Pattern.quote(cfgB.toString()) + ".*--take-over-machine-id.*"),
                    refused.toString());
            assertFalse(refused.err().contains("Exception"), refused.toString());
            assertEquals(before, trees(roots), writing[0] + " --apply must leave every folder as it was");
        }

        // The read-only commands show the same verdict and stay read-only (no installation id is created either).
        ProcessRun.Result status = run(stateB, "-c", cfgB.toString(), "status");
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains("  machine id: FAIL machine id \"laptop\" is already used by another machine"),
                status.toString());
        ProcessRun.Result doctor = run(stateB, "-c", cfgB.toString(), "doctor");
        assertEquals(5, doctor.code(), doctor.toString());
        assertTrue(doctor.out().contains("[FAIL] machine_id: machine id \"laptop\" is already used by another machine"),
                doctor.toString());
        ProcessRun.Result dryRun = run(stateB, "-c", cfgB.toString(), "sync", "--dry-run");
        assertEquals(0, dryRun.code(), dryRun.toString());
        assertTrue(dryRun.err().contains("a real sync would stop here (exit 4): machine id \"laptop\" is already used"),
                dryRun.toString());
        assertEquals(before, trees(roots), "status, doctor and a dry run write nothing");

        // A reinstalled machine takes its id over deliberately; from then on the previous owner is the one refused.
        ProcessRun.Result takeOver = run(stateB, "-c", cfgB.toString(), "sync", "--apply", "--take-over-machine-id");
        assertEquals(0, takeOver.code(), takeOver.toString());
        assertTrue(takeOver.err().contains("--take-over-machine-id: this installation"), takeOver.toString());
        String idB = Files.readString(stateB.resolve("installation-id"), StandardCharsets.UTF_8).trim();
        assertFalse(idB.equals(idA));
        assertTrue(Files.readString(stateFile).contains("\"installation_id\": \"" + idB + "\""));
        assertEquals("from A\n", Files.readString(homeB.resolve("history.jsonl")), "B synced with the taken-over base");

        ProcessRun.Result previousOwner = run(stateA, "-c", cfgA.toString(), "sync", "--apply");
        assertEquals(4, previousOwner.code(), previousOwner.toString());
        assertTrue(previousOwner.err().contains("machine id \"laptop\" is already used by another machine"),
                previousOwner.toString());
    }

    private static ProcessRun.Result run(Path stateHome, String... args) {
        return ProcessRun.codexsync(Map.of("CODEXSYNC_STATE_HOME", stateHome.toString()), args);
    }

    private static Map<Path, SortedMap<String, String>> trees(List<Path> roots) {
        Map<Path, SortedMap<String, String>> all = new TreeMap<>();
        for (Path root : roots) {
            all.put(root, tree(root));
        }
        return all;
    }

    /** Every file and folder under {@code root}: path -> size, SHA-256 and mtime (ns) for files, mtime for folders. */
    private static SortedMap<String, String> tree(Path root) {
        SortedMap<String, String> m = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return m;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
                m.put(rel, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir@" + mtime
                        : Files.size(p) + ":" + SyncFixtures.sha(Files.readAllBytes(p)) + "@" + mtime);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
