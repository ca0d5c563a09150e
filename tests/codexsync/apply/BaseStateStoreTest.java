// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.BaseStateStore;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The base-state file (D11) through {@link BaseStateStore}, with real files. */
class BaseStateStoreTest {
    static final String SHA = "a".repeat(64);
    final BaseStateStore store = new BaseStateStore();

    @TempDir
    Path dir;

    @Test
    void missingFileIsNeverSynchronisedAndReadingWritesNothing() throws Exception {
        Path file = dir.resolve("state/manifest.json");
        BaseState s = store.load(file, "machine-a");
        assertTrue(s.files().isEmpty());
        assertEquals("machine-a", s.machineId());
        assertFalse(Files.exists(dir.resolve("state")));
    }

    @Test
    void roundTripKeepsEveryField() {
        Path file = dir.resolve("state/manifest.json");
        BaseState s = new BaseState("machine-a", Map.of(
                "sessions/a.jsonl", new BaseEntry(new Fingerprint(10, 123_456_789_012L, SHA), new Fingerprint(10, 5, null)),
                "skills/only-local.md", new BaseEntry(new Fingerprint(1, 2, null), null),
                "skills/only-cloud.md", new BaseEntry(null, new Fingerprint(3, 4, null))));
        store.save(file, s);
        assertEquals(s.files(), store.load(file, "machine-a").files());
    }

    @Test
    void saveKeepsOtherMachinesEntriesAndOnlyReadsItsOwn() throws Exception {
        Path file = dir.resolve("manifest.json");
        store.save(file, new BaseState("machine-a", Map.of("a", new BaseEntry(new Fingerprint(1, 1, null), null))));
        store.save(file, new BaseState("machine-b", Map.of("b", new BaseEntry(null, new Fingerprint(2, 2, null)))));
        assertEquals(Map.of("a", new BaseEntry(new Fingerprint(1, 1, null), null)),
                store.load(file, "machine-a").files());
        assertEquals(Map.of("b", new BaseEntry(null, new Fingerprint(2, 2, null))),
                store.load(file, "machine-b").files());
        assertTrue(store.load(file, "machine-c").files().isEmpty());
        Map<String, Object> doc = Json.parseObject(Files.readString(file));
        assertEquals(1L, doc.get("data_version"));
        assertEquals(java.util.Set.of("machine-a", "machine-b"), ((Map<?, ?>) doc.get("machines")).keySet());
    }

    @Test
    void writesTheAgreedFormat() throws Exception {
        Path file = dir.resolve("manifest.json");
        store.save(file, new BaseState("m", Map.of("p", new BaseEntry(new Fingerprint(7, 8, SHA), null))));
        Map<String, Object> doc = Json.parseObject(Files.readString(file));
        Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) doc.get("machines")).get("m"))
                .get("files")).get("p");
        assertEquals(Map.of("size", 7L, "mtime_ns", 8L, "sha256", SHA), entry.get("local"));
        assertTrue(entry.containsKey("cloud"));
        assertNull(entry.get("cloud"));
    }

    @Test
    void legacyManifestWithoutMachinesIsNeverSynchronised() throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "{\"data_version\": 1, \"files\": {\"a\": {\"local\": {\"mtime_ns\": 1, \"size\": 1},"
                + " \"cloud\": {\"mtime_ns\": 1, \"size\": 1}}}}");
        assertTrue(store.load(file, "machine-a").files().isEmpty());
    }

    @Test
    void malformedEntryReadsAsNeverSyncedForThatPathOnly() throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "{\"data_version\": 1, \"machines\": {\"m\": {\"files\": {"
                + "\"good\": {\"local\": {\"size\": 1, \"mtime_ns\": 2, \"sha256\": null}, \"cloud\": null},"
                + "\"bad-size\": {\"local\": {\"size\": \"one\", \"mtime_ns\": 2}, \"cloud\": null},"
                + "\"not-object\": 5,"
                + "\"no-sides\": {\"local\": null, \"cloud\": null},"
                + "\"bad-hash\": {\"local\": {\"size\": 1, \"mtime_ns\": 2, \"sha256\": \"xyz\"}, \"cloud\": null}"
                + "}}}}");
        assertEquals(java.util.Set.of("good"), store.load(file, "m").files().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1, 2]", "{\"data_version\": 1, \"machines\": 5}",
            "{\"data_version\": 1, \"machines\": {\"m\": {\"nofiles\": 1}}}"})
    void brokenFileIsExit4NamingTheFileAndHowToReset(String text) throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.load(file, "m"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.hint().contains("move the file aside"), e.hint());
        assertTrue(e.hint().contains("first sync"), e.hint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"data_version\": 2, \"machines\": {}}", "{\"machines\": {}}"})
    void otherDataVersionIsExit4(String text) throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.load(file, "m"));
        assertTrue(e.getMessage().contains("data_version"), e.getMessage());
    }

    @Test
    void saveRefusesToReplaceAFileItCannotRead() throws Exception {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, "garbage");
        assertThrows(InvalidInputException.class, () -> store.save(file, BaseState.empty("m")));
        assertEquals("garbage", Files.readString(file));
    }
}
