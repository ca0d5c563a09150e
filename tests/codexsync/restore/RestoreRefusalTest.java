// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.restore.RestoreFixture.F;
import codexsync.testsupport.CliRun.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refusal of restore (D22): exit 4, a message saying what and a hint, and nothing written anywhere — not in the
 * target, not in backup_dir (no new snapshot), no staging file — proven by comparing full tree listings.
 */
class RestoreRefusalTest {
    @TempDir
    Path tmp;

    private RestoreFixture fx;
    private Map<String, String> before;

    private void setUp() throws IOException {
        fx = new RestoreFixture(tmp);
        // A file the restore would replace, so an unsafe run would also have to write a backup snapshot.
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "current", 1_600_000_000L);
        Files.createDirectories(fx.cloud);
    }

    private void snapshotTaken() throws IOException {
        before = fx.everything();
    }

    private Result refused(String expectedMessagePart, String... args) throws IOException {
        for (String target : new String[] {"local", "cloud"}) {
            String[] all = Arrays.copyOf(args, args.length + 3);
            all[args.length] = "--apply";
            all[args.length + 1] = "--target";
            all[args.length + 2] = target;
            Result r = fx.restore(all);
            assertEquals(4, r.code(), r.toString());
            assertTrue(r.err().contains(expectedMessagePart), "expected '" + expectedMessagePart + "' in " + r);
            assertTrue(r.err().contains("fix: "), r.toString());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
            assertEquals(before, fx.everything(), "nothing may be written when restore refuses");
            assertFalse(Files.exists(tmp.resolve("evil.txt")) || Files.exists(tmp.resolve("ws/evil.txt"))
                    || Files.exists(Path.of("/abs.txt")), "nothing escaped");
        }
        return fx.restore(args);
    }

    private Path maliciousZip(String entryName) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("sessions/a.txt", "fine".getBytes(StandardCharsets.UTF_8));
        entries.put(entryName, "evil".getBytes(StandardCharsets.UTF_8));
        return RestoreFixture.rawZip(fx.backups.resolve("evil-20260101T000000Z.zip"), entries, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "/abs.txt", "..\\evil.txt", "sessions/../../evil.txt", "C:\\x.txt",
            "C:/x.txt", "sessions\\..\\..\\evil.txt", "sessions/./a.txt", "sessions//a.txt", "../../../../../../tmp/evil.txt"})
    void zipSlipAndAbsoluteEntriesAreRefusedBeforeAnythingIsWritten(String entryName) throws IOException {
        setUp();
        maliciousZip(entryName);
        snapshotTaken();
        refused("holds an entry that would land outside the target", "--from", "evil-20260101T000000Z.zip");
    }

    @Test
    void manifestPathThatEscapesIsRefused() throws IOException {
        setUp();
        Path dir = fx.folderSnapshot("laptop-20260101T000000Z", 1_000, new F("sessions/a.txt", "x", "local"));
        String manifest = Files.readString(dir.resolve(".codexsync-snapshot.json"))
                .replace("\"path\": \"sessions/a.txt\"", "\"path\": \"../../evil.txt\"");
        Files.writeString(dir.resolve(".codexsync-snapshot.json"), manifest);
        snapshotTaken();
        refused("would land outside the target: '../../evil.txt'", "--from", "laptop-20260101T000000Z");
    }

    @Test
    void truncatedZipIsRefused() throws IOException {
        setUp();
        Path zip = fx.zipSnapshot("laptop-20260101T000000Z.zip", 1_000, F.legacy("sessions/a.txt", "x".repeat(5000)),
                F.legacy("sessions/b.txt", "y".repeat(5000)));
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(bytes, bytes.length / 2));
        snapshotTaken();
        refused("is damaged or not a codexsync snapshot", "--from", "laptop-20260101T000000Z");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void corruptEntryDataIsRefusedEvenWhenAnEarlierEntryIsFine(boolean stored) throws IOException {
        setUp();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("sessions/a.txt", "the good first entry".getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[4000];
        new java.util.Random(42).nextBytes(noise); // incompressible, so the flipped bytes are entry data either way
        entries.put("sessions/b.txt", noise);
        Path zip = RestoreFixture.rawZip(fx.backups.resolve("laptop-20260101T000000Z.zip"), entries, stored);
        byte[] bytes = Files.readAllBytes(zip);
        int at = indexOf(bytes, "sessions/b.txt".getBytes(StandardCharsets.UTF_8)) + 14 + 400; // past the header's extra fields, inside b's data
        bytes[at] ^= 0x5A;
        bytes[at + 1] ^= 0x33;
        Files.write(zip, bytes);
        snapshotTaken();
        refused("is damaged or not a codexsync snapshot", "--from", "laptop-20260101T000000Z.zip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../outside.zip", "/etc", "a/b", "a\\b", "~", ".", ".staging-snapshot"})
    void fromOutsideBackupDirIsRefused(String name) throws IOException {
        setUp();
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        RestoreFixture.rawZip(tmp.resolve("ws/outside.zip"), Map.of("sessions/a.txt", new byte[] {1}), false);
        fx.folderSnapshot(".staging-snapshot", 2_000, F.legacy("sessions/a.txt", "half-written"));
        snapshotTaken();
        refused("not a path", "--from", name);
    }

    @Test
    void symlinkPointingOutOfBackupDirIsRefused() throws IOException {
        setUp();
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        Path outside = tmp.resolve("elsewhere/snap");
        RestoreFixture.write(outside.resolve("sessions/a.txt"), "planted", 1_000L);
        Files.createSymbolicLink(fx.backups.resolve("planted-20260101T000000Z"), outside);
        snapshotTaken();
        refused("points outside the backup folder", "--from", "planted-20260101T000000Z");
        // Nor does a bare restore pick the link as "newest".
        Files.setLastModifiedTime(outside, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        Result r = fx.restore();
        assertTrue(r.out().contains("snapshot=laptop-20260101T000000Z"), r.toString());
    }

    @Test
    void symlinkInsideAFolderSnapshotIsRefused() throws IOException {
        setUp();
        Path dir = fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        Files.createSymbolicLink(dir.resolve("sessions/link.txt"), Path.of("/etc/hostname"));
        snapshotTaken();
        refused("is a link or special file", "--from", "laptop-20260101T000000Z");
    }

    @Test
    void emptyOrMissingBackupDirIsRefused() throws IOException {
        setUp();
        snapshotTaken();
        refused("No backup snapshots found in: " + fx.backups);
        // --from names what was asked for, as 0.1.1 did, even when the folder holds nothing at all.
        Result named = refused("Backup snapshot not found: laptop-20260101T000000Z", "--from",
                "laptop-20260101T000000Z");
        assertTrue(named.err().contains("no snapshot is stored in " + fx.backups), named.toString());
        Files.delete(fx.backups);
        snapshotTaken();
        refused("No backup snapshots found in: " + fx.backups);
    }

    @Test
    void unknownNameIsRefusedWithTheNearestNames() throws IOException {
        setUp();
        fx.folderSnapshot("laptop-20260101T000000Z", 1_000, F.legacy("sessions/a.txt", "x"));
        fx.zipSnapshot("laptop-20260102T000000Z.zip", 2_000, F.legacy("sessions/a.txt", "x"));
        fx.folderSnapshot("desk-20250101T000000Z", 3_000, F.legacy("sessions/a.txt", "x"));
        snapshotTaken();
        Result r = refused("Backup snapshot not found: laptop-2026010T000000Z", "--from", "laptop-2026010T000000Z");
        assertTrue(r.err().contains("did you mean laptop-2026010"), r.toString());
        assertTrue(r.err().contains("laptop-20260101T000000Z") && r.err().contains("laptop-20260102T000000Z.zip"),
                r.toString());
    }

    @Test
    void manifestListingAMissingEntryIsRefused() throws IOException {
        setUp();
        Path dir = fx.folderSnapshot("laptop-20260101T000000Z", 1_000, new F("sessions/a.txt", "x", "local"));
        Files.delete(dir.resolve("sessions/a.txt"));
        snapshotTaken();
        refused("which is not in the snapshot", "--from", "laptop-20260101T000000Z");
    }

    @Test
    void tamperedContentAgainstManifestHashIsRefused() throws IOException {
        setUp();
        Path dir = fx.folderSnapshot("laptop-20260101T000000Z", 1_000, new F("sessions/a.txt", "x", "local"));
        Files.writeString(dir.resolve("sessions/a.txt"), "y");
        snapshotTaken();
        refused("does not match the hash its manifest recorded", "--from", "laptop-20260101T000000Z");
    }

    @Test
    void dryRunRefusesTheSameWay() throws IOException {
        setUp();
        maliciousZip("../evil.txt");
        snapshotTaken();
        Result r = fx.restore("--dry-run", "--from", "evil-20260101T000000Z");
        assertEquals(4, r.code(), r.toString());
        assertEquals(before, fx.everything());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("not found");
    }
}
