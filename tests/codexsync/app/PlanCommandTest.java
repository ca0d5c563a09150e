// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.BaseStateStore;
import codexsync.core.Json;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import codexsync.testsupport.CliRun;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codexsync plan} through the real CLI wiring (in-process), on real folders. */
class PlanCommandTest {
    @TempDir
    Path tmp;

    Path write(Path base, String rel, String content, long mtimeSeconds) throws IOException {
        Path p = base.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtimeSeconds * 1000));
        return p;
    }

    /** Every path under {@code dir} with its size and mtime: a scan that wrote anything would change it. */
    static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> {
                try {
                    return dir.relativize(p) + " " + (Files.isDirectory(p) ? "dir" : Files.size(p)) + " "
                            + Files.getLastModifiedTime(p).toMillis();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
        }
    }

    Path config(Path ws, Path local, String extra) throws IOException {
        Path cfg = tmp.resolve("config.toml");
        Files.writeString(cfg, "[identity]\nmachine_id = \"machine-a\"\n[paths]\nworkspace_root_dir = '" + ws
                + "'\nlocal_state_dir = '" + local + "'\n[targets]\ninclude_roots = [\"sessions\", \"skills\"]\n" + extra);
        return cfg;
    }

    @Test
    void printsThe011PlanBlockWithCloudAloneAndNoConfig() throws Exception {
        Path local = tmp.resolve("home");
        Path cloud = tmp.resolve("cloud");
        write(local, "sessions/a.jsonl", "new local", 200);
        write(local, "skills/same.md", "same", 100);
        write(cloud, "skills/same.md", "same", 100);
        write(cloud, "skills/b.md", "cloud only", 100);
        write(local, "sessions/c.jsonl", "l", 100);
        write(cloud, "sessions/c.jsonl", "c", 100);
        write(local, "auth.json", "tokens", 100);
        CliRun.Result r = CliRun.umbrella("plan", "--local", local.toString(), "--cloud", cloud.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(String.join("\n", "Plan:", "  to_local: 1", "  to_cloud: 1", "  actions: 2", "  conflicts: 0",
                "    cloud -> local: skills/b.md", "    local -> cloud: sessions/a.jsonl", ""), r.out());
        assertFalse(r.err().contains("\r"), "no progress line when stderr is not a terminal");
    }

    @Test
    void jsonListsEveryActionWithReasonAndOverwrites() throws Exception {
        Path local = tmp.resolve("home");
        Path cloud = tmp.resolve("cloud");
        write(local, "sessions/a.md", "newer", 300);
        write(cloud, "sessions/a.md", "older", 100);
        write(local, "sessions/state_5.sqlite", "db", 100);
        CliRun.Result r = CliRun.umbrella("plan", "--json", "--local", local.toString(), "--cloud", cloud.toString());
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> doc = Json.parseObject(r.out());
        assertEquals("ok", doc.get("status"));
        assertEquals(Map.of("path", "sessions/a.md", "kind", "copy_to_cloud", "direction", "local -> cloud",
                "reason", "local is newer", "overwrites", true), ((List<?>) doc.get("actions")).get(0));
        assertEquals(List.of("sessions/state_5.sqlite"), doc.get("refused"));
        assertEquals(1L, ((Map<?, ?>) doc.get("counts")).get("to_cloud"));
        assertEquals(true, doc.get("first_sync"));
        assertTrue(r.err().contains("never synced") && r.err().contains("sessions/state_5.sqlite"), r.err());
    }

    @Test
    void equalMtimeButDifferentFileIsListedAsSkippedAndWarnedAboutWithoutChangingTheCounts() throws Exception {
        Path local = tmp.resolve("home");
        Path cloud = tmp.resolve("cloud");
        write(local, "sessions/same-time.md", "local version", 100);
        write(cloud, "sessions/same-time.md", "cloud", 100);
        write(local, "sessions/a.md", "newer", 300);
        write(cloud, "sessions/a.md", "older", 100);
        CliRun.Result r = CliRun.umbrella("plan", "--local", local.toString(), "--cloud", cloud.toString(), "--json");
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> doc = Json.parseObject(r.out());
        assertEquals(List.of("sessions/same-time.md"), doc.get("skipped"));
        assertEquals(1, ((List<?>) doc.get("actions")).size(), "the skipped path is not an action");
        assertEquals(1L, ((Map<?, ?>) doc.get("counts")).get("to_cloud"));
        assertEquals(0L, ((Map<?, ?>) doc.get("counts")).get("to_local"));
        assertTrue(((List<?>) doc.get("warnings")).contains("sessions/same-time.md: both sides have the same "
                + "modification time but differ; left alone (sync.equal_mtime_action = \"skip\"); set "
                + "equal_mtime_action or touch the newer file to choose"), doc.get("warnings").toString());

        CliRun.Result human = CliRun.umbrella("plan", "--local", local.toString(), "--cloud", cloud.toString());
        assertEquals(0, human.code(), human.toString());
        assertEquals(String.join("\n", "Plan:", "  to_local: 0", "  to_cloud: 1", "  actions: 1", "  conflicts: 0",
                "    local -> cloud: sessions/a.md", ""), human.out());
        assertTrue(human.err().contains("sessions/same-time.md: both sides have the same modification time"),
                human.err());
    }

    @Test
    void writesNothingAnywhereAndDoesNotCreateTheCloudFolder() throws Exception {
        Path ws = tmp.resolve("ws");
        Files.createDirectories(ws);
        Path local = tmp.resolve("home");
        write(local, "sessions/a.jsonl", "x", 100);
        Path cfg = config(ws, local, "");
        List<String> before = tree(tmp);
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "plan");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("local -> cloud: sessions/a.jsonl"), r.out());
        assertEquals(before, tree(tmp), "plan must create, change and delete nothing (D10)");
        assertFalse(Files.exists(ws.resolve("sync")));
        assertFalse(Files.exists(ws.resolve("state")));
    }

    @Test
    void propagateAddsDeletionLinesAndBaseStateIsThisMachines() throws Exception {
        Path ws = tmp.resolve("ws");
        Path local = tmp.resolve("home");
        Path cloud = ws.resolve("sync");
        for (int i = 0; i < 9; i++) {
            write(local, "sessions/k" + i, "k", 100);
            write(cloud, "sessions/k" + i, "k", 100);
        }
        write(local, "sessions/gone.jsonl", "abc", 100);
        Map<String, BaseEntry> files = new java.util.HashMap<>();
        for (int i = 0; i < 9; i++) {
            files.put("sessions/k" + i, new BaseEntry(new Fingerprint(1, 100_000_000_000L, null),
                    new Fingerprint(1, 100_000_000_000L, null)));
        }
        files.put("sessions/gone.jsonl", new BaseEntry(new Fingerprint(3, 100_000_000_000L, null),
                new Fingerprint(3, 100_000_000_000L, null)));
        new BaseStateStore().save(ws.resolve("state/manifest.json"), new BaseState("machine-a", files));
        Path cfg = config(ws, local, "[sync]\ndelete_policy = \"propagate\"\n");
        List<String> before = tree(tmp);
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "plan");
        assertEquals(0, r.code(), r.toString());
        assertEquals(String.join("\n", "Plan:", "  to_local: 0", "  to_cloud: 0", "  actions: 1", "  conflicts: 0",
                "  deletions: 1", "    delete local: sessions/gone.jsonl", ""), r.out());
        assertEquals(before, tree(tmp));

        // Machine B has no entry of its own: A's base state proves nothing for it, so the file is copied back.
        Files.writeString(cfg, Files.readString(cfg).replace("machine-a", "machine-b"));
        CliRun.Result b = CliRun.umbrella("-c", cfg.toString(), "plan");
        assertTrue(b.out().contains("local -> cloud: sessions/gone.jsonl"), b.toString());
        assertTrue(b.out().contains("deletions: 0"), b.toString());
    }

    @Test
    void trippedMassDeleteGuardIsShownButPlanStillExits0() throws Exception {
        Path ws = tmp.resolve("ws");
        Path local = tmp.resolve("home");
        Map<String, BaseEntry> files = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            write(local, "sessions/k" + i, "k", 100);
            files.put("sessions/k" + i, new BaseEntry(new Fingerprint(1, 100_000_000_000L, null),
                    new Fingerprint(1, 100_000_000_000L, null)));
        }
        new BaseStateStore().save(ws.resolve("state/manifest.json"), new BaseState("machine-a", files));
        Path cfg = config(ws, local, "[sync]\ndelete_policy = \"propagate\"\n");
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "plan", "--json");
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> doc = Json.parseObject(r.out());
        assertTrue(String.valueOf(doc.get("safe_abort_reason")).contains("cloud folder is empty"), r.out());
        assertTrue(r.err().contains("a sync would stop here with exit 5"), r.err());
        assertFalse(Files.exists(ws.resolve("sync")));
    }

    @Test
    void missingCodexHomeIsExit4ListingThePathsTried() {
        Path missing = tmp.resolve("no-codex-home");
        CliRun.Result r = CliRun.umbrella("plan", "--local", missing.toString(), "--cloud", tmp.resolve("c").toString());
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("tried: " + missing), r.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void unreadableBaseStateIsExit4NamingTheFileAndTheReset() throws Exception {
        Path ws = tmp.resolve("ws");
        Path local = tmp.resolve("home");
        write(local, "sessions/a", "x", 100);
        Path manifest = write(ws, "state/manifest.json", "{ not json", 100);
        Path cfg = config(ws, local, "");
        List<String> before = tree(tmp);
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "plan");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains(manifest.toString()), r.err());
        assertTrue(r.err().contains("move the file aside"), r.err());
        assertEquals(before, tree(tmp));
    }

    @Test
    void includeRootEscapingTheCodexHomeIsExit4() throws Exception {
        Path ws = tmp.resolve("ws");
        Path local = Files.createDirectories(tmp.resolve("home"));
        Path cfg = tmp.resolve("config.toml");
        Files.writeString(cfg, "[paths]\nworkspace_root_dir = '" + ws + "'\nlocal_state_dir = '" + local
                + "'\n[targets]\ninclude_roots = [\"../outside\"]\n");
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "plan");
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("include_roots"), r.err());
    }

    @Test
    void overlappingLocalAndCloudFoldersAreExit4() throws Exception {
        Path local = Files.createDirectories(tmp.resolve("home"));
        CliRun.Result r = CliRun.umbrella("plan", "--local", local.toString(), "--cloud",
                local.resolve("mirror").toString());
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("overlapping paths"), r.err());
        assertFalse(Files.exists(local.resolve("mirror")));
    }

    @Test
    void planNeverLooksAtProcesses() {
        // D10: the plan path (service, report and everything it calls in scan/plan/apply.BaseStateStore) never
        // reaches the Codex guard or the process API.
        noClasses().should().dependOnClassesThat().resideInAPackage("codexsync.guard..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessHandle.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
                .check(new ClassFileImporter().importClasses(PlanService.class, PlanReport.class, PreparedPlan.class,
                        BaseStateStore.class, codexsync.scan.FolderScanner.class, codexsync.plan.SyncPlanner.class,
                        codexsync.scan.LazyContentHashes.class));
    }
}
