// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parsed state files kept between runs: used only for the exact bytes they were made from, written only by a writing
 * run, never trusted when damaged, and the answer is always what parsing the JSON gives.
 */
class StateParseCacheTest {
    static final String SHA = "a".repeat(64);
    final BaseStateStore store = new BaseStateStore();

    @TempDir
    Path dir;

    Path manifest() {
        return dir.resolve("workspace/state/manifest.json");
    }

    Path own() {
        return dir.resolve("workspace/state/machines/m.json");
    }

    Path cacheFolder() {
        return dir.resolve("installation/state-cache");
    }

    MachineState sample() {
        Map<String, BaseEntry> files = new HashMap<>();
        Map<String, Fingerprint> handoff = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            Fingerprint f = new Fingerprint(i, 1_000_000_000L * i, SHA);
            files.put("sessions/r-" + i + "-ü.jsonl", new BaseEntry(f, i % 3 == 0 ? new Fingerprint(i, 7, SHA) : f));
            handoff.put("sessions/r-" + i + "-ü.jsonl", f);
        }
        files.put("skills/no-hash.md", new BaseEntry(new Fingerprint(1, 2, null), null));
        return new MachineState("m", "host-1", Instant.parse("2026-12-01T10:00:00.5Z"), new BaseState("m", files),
                handoff, Map.of("gone.md", new Fingerprint(3, 4, SHA)), null);
    }

    /** The JSON parsed with no cache at all: what every cached answer must equal. */
    MachineState parsedWithoutCache() throws Exception {
        forgetInMemoryParse();
        return store.loadState(manifest(), "m");
    }

    /** A new mtime makes the in-memory parse of this process stale, as a new process would start without it. */
    void forgetInMemoryParse() throws Exception {
        Files.setLastModifiedTime(own(), FileTime.from(Files.getLastModifiedTime(own()).toInstant().plusSeconds(1)));
    }

    @Test
    void aWritingRunKeepsWhatItSavedAndTheNextRunReadsItWithoutParsing() throws Exception {
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            store.save(manifest(), sample(), "installation-1");
        }
        MachineState expected = parsedWithoutCache();
        forgetInMemoryParse();
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), false)) {
            MachineState kept = store.loadState(manifest(), "m");
            assertEquals(1, StateParseCache.current().used(), "answered from the kept parse");
            assertEquals(expected, kept);
            assertEquals("installation-1", store.owner(manifest(), "m").orElseThrow().installationId());
        }
    }

    @Test
    void aChangedFileIsParsedAgainEvenWithTheSameSizeAndMtime() throws Exception {
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            store.save(manifest(), sample(), null);
        }
        FileTime mtime = Files.getLastModifiedTime(own());
        String text = Files.readString(own());
        Files.writeString(own(), text.replace("\"size\": 7,", "\"size\": 8,"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(own(), mtime);
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), false)) {
            MachineState read = store.loadState(manifest(), "m");
            assertEquals(0, StateParseCache.current().used());
            assertEquals(8, read.base().files().get("sessions/r-7-ü.jsonl").local().size());
        }
    }

    @Test
    void aDamagedKeptParseIsIgnored() throws Exception {
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            store.save(manifest(), sample(), null);
            Path kept = StateParseCache.current().cacheFileOf(own());
            byte[] bytes = Files.readAllBytes(kept);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(kept, bytes);
        }
        MachineState expected = parsedWithoutCache();
        forgetInMemoryParse();
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), false)) {
            assertEquals(expected, store.loadState(manifest(), "m"));
            assertEquals(0, StateParseCache.current().used());
        }
    }

    /** Kept parses are not forced to disk: after a power cut one can be empty or cut short, and is then ignored. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 100, -8})
    void anEmptyOrCutShortKeptParseIsIgnored(int keep) throws Exception {
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            store.save(manifest(), sample(), null);
            Path kept = StateParseCache.current().cacheFileOf(own());
            byte[] bytes = Files.readAllBytes(kept);
            Files.write(kept, java.util.Arrays.copyOf(bytes, keep >= 0 ? keep : bytes.length + keep));
        }
        MachineState expected = parsedWithoutCache();
        forgetInMemoryParse();
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), false)) {
            assertEquals(expected, store.loadState(manifest(), "m"));
            assertEquals(0, StateParseCache.current().used());
        }
    }

    @Test
    void aPreviewReadsButNeverWrites() throws Exception {
        store.save(manifest(), sample(), null); // saved with no cache in use
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), false)) {
            store.loadState(manifest(), "m");
        }
        assertFalse(Files.exists(cacheFolder()), "a preview creates nothing");
        forgetInMemoryParse();
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            assertEquals(parsedWithoutCache(), store.loadState(manifest(), "m"));
            assertTrue(Files.isRegularFile(StateParseCache.current().cacheFileOf(own())), "a writing run keeps its parse");
        }
    }

    @Test
    void aParseMadeBeforeTheRunMayWriteIsKeptOnceItMay() throws Exception {
        store.save(manifest(), sample(), null);
        MachineState expected = parsedWithoutCache();
        forgetInMemoryParse();
        try (StateParseCache.Scope checks = StateParseCache.use(cacheFolder(), false)) {
            store.loadState(manifest(), "m"); // the run's read-only checks parse the file
            assertFalse(Files.exists(cacheFolder()));
            try (StateParseCache.Scope locked = StateParseCache.use(cacheFolder(), true)) {
                store.loadState(manifest(), "m"); // the same parse, now in a writing run
                assertTrue(Files.isRegularFile(StateParseCache.current().cacheFileOf(own())));
            }
        }
        forgetInMemoryParse();
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), false)) {
            assertEquals(expected, store.loadState(manifest(), "m"));
            assertEquals(1, StateParseCache.current().used());
        }
    }

    @Test
    void aParseThatSkippedMalformedEntriesIsNotKept() throws Exception {
        store.save(manifest(), sample(), null);
        Files.writeString(own(), Files.readString(own()).replace("\"size\": 7,", "\"size\": -7,"));
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            assertFalse(store.loadState(manifest(), "m").base().files().containsKey("sessions/r-7-ü.jsonl"));
            assertFalse(Files.exists(StateParseCache.current().cacheFileOf(own())), "parsed again next time, warned again");
        }
    }

    @Test
    void onlyTheMostRecentParsesAreKept() throws Exception {
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            for (int i = 0; i < StateParseCache.KEPT + 3; i++) {
                Path manifest = dir.resolve("w" + i + "/state/manifest.json");
                store.save(manifest, sample(), null);
                Files.setLastModifiedTime(StateParseCache.current().cacheFileOf(
                        dir.resolve("w" + i + "/state/machines/m.json")), FileTime.fromMillis(1_000_000L * (i + 1)));
            }
            try (Stream<Path> kept = Files.list(cacheFolder())) {
                assertEquals(StateParseCache.KEPT, kept.count());
            }
            assertFalse(Files.exists(StateParseCache.current().cacheFileOf(dir.resolve("w0/state/machines/m.json"))));
            assertTrue(Files.exists(StateParseCache.current().cacheFileOf(
                    dir.resolve("w" + (StateParseCache.KEPT + 2) + "/state/machines/m.json"))));
        }
    }

    @Test
    void aStagingFileLeftByAKilledRunIsRemovedOnceStaleButNotWhileAnotherRunMayBeWritingIt() throws Exception {
        Files.createDirectories(cacheFolder());
        Path stale = Files.writeString(cacheFolder().resolve(".0123.state-cache.codexsync-laptop-0123456789ab.tmp"),
                "torn");
        Path young = Files.writeString(cacheFolder().resolve(".4567.state-cache.codexsync-desk-ba9876543210.tmp"),
                "being written");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(StateParseCache.STALE_STAGING)
                .minusSeconds(60)));
        try (StateParseCache.Scope s = StateParseCache.use(cacheFolder(), true)) {
            store.save(manifest(), sample(), null);
        }
        assertFalse(Files.exists(stale), "a staging file older than a run is a killed run's leftover");
        assertTrue(Files.exists(young), "a young one may belong to a run writing it now");
        try (Stream<Path> files = Files.list(cacheFolder())) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".state-cache")).count(),
                    "the run kept its parse");
        }
    }
}
