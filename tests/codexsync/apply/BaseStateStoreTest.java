// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.BaseStateStore;
import codexsync.apply.MachineState;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-machine state files (D27) and the one-time read of the old single manifest, with real files. */
class BaseStateStoreTest {
    static final String SHA = "a".repeat(64);
    static final String SHB = "b".repeat(64);
    final BaseStateStore store = new BaseStateStore();

    @TempDir
    Path dir;

    Path manifest() {
        return dir.resolve("state/manifest.json");
    }

    Path own(String id) {
        return dir.resolve("state/machines/" + id + ".json");
    }

    @Test
    void missingFileIsNeverSynchronisedAndReadingWritesNothing() throws Exception {
        BaseState s = store.load(manifest(), "machine-a");
        assertTrue(s.files().isEmpty());
        assertEquals("machine-a", s.machineId());
        assertFalse(Files.exists(dir.resolve("state")));
    }

    @Test
    void roundTripKeepsEveryFieldIncludingTheHandoffRecord() {
        BaseState s = new BaseState("machine-a", Map.of(
                "sessions/a.jsonl", new BaseEntry(new Fingerprint(10, 123_456_789_012L, SHA), new Fingerprint(10, 5, null)),
                "skills/only-local.md", new BaseEntry(new Fingerprint(1, 2, null), null),
                "skills/only-cloud.md", new BaseEntry(null, new Fingerprint(3, 4, null))));
        Instant at = Instant.parse("2026-12-01T10:00:00.123Z");
        MachineState state = new MachineState("machine-a", "host-a", at, s,
                Map.of("sessions/a.jsonl", new Fingerprint(10, 5, SHA)), Map.of("gone.md", new Fingerprint(2, 3, SHB)),
                null);
        store.save(manifest(), state, null);
        MachineState back = store.loadState(manifest(), "machine-a");
        assertEquals(s.files(), back.base().files());
        assertEquals("host-a", back.hostName());
        assertEquals(at, back.finishedAt());
        assertEquals(state.handoff(), back.handoff());
        assertEquals(state.tombstones(), back.tombstones());
        assertEquals(own("machine-a"), back.source());
        assertFalse(Files.exists(manifest()), "the shared single manifest is never written");
    }

    @Test
    void eachMachineWritesOnlyItsOwnFileAndSeesTheOthers() throws Exception {
        store.save(manifest(), new BaseState("machine-a", Map.of("a", new BaseEntry(new Fingerprint(1, 1, null), null))));
        String aBefore = Files.readString(own("machine-a"));
        store.save(manifest(), new BaseState("machine-b", Map.of("b", new BaseEntry(null, new Fingerprint(2, 2, null)))));
        assertEquals(aBefore, Files.readString(own("machine-a")), "b's save leaves a's file byte for byte");
        assertEquals(Map.of("a", new BaseEntry(new Fingerprint(1, 1, null), null)),
                store.load(manifest(), "machine-a").files());
        assertEquals(Map.of("b", new BaseEntry(null, new Fingerprint(2, 2, null))),
                store.load(manifest(), "machine-b").files());
        assertTrue(store.load(manifest(), "machine-c").files().isEmpty());
        BaseStateStore.Others others = store.others(manifest(), "machine-c");
        assertEquals(List.of("machine-a", "machine-b"), others.states().stream().map(MachineState::machineId).toList());
        assertEquals(List.of(), others.warnings());
        assertEquals(List.of("machine-b"),
                store.others(manifest(), "machine-a").states().stream().map(MachineState::machineId).toList());
    }

    @Test
    void writesTheAgreedFormat() throws Exception {
        store.save(manifest(), new BaseState("m", Map.of("p", new BaseEntry(new Fingerprint(7, 8, SHA), null))));
        Map<String, Object> doc = Json.parseObject(Files.readString(own("m")));
        assertEquals(2L, doc.get("data_version"));
        assertEquals("m", doc.get("machine_id"));
        Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) doc.get("files")).get("p");
        assertEquals(Map.of("size", 7L, "mtime_ns", 8L, "sha256", SHA), entry.get("local"));
        assertTrue(entry.containsKey("cloud"));
        assertNull(entry.get("cloud"));
        assertTrue(doc.get("handoff") instanceof Map<?, ?>);
    }

    @Test
    void unknownTopLevelKeysOfTheOwnFileSurviveASave() throws Exception {
        store.save(manifest(), BaseState.empty("m"));
        Map<String, Object> doc = new java.util.LinkedHashMap<>(Json.parseObject(Files.readString(own("m"))));
        doc.put("installation_id", "abc");
        Files.writeString(own("m"), Json.write(doc));
        store.save(manifest(), BaseState.empty("m"));
        assertEquals("abc", Json.parseObject(Files.readString(own("m"))).get("installation_id"));
    }

    @Test
    void theOldSingleManifestIsReadOnceAndNeverWritten() throws Exception {
        Files.createDirectories(manifest().getParent());
        String legacy = "{\"data_version\": 1, \"machines\": {"
                + "\"machine-a\": {\"files\": {\"a\": {\"local\": {\"size\": 1, \"mtime_ns\": 1}, \"cloud\": null}}},"
                + "\"machine-b\": {\"files\": {\"b\": {\"local\": null, \"cloud\": {\"size\": 2, \"mtime_ns\": 2}}}}}}";
        Files.writeString(manifest(), legacy);
        MachineState migrated = store.loadState(manifest(), "machine-a");
        assertEquals(java.util.Set.of("a"), migrated.base().files().keySet());
        assertEquals(manifest(), migrated.source());
        assertTrue(store.inspect(manifest(), "machine-a").migrated());
        store.save(manifest(), migrated.base());
        assertEquals(legacy, Files.readString(manifest()), "the old manifest is left as it was");
        assertTrue(Files.exists(own("machine-a")));
        // From now on machine-a reads only its own file: a change to the old manifest no longer matters.
        Files.writeString(manifest(), "garbage");
        assertEquals(java.util.Set.of("a"), store.load(manifest(), "machine-a").files().keySet());
        assertFalse(store.inspect(manifest(), "machine-a").migrated());
    }

    @Test
    void legacyManifestWithoutMachinesIsNeverSynchronised() throws Exception {
        Files.createDirectories(manifest().getParent());
        Files.writeString(manifest(), "{\"data_version\": 1, \"files\": {\"a\": {\"local\": {\"mtime_ns\": 1, \"size\": 1},"
                + " \"cloud\": {\"mtime_ns\": 1, \"size\": 1}}}}");
        assertTrue(store.load(manifest(), "machine-a").files().isEmpty());
    }

    @Test
    void malformedEntryReadsAsNeverSyncedForThatPathOnly() throws Exception {
        Files.createDirectories(own("m").getParent());
        Files.writeString(own("m"), "{\"data_version\": 2, \"machine_id\": \"m\", \"files\": {"
                + "\"good\": {\"local\": {\"size\": 1, \"mtime_ns\": 2, \"sha256\": null}, \"cloud\": null},"
                + "\"bad-size\": {\"local\": {\"size\": \"one\", \"mtime_ns\": 2}, \"cloud\": null},"
                + "\"not-object\": 5,"
                + "\"no-sides\": {\"local\": null, \"cloud\": null},"
                + "\"bad-hash\": {\"local\": {\"size\": 1, \"mtime_ns\": 2, \"sha256\": \"xyz\"}, \"cloud\": null}"
                + "}}");
        assertEquals(java.util.Set.of("good"), store.load(manifest(), "m").files().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1, 2]", "{\"data_version\": 2, \"files\": 5}",
            "{\"data_version\": 2, \"machine_id\": \"other\", \"files\": {}}",
            "{\"data_version\": 2, \"files\": {}, \"finished_at\": \"yesterday\"}"})
    void brokenOwnFileIsExit4NamingTheFileAndHowToReset(String text) throws Exception {
        Files.createDirectories(own("m").getParent());
        Files.writeString(own("m"), text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.load(manifest(), "m"));
        assertTrue(e.getMessage().contains(own("m").toString()), e.getMessage());
        assertTrue(e.hint().contains("move the file aside"), e.hint());
        assertTrue(e.hint().contains("first sync"), e.hint());
    }

    @Test
    void ownFileThatIsNotUtf8IsExit4SayingSoWhileReadAsAStream() throws Exception {
        Files.createDirectories(own("m").getParent());
        Files.write(own("m"), new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.load(manifest(), "m"));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        assertTrue(e.getMessage().contains(own("m").toString()), e.getMessage());
    }

    @Test
    void aLargeStateIsWrittenStreamedAsExactlyThePrettyJsonAndReadBack() throws Exception {
        Map<String, BaseEntry> files = new java.util.TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            files.put("sessions/2026/12/01/rollout-" + i + "-\u00e9.jsonl",
                    new BaseEntry(new Fingerprint(i, 1_000_000_000L * i, i % 2 == 0 ? SHA : null), null));
        }
        MachineState state = new MachineState("m", "host", Instant.parse("2026-12-01T10:00:00Z"),
                new BaseState("m", files), Map.of(), Map.of(), null);
        store.save(manifest(), state, null);
        String written = Files.readString(own("m"));
        assertEquals(Json.write(Json.parseObject(written)) + "\n", written, "same bytes as the one-String writer");
        assertEquals(files, store.load(manifest(), "m").files());
    }

    @Test
    void theStreamedFileIsTheTextTheDocumentBuiltAsMapsGave() throws Exception {
        // Paths that need escaping, a null side, a hash-less fingerprint, a handoff record with tombstones, and
        // top-level keys of the previous file this version does not know (kept after the known ones).
        Map<String, BaseEntry> files = new java.util.HashMap<>();
        files.put("skills/\"quoted\" \\ back\u2028line\tx.md", new BaseEntry(new Fingerprint(1, 2, SHA), null));
        files.put("sessions/\ud83d\ude00/r.jsonl", new BaseEntry(null, new Fingerprint(3, -4, null)));
        files.put("history.jsonl", new BaseEntry(new Fingerprint(5, 6, SHA), new Fingerprint(5, 6, SHA)));
        Map<String, Fingerprint> handoff = Map.of("history.jsonl", new Fingerprint(5, 6, SHA),
                "a<b>&.md", new Fingerprint(0, 0, SHA));
        Map<String, Fingerprint> tombstones = Map.of("gone.md", new Fingerprint(9, 10, SHA));
        store.save(manifest(), BaseState.empty("m"));
        Map<String, Object> previous = new java.util.LinkedHashMap<>(Json.parseObject(Files.readString(own("m"))));
        previous.put("host_name", "old-host");
        previous.put("future_key", Json.object("n", 1.5, "list", List.of(1L, "x"), "none", null));
        previous.put("installation_id", "old-installation");
        Files.writeString(own("m"), Json.write(previous));

        MachineState state = new MachineState("m", null, Instant.parse("2026-12-01T10:00:00.123456789Z"),
                new BaseState("m", files), handoff, tombstones, null);
        store.save(manifest(), state, "new-installation");

        Map<String, Object> expected = Json.object("data_version", 2, "machine_id", "m", "host_name", "old-host",
                "finished_at", "2026-12-01T10:00:00.123456789Z", "files", new java.util.TreeMap<>(Map.of(
                        "skills/\"quoted\" \\ back\u2028line\tx.md", Json.object("local", fingerprint(1, 2, SHA),
                                "cloud", null),
                        "sessions/\ud83d\ude00/r.jsonl", Json.object("local", null, "cloud", fingerprint(3, -4, null)),
                        "history.jsonl", Json.object("local", fingerprint(5, 6, SHA), "cloud", fingerprint(5, 6, SHA)))),
                "handoff", Json.object("files", new java.util.TreeMap<>(Map.of("history.jsonl", fingerprint(5, 6, SHA),
                                "a<b>&.md", fingerprint(0, 0, SHA))),
                        "deleted", new java.util.TreeMap<>(Map.of("gone.md", fingerprint(9, 10, SHA)))),
                "installation_id", "new-installation",
                "future_key", previous.get("future_key"));
        assertEquals(Json.write(expected) + "\n", Files.readString(own("m")));
        MachineState back = store.loadState(manifest(), "m");
        assertEquals(files, back.base().files());
        assertEquals(handoff, back.handoff());
        assertEquals(tombstones, back.tombstones());
    }

    @Test
    void aSaveThatWouldChangeOnlyTheFinishTimeLeavesTheFileAsItIs() throws Exception {
        Map<String, BaseEntry> files = Map.of("a", new BaseEntry(new Fingerprint(1, 2, SHA), new Fingerprint(1, 2, SHA)));
        Map<String, Fingerprint> handoff = Map.of("a", new Fingerprint(1, 2, SHA));
        store.save(manifest(), new MachineState("m", "h", Instant.parse("2026-12-01T10:00:00Z"),
                new BaseState("m", files), handoff, Map.of(), null), "installation-1");
        String before = Files.readString(own("m"));
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(own("m"));
        store.loadState(manifest(), "m"); // a run reads its state before it saves

        store.save(manifest(), new MachineState("m", "h", Instant.parse("2026-12-01T11:00:00Z"),
                new BaseState("m", new java.util.HashMap<>(files)), handoff, Map.of(), null), "installation-1");
        assertEquals(before, Files.readString(own("m")), "nothing but finished_at differed: not rewritten");
        assertEquals(mtime, Files.getLastModifiedTime(own("m")));

        store.save(manifest(), new MachineState("m", "h", Instant.parse("2026-12-01T12:00:00Z"),
                new BaseState("m", files), handoff, Map.of(), null), "installation-2");
        assertTrue(Files.readString(own("m")).contains("installation-2"), "another owner is written");
        store.loadState(manifest(), "m");
        Map<String, BaseEntry> changed = Map.of("a", new BaseEntry(new Fingerprint(1, 3, SHA), new Fingerprint(1, 2, SHA)));
        store.save(manifest(), new MachineState("m", "h", Instant.parse("2026-12-01T13:00:00Z"),
                new BaseState("m", changed), handoff, Map.of(), null), null);
        assertEquals(changed, store.load(manifest(), "m").files(), "a changed entry is written");
        assertEquals(Instant.parse("2026-12-01T13:00:00Z"), store.loadState(manifest(), "m").finishedAt());
    }

    @Test
    void aFileWithAMalformedEntryIsRewrittenWithoutItEvenWhenNothingElseChanged() throws Exception {
        Map<String, BaseEntry> files = Map.of("a", new BaseEntry(new Fingerprint(1, 2, SHA), null));
        store.save(manifest(), new MachineState("m", "h", null, new BaseState("m", files), Map.of(), Map.of(), null),
                null);
        Map<String, Object> doc = new java.util.LinkedHashMap<>(Json.parseObject(Files.readString(own("m"))));
        Map<String, Object> withBroken = new java.util.LinkedHashMap<>((Map<String, Object>) doc.get("files"));
        withBroken.put("broken", Json.object("local", "not a fingerprint", "cloud", null));
        doc.put("files", withBroken);
        Files.writeString(own("m"), Json.write(doc));
        MachineState read = store.loadState(manifest(), "m"); // warns: broken is skipped
        assertEquals(files, read.base().files());
        store.save(manifest(), read, null);
        assertFalse(Files.readString(own("m")).contains("broken"), "rewritten without the malformed entry");
    }

    @Test
    void aFingerprintRepeatedForLocalCloudAndHandoffIsReadAsOneObject() {
        Fingerprint same = new Fingerprint(5, 6, SHA);
        Fingerprint touched = new Fingerprint(5, 7, SHA);
        Map<String, BaseEntry> files = Map.of("a", new BaseEntry(same, same), "b", new BaseEntry(same, touched));
        store.save(manifest(), new MachineState("m", "h", null, new BaseState("m", files),
                Map.of("a", same, "b", new Fingerprint(5, 7, SHA)), Map.of(), null), null);
        MachineState back = store.loadState(manifest(), "m");
        BaseEntry a = back.base().files().get("a");
        BaseEntry b = back.base().files().get("b");
        assertEquals(files, back.base().files());
        assertSame(a.local(), a.cloud(), "equal sides: one object");
        assertSame(a.cloud(), back.handoff().get("a"), "the handoff entry equal to the cloud side: the same object");
        assertSame(b.local().sha256(), b.cloud().sha256(), "another mtime, the same content: one hash string");
        assertSame(b.cloud(), back.handoff().get("b"));
    }

    private static Map<String, Object> fingerprint(long size, long mtime, String sha) {
        return Json.object("size", size, "mtime_ns", mtime, "sha256", sha);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"data_version\": 1, \"machines\": 5}",
            "{\"data_version\": 1, \"machines\": {\"m\": {\"nofiles\": 1}}}"})
    void brokenOldManifestIsExit4WhileItIsStillRead(String text) throws Exception {
        Files.createDirectories(manifest().getParent());
        Files.writeString(manifest(), text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.load(manifest(), "m"));
        assertTrue(e.getMessage().contains(manifest().toString()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data_version\": 3, \"files\": {}}", "{\"files\": {}}",
            "{\"data_version\": 1, \"machines\": {}}"})
    void otherDataVersionIsExit4(String text) throws Exception {
        Files.createDirectories(own("m").getParent());
        Files.writeString(own("m"), text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.load(manifest(), "m"));
        assertTrue(e.getMessage().contains("data_version"), e.getMessage());
    }

    @Test
    void anotherMachinesUnreadableFileIsAWarningAndConflictCopiesAreNoMachines() throws Exception {
        store.save(manifest(), BaseState.empty("machine-b"));
        Files.writeString(own("machine-c"), "garbage");
        Files.writeString(dir.resolve("state/machines/machine-b.sync-conflict-20261201-100000-ABCDEFG.json"), "{}");
        Files.writeString(dir.resolve("state/machines/.machine-b.json.codexsync-0123456789ab.tmp"), "{}");
        BaseStateStore.Others others = store.others(manifest(), "machine-a");
        assertEquals(List.of("machine-b"), others.states().stream().map(MachineState::machineId).toList());
        assertEquals(1, others.warnings().size(), others.warnings().toString());
        assertTrue(others.warnings().get(0).contains("machine-c.json"), others.warnings().toString());
    }

    @Test
    void saveRefusesToReplaceAnOwnFileItCannotRead() throws Exception {
        Files.createDirectories(own("m").getParent());
        Files.writeString(own("m"), "garbage");
        assertThrows(InvalidInputException.class, () -> store.save(manifest(), BaseState.empty("m")));
        assertEquals("garbage", Files.readString(own("m")));
    }

    /**
     * A state file is parsed once per run and reused while it is unchanged - but any change, even one that keeps
     * its size and puts its mtime back (an editor, a restore with cp -p), is read anew: the file's change time
     * and identity are part of what "unchanged" means.
     */
    @Test
    void aReusedParseNeverHidesAChangeOfTheFile() throws Exception {
        store.save(manifest(), new BaseState("m", Map.of("a.md", new BaseEntry(new Fingerprint(1, 2, SHA), null))));
        assertEquals(SHA, store.load(manifest(), "m").files().get("a.md").local().sha256());
        assertEquals(SHA, store.load(manifest(), "m").files().get("a.md").local().sha256()); // reused

        Path file = own("m");
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(file);
        String text = Files.readString(file);
        Files.writeString(file, text.replace(SHA, SHB)); // same length, in place (same inode)
        Files.setLastModifiedTime(file, mtime);
        assertEquals(text.length(), Files.readString(file).length());
        assertEquals(SHB, store.load(manifest(), "m").files().get("a.md").local().sha256());

        // Its own save is seen at once too, and the installation id survives a save that reused the parse.
        store.save(manifest(), store.loadState(manifest(), "m"), "install-1");
        store.save(manifest(), new BaseState("m", Map.of()));
        assertTrue(store.load(manifest(), "m").files().isEmpty());
        assertEquals("install-1", store.owner(manifest(), "m").orElseThrow().installationId());
    }

    @Test
    void aHashThatIsNotSixtyFourHexDigitsMakesItsEntryNeverSynced() throws Exception {
        Files.createDirectories(own("m").getParent());
        String entry = "{\"local\": {\"size\": 1, \"mtime_ns\": 2, \"sha256\": \"%s\"}, \"cloud\": null}";
        Files.writeString(own("m"), "{\"data_version\": 2, \"machine_id\": \"m\", \"files\": {"
                + "\"ok.md\": " + entry.formatted("0123456789abcdefABCDEF" + "0".repeat(42)) + ", "
                + "\"short.md\": " + entry.formatted("a".repeat(63)) + ", "
                + "\"not-hex.md\": " + entry.formatted("g".repeat(64)) + "}}");
        assertEquals(List.of("ok.md"), List.copyOf(store.load(manifest(), "m").files().keySet()));
    }
}
