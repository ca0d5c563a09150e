// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.backup.SnapshotManifest;
import codexsync.core.Json;
import codexsync.restore.RestoreFixture.F;
import codexsync.testsupport.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code restore} end to end in-process: choosing a snapshot, both formats, both targets, dry run vs apply. */
class RestoreCommandTest {
    @TempDir
    Path tmp;

    // 0.1.1 test_restore.py: two snapshot folders, --from the newer one restores "new", files=1, target local.
    @Test
    void fromNamedFolderSnapshotRestoresIt() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.folderSnapshot("machine-a-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "old"));
        fx.folderSnapshot("machine-a-20260101T000100Z", 2_000, F.legacy("sessions/a.txt", "new"));
        Result r = fx.restore("--from", "machine-a-20260101T000100Z", "--apply");
        assertEquals(0, r.code(), r.toString());
        assertEquals("new", Files.readString(fx.home.resolve("sessions/a.txt")));
        assertTrue(r.out().contains("Restore finished. snapshot=machine-a-20260101T000100Z target=local files=1"), r.toString());
    }

    // 0.1.1 test_restore.py: a zip snapshot with sessions/a.txt is restored, files=1.
    @ParameterizedTest
    @ValueSource(strings = {"machine-a-20260101T000000Z.zip", "machine-a-20260101T000000Z"})
    void zipSnapshotRestoresWithOrWithoutTheZipSuffix(String from) throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.zipSnapshot("machine-a-20260101T000000Z.zip", 1_000, F.legacy("sessions/a.txt", "zipped"));
        Result r = fx.restore("--from", from, "--apply");
        assertEquals(0, r.code(), r.toString());
        Path restored = fx.home.resolve("sessions/a.txt");
        assertEquals("zipped", Files.readString(restored));
        // The entry's time is restored with its content (zip keeps it to the second or better).
        assertEquals(1_700_000_000_000L, Files.getLastModifiedTime(restored).toMillis());
        assertTrue(r.out().contains("snapshot=machine-a-20260101T000000Z.zip target=local files=1"), r.toString());
    }

    @Test
    void withoutFromTheNewestByMtimeWinsNotTheNewestName() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        // The name says 2027 but its mtime is older: 0.1.1 picks by mtime.
        fx.folderSnapshot("other-20270101T000000Z", 1_000, F.legacy("sessions/a.txt", "by-name"));
        fx.zipSnapshot("desk-20260101T000000Z.zip", 5_000, F.legacy("sessions/a.txt", "by-mtime"));
        Result r = fx.restore("--apply");
        assertEquals(0, r.code(), r.toString());
        assertEquals("by-mtime", Files.readString(fx.home.resolve("sessions/a.txt")));
        assertTrue(r.out().contains("snapshot=desk-20260101T000000Z.zip"), r.toString());
    }

    @Test
    void dryRunIsTheDefaultAndWritesNothingAnywhere() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp, "[sync]\ndry_run_default = false");
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "current", 1_600_000_000L);
        fx.zipSnapshot("desk-20260101T000000Z.zip", 1_000, F.legacy("sessions/a.txt", "old"),
                F.legacy("sessions/b.txt", "gone"));
        Map<String, String> before = fx.everything();
        for (String[] args : new String[][] {{}, {"--dry-run"}, {"--json"}}) {
            Result r = fx.restore(args);
            assertEquals(0, r.code(), r.toString());
            assertEquals(before, fx.everything(), "a dry run must not create, change or touch anything");
        }
        Result r = fx.restore();
        assertTrue(r.out().contains("Dry-run finished. snapshot=desk-20260101T000000Z.zip target=local files=2"),
                r.toString());
        assertTrue(r.out().contains("restore: sessions/a.txt"), r.toString());
    }

    @Test
    void applyBacksUpEachReplacedFileIntoANewSnapshotFirst() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "broken", 1_600_000_000L);
        RestoreFixture.write(fx.home.resolve("sessions/same.txt"), "same", 1_600_000_000L);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, new F("sessions/a.txt", "good", "local"),
                new F("sessions/same.txt", "same", "local"), new F("sessions/new.txt", "added", "local"));
        Result r = fx.restore("--apply", "--json");
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> doc = Json.parseObject(r.out());
        String backup = (String) doc.get("backup_snapshot");
        assertTrue(backup.startsWith("desk-"), r.toString());
        assertEquals("good", Files.readString(fx.home.resolve("sessions/a.txt")));
        assertEquals("added", Files.readString(fx.home.resolve("sessions/new.txt")));
        // Only the file that was replaced (not the unchanged one, not the new one) is in the new snapshot.
        Path snap = fx.backups.resolve(backup);
        assertEquals("broken", Files.readString(snap.resolve("sessions/a.txt")));
        assertFalse(Files.exists(snap.resolve("sessions/same.txt")));
        List<SnapshotManifest.Record> recs = SnapshotManifest.parse(Files.readString(snap.resolve(".codexsync-snapshot.json")));
        assertEquals(1, recs.size());
        assertEquals("sessions/a.txt", recs.get(0).path());
        assertEquals("local", recs.get(0).side());
        assertEquals(1_600_000_000_000L, Files.getLastModifiedTime(snap.resolve("sessions/a.txt")).toMillis(),
                "the backup keeps the replaced file's mtime");
        Map<String, Object> summary = asMap(doc.get("summary"));
        assertEquals(3L, summary.get("files"));
        assertEquals(1L, summary.get("unchanged"));
        assertEquals(1L, summary.get("backed_up"));
        assertTrue(actions(doc).contains("sessions/same.txt=unchanged"), r.toString());
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "broken again", 1_600_000_000L);
        String human = fx.restore("--apply", "--from", "laptop-20260101T000000Z").out();
        assertTrue(human.contains("Backed up 1 replaced file(s) to desk-"), human);
    }

    @Test
    void zipModeBackupIsAZipWithTheManifestAndNothingIsLeftStaged() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp, "[backup]\ncompression = \"zip\"");
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "v3", 1_600_000_000L);
        fx.zipSnapshot("laptop-20260101T000000Z.zip", 1_000, new F("sessions/a.txt", "v2", "local"));
        Result r = fx.restore("--apply");
        assertEquals(0, r.code(), r.toString());
        assertEquals("v2", Files.readString(fx.home.resolve("sessions/a.txt")));
        List<Path> zips = list(fx.backups).stream().filter(p -> p.getFileName().toString().startsWith("desk-")).toList();
        assertEquals(1, zips.size(), list(fx.backups).toString());
        assertTrue(zips.get(0).toString().endsWith(".zip"));
        try (ZipFile z = ZipFile.builder().setPath(zips.get(0)).get()) {
            assertEquals("v3", new String(z.getInputStream(z.getEntry("sessions/a.txt")).readAllBytes()));
            String manifest = new String(z.getInputStream(z.getEntry(".codexsync-snapshot.json")).readAllBytes());
            assertEquals("local", SnapshotManifest.parse(manifest).get(0).side());
        }
        assertTrue(noStagingFiles(fx.root), "no staging files left: " + RestoreFixture.tree(fx.root));
    }

    @Test
    void nothingReplacedMeansNoNewSnapshot() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/new.txt", "x"));
        Result r = fx.restore("--apply");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("laptop-20260101T000000Z"), names(fx.backups));
        assertTrue(r.out().contains("no backup snapshot was written"), r.toString());
    }

    @Test
    void cloudTargetRestoresOnlyCloudSideEntriesAndLocalOnlyLocal() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, new F("sessions/l.txt", "from-local", "local"),
                new F("sessions/c.txt", "from-cloud", "cloud"));
        Result toCloud = fx.restore("--target", "cloud", "--apply", "--json");
        assertEquals(0, toCloud.code(), toCloud.toString());
        assertEquals("from-cloud", Files.readString(fx.cloud.resolve("sessions/c.txt")));
        assertFalse(Files.exists(fx.cloud.resolve("sessions/l.txt")), "a local-side file never goes to the cloud");
        assertTrue(actions(Json.parseObject(toCloud.out())).contains("sessions/l.txt=skipped"));

        Result toLocal = fx.restore("--target", "local", "--apply", "--from", "laptop-20260101T000000Z");
        assertEquals(0, toLocal.code(), toLocal.toString());
        assertEquals("from-local", Files.readString(fx.home.resolve("sessions/l.txt")));
        assertFalse(Files.exists(fx.home.resolve("sessions/c.txt")), "CS-293: a cloud-side file never enters the home");
        assertTrue(toLocal.out().contains("Left out 1 file(s) of the snapshot: 1 backed up from the cloud side"),
                toLocal.toString());
        assertTrue(toLocal.out().contains("target=local files=1"), toLocal.toString());
    }

    @Test
    void legacyZipWithoutManifestRestoresEveryIncludedEntryToEitherTarget() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.zipSnapshot("machine-a-20260101T000000Z.zip", 1_000, F.legacy("sessions/a.txt", "a"),
                F.legacy("skills/s.md", "s"), F.legacy("notincluded/x.txt", "x"), F.legacy("sessions/junk.tmp", "t"));
        Result r = fx.restore("--target", "cloud", "--apply", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("a", Files.readString(fx.cloud.resolve("sessions/a.txt")));
        assertEquals("s", Files.readString(fx.cloud.resolve("skills/s.md")));
        assertFalse(Files.exists(fx.cloud.resolve("notincluded/x.txt")), "outside include_roots");
        assertFalse(Files.exists(fx.cloud.resolve("sessions/junk.tmp")), "excluded by exclude_globs");
        Map<String, Object> doc = Json.parseObject(r.out());
        assertEquals(false, doc.get("snapshot_has_manifest"));
        assertEquals(2L, asMap(doc.get("summary")).get("files"));
    }

    @Test
    void neverSyncedFilesAreRefusedAndReported() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        RestoreFixture.write(fx.home.resolve("auth.json"), "{\"token\":\"current\"}", 1_600_000_000L);
        fx.zipSnapshot("laptop-20260101T000000Z.zip", 1_000, F.legacy("auth.json", "{\"token\":\"stale\"}"),
                F.legacy("sessions/.sandbox-secrets/k", "secret"), F.legacy("sessions/deep/token.json", "t"),
                F.legacy("state.sqlite", "db"), F.legacy("sessions/x.sqlite-wal", "wal"),
                F.legacy("sessions/codexsync-desk-2026-01-01.log", "log"), F.legacy("sessions/ok.txt", "ok"));
        Result r = fx.restore("--apply", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals("{\"token\":\"current\"}", Files.readString(fx.home.resolve("auth.json")));
        assertEquals("ok", Files.readString(fx.home.resolve("sessions/ok.txt")));
        try (Stream<Path> w = Files.walk(fx.home)) {
            assertEquals(List.of("auth.json", "sessions", "sessions/ok.txt"), w.filter(p -> !p.equals(fx.home))
                    .map(p -> fx.home.relativize(p).toString()).sorted().toList());
        }
        List<String> actions = actions(Json.parseObject(r.out()));
        for (String p : List.of("auth.json", "sessions/.sandbox-secrets/k", "sessions/deep/token.json", "state.sqlite",
                "sessions/x.sqlite-wal", "sessions/codexsync-desk-2026-01-01.log")) {
            assertTrue(actions.contains(p + "=refused"), p + " in " + actions);
        }
        assertTrue(r.err().contains("refused to restore auth.json"), r.toString());
    }

    @Test
    void listShowsEverySnapshotNewestFirstWithCounts() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, new F("sessions/a.txt", "12345", "local"));
        fx.zipSnapshot("desk-20260102T030405Z.zip", 3_000, F.legacy("sessions/a.txt", "1"), F.legacy("skills/b", "22"));
        Files.writeString(fx.backups.resolve("damaged-20260103T000000Z.zip"), "not a zip");
        Files.setLastModifiedTime(fx.backups.resolve("damaged-20260103T000000Z.zip"),
                java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        Map<String, String> before = fx.everything();
        Result r = fx.restore("--list", "--json");
        assertEquals(0, r.code(), r.toString());
        List<Map<String, Object>> snaps = listOfMaps(Json.parseObject(r.out()).get("snapshots"));
        assertEquals(List.of("desk-20260102T030405Z.zip", "damaged-20260103T000000Z.zip", "laptop-20260101T000000Z"),
                snaps.stream().map(s -> s.get("name")).toList());
        assertEquals("desk", snaps.get(0).get("machine_id"));
        assertEquals("2026-01-02T03:04:05Z", snaps.get(0).get("created"));
        assertEquals("zip", snaps.get(0).get("format"));
        assertEquals(2L, snaps.get(0).get("files"));
        assertEquals(3L, snaps.get(0).get("bytes"));
        assertEquals(false, snaps.get(1).get("readable"));
        assertEquals("folder", snaps.get(2).get("format"));
        assertEquals(1L, snaps.get(2).get("files"), "the manifest is not counted");
        Result human = fx.restore("--list");
        String[] lines = human.out().split("\n");
        assertTrue(lines[0].startsWith("NAME"), human.toString());
        assertTrue(lines[1].startsWith("desk-20260102T030405Z.zip") && lines[1].contains("desk"), human.toString());
        assertEquals(before, fx.everything(), "--list writes nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--apply", "--from=x"})
    void listWithApplyOrFromIsAnArgumentError(String other) throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        Result r = fx.restore("--list", other);
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("--list cannot be combined"), r.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "LOCAL", ""})
    void badTargetIsExit4(String target) throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        Result r = fx.restore("--target", target);
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("--target"), r.toString());
    }

    @Test
    void missingCodexHomeIsExit4ListingThePathsTried() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp);
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        Files.delete(fx.home);
        Result r = fx.restore();
        assertEquals(4, r.code(), r.toString());
        assertTrue(r.err().contains("tried: " + fx.home), r.toString());
    }

    static List<String> actions(Map<String, Object> doc) {
        return listOfMaps(doc.get("files")).stream().map(f -> f.get("path") + "=" + f.get("action")).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> listOfMaps(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static List<String> names(Path dir) throws IOException {
        return list(dir).stream().map(p -> p.getFileName().toString()).toList();
    }

    static boolean noStagingFiles(Path root) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.noneMatch(p -> p.getFileName().toString().contains(".codexsync-"));
        }
    }
}
