// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.MachineState;
import codexsync.fs.FileHasher;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handoff record (what a machine left in the cloud) and the check another machine runs against it, on real files. */
class HandoffCheckTest {
    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path cloud;

    static Fingerprint entry(String content, long epochSeconds) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new Fingerprint(b.length, TimeUnit.SECONDS.toNanos(epochSeconds), FileHasher.sha256(b));
    }

    static MachineState machine(String id, Map<String, Fingerprint> files, Map<String, Fingerprint> deleted) {
        return new MachineState(id, id + "-host", AT, BaseState.empty(id), files, deleted, null);
    }

    HandoffCheck.Arrival checkA(MachineState a, MachineState... more) throws Exception {
        List<MachineState> others = new java.util.ArrayList<>(List.of(a));
        others.addAll(List.of(more));
        List<HandoffCheck.Arrival> r = HandoffCheck.check(MachineState.empty("b"), others, cloud);
        return r.stream().filter(x -> x.machineId().equals("a")).findFirst().orElseThrow();
    }

    @Test
    void everyRecordedFilePresentIsComplete() throws Exception {
        write(cloud, "history.jsonl", "h1\n", T0);
        write(cloud, "sessions/s.jsonl", "s1\n", T0);
        MachineState a = machine("a", Map.of("history.jsonl", entry("h1\n", T0), "sessions/s.jsonl", entry("s1\n", T0)),
                Map.of());
        HandoffCheck.Arrival r = checkA(a);
        assertEquals(2, r.total());
        assertEquals(0, r.pending());
        assertTrue(r.complete());
    }

    @Test
    void missingOrOlderCopiesAreStillArriving() throws Exception {
        write(cloud, "history.jsonl", "h0\n", T0 - 60); // the copy before a's push: older, other hash
        MachineState a = machine("a", Map.of("history.jsonl", entry("h1 longer\n", T0),
                "sessions/new.jsonl", entry("s\n", T0)), Map.of());
        HandoffCheck.Arrival r = checkA(a);
        assertEquals(2, r.pending());
        assertEquals(List.of("history.jsonl", "sessions/new.jsonl"), r.examples());
        assertEquals("2 of 2 files from a have not arrived yet (its sync of 2026-12-01T10:00:00Z; e.g. history.jsonl, "
                + "sessions/new.jsonl)", HandoffWait.message(r));
    }

    @Test
    void aNewerFileIsAChangeSinceTheRecordNotAnError() throws Exception {
        write(cloud, "history.jsonl", "changed by a third machine\n", T0 + 60);
        HandoffCheck.Arrival r = checkA(machine("a", Map.of("history.jsonl", entry("h1\n", T0)), Map.of()));
        assertTrue(r.complete());
    }

    @Test
    void sameBytesWithAnotherMtimeHaveArrived() throws Exception {
        write(cloud, "history.jsonl", "h1\n", T0 - 1); // a client that rounds or resets mtimes
        assertTrue(checkA(machine("a", Map.of("history.jsonl", entry("h1\n", T0)), Map.of())).complete());
    }

    @Test
    void aClientThatRoundsEveryMtimeHasEveryFileHashedAndOnlyOtherBytesArePending() throws Exception {
        Map<String, Fingerprint> recorded = new java.util.HashMap<>();
        for (int i = 0; i < 15; i++) {
            String rel = "sessions/r" + (char) ('a' + i) + ".jsonl";
            recorded.put(rel, entry("line " + i + "\n", T0));
            // Every copy looks older than its record; r-b and r-k hold other bytes of the same size.
            write(cloud, rel, i == 1 || i == 10 ? "LINE " + i + "\n" : "line " + i + "\n", T0 - 1);
        }
        HandoffCheck.Arrival r = checkA(machine("a", recorded, Map.of()));
        assertEquals(15, r.total());
        assertEquals(2, r.pending());
        assertEquals(List.of("sessions/rb.jsonl", "sessions/rk.jsonl"), r.examples(), "in path order");
    }

    @Test
    void aMissingFileIsADeletionOnlyWhenAnotherMachineAgreedThatVersionIsGone() throws Exception {
        MachineState a = machine("a", Map.of("old.md", entry("v1\n", T0)), Map.of());
        assertEquals(1, checkA(a).pending());
        MachineState cDeletedAnotherVersion = machine("c", Map.of(), Map.of("old.md", entry("v0\n", T0 - 9)));
        assertEquals(1, checkA(a, cDeletedAnotherVersion).pending());
        MachineState cDeletedIt = machine("c", Map.of(), Map.of("old.md", entry("v1\n", T0)));
        assertTrue(checkA(a, cDeletedIt).complete());
        // a's own tombstone does not excuse its own record
        MachineState aSelf = machine("a", Map.of("old.md", entry("v1\n", T0)), Map.of("old.md", entry("v1\n", T0)));
        assertEquals(1, checkA(aSelf).pending());
    }

    @Test
    void aMachineWithoutARecordIsNotChecked() throws Exception {
        MachineState migrated = new MachineState("a", null, null, BaseState.empty("a"), Map.of(), Map.of(), null);
        assertEquals(List.of(), HandoffCheck.check(MachineState.empty("b"), List.of(migrated), cloud));
    }

    @Test
    void recorderHashesCloudFilesReusesUnchangedHashesAndKeepsTombstonesOthersStillNeed() throws Exception {
        Path f = write(cloud, "a.md", "a\n", T0);
        write(cloud, "b.md", "b\n", T0);
        long ns = TimeUnit.SECONDS.toNanos(T0);
        BaseState base = new BaseState("m", Map.of(
                "a.md", new BaseEntry(new Fingerprint(2, ns, null), new Fingerprint(2, ns, null)),
                "b.md", new BaseEntry(new Fingerprint(2, ns, null), new Fingerprint(2, ns, null)),
                "local-only.md", new BaseEntry(new Fingerprint(1, ns, null), null)));
        Fingerprint stale = new Fingerprint(2, ns, "c".repeat(64)); // a cached hash for unchanged size and mtime
        MachineState previous = new MachineState("m", "h", AT, BaseState.empty("m"),
                Map.of("b.md", stale, "gone.md", entry("g\n", T0), "gone-everywhere.md", entry("x\n", T0)), Map.of(),
                null);
        MachineState other = machine("o", Map.of("gone.md", entry("g\n", T0)), Map.of());
        MachineState next = HandoffRecorder.next(previous, base, cloud, "h", AT.plusSeconds(5), List.of(other));
        assertEquals(java.util.Set.of("a.md", "b.md"), next.handoff().keySet(), "only files in the cloud");
        assertEquals(FileHasher.sha256(f), next.handoff().get("a.md").sha256());
        assertEquals(stale, next.handoff().get("b.md"), "an unchanged file is not read again");
        assertEquals(java.util.Set.of("gone.md"), next.tombstones().keySet(),
                "a tombstone only while another machine still lists that version");
        assertEquals(AT.plusSeconds(5), next.finishedAt());
    }

    @Test
    void recorderReusesThePlansHashesAndHashesTheRestTogether() throws Exception {
        long ns = TimeUnit.SECONDS.toNanos(T0);
        Map<String, BaseEntry> files = new java.util.HashMap<>();
        for (int i = 0; i < 12; i++) {
            String content = "file " + i + "\n".repeat(i);
            write(cloud, "f" + i + ".md", content, T0);
            long size = content.getBytes(StandardCharsets.UTF_8).length;
            files.put("f" + i + ".md", new BaseEntry(new Fingerprint(size, ns, null), new Fingerprint(size, ns, null)));
        }
        String fromPlan = "d".repeat(64); // not f0.md's real hash: recording it proves the file was not read again
        codexsync.scan.ContentHashes plan = new codexsync.scan.ContentHashes() {
            @Override
            public String local(String path) {
                throw new AssertionError("the recorder never asks for local hashes");
            }

            @Override
            public String cloud(String path) {
                throw new AssertionError("the recorder never makes the plan read a file");
            }

            @Override
            public String cloudIfHashed(String path) {
                return path.equals("f0.md") ? fromPlan : null;
            }
        };
        MachineState next = HandoffRecorder.next(MachineState.empty("m"), new BaseState("m", files), cloud, "h",
                AT, List.of(), plan);
        assertEquals(fromPlan, next.handoff().get("f0.md").sha256());
        for (int i = 1; i < 12; i++) {
            assertEquals(FileHasher.sha256(cloud.resolve("f" + i + ".md")), next.handoff().get("f" + i + ".md").sha256());
        }
        assertEquals(12, next.handoff().size());
    }

    @Test
    void aRunThatKeptItsBaseStateKeepsItsRecordItselfAndAnyDifferenceRebuildsIt() throws Exception {
        Path a = write(cloud, "a.md", "a\n", T0);
        long ns = TimeUnit.SECONDS.toNanos(T0);
        String sha = FileHasher.sha256(a);
        BaseState base = new BaseState("m", Map.of(
                "a.md", new BaseEntry(new Fingerprint(2, ns, sha), new Fingerprint(2, ns, sha)),
                "local-only.md", new BaseEntry(new Fingerprint(1, ns, null), null)));
        Map<String, Fingerprint> record = Map.of("a.md", new Fingerprint(2, ns, sha));
        MachineState previous = new MachineState("m", "h", AT, base, record, Map.of(), null);
        MachineState next = HandoffRecorder.next(previous, previous.base(), cloud, "h", AT.plusSeconds(5), List.of());
        assertSame(record, next.handoff(), "the same base state: the record is kept, not built again");

        // The previous record lacks nothing but lists a file no longer in the base: built again, with a tombstone
        // dropped because no other machine lists it.
        MachineState withExtra = new MachineState("m", "h", AT, base,
                Map.of("a.md", new Fingerprint(2, ns, sha), "old.md", entry("o\n", T0)), Map.of(), null);
        MachineState rebuilt = HandoffRecorder.next(withExtra, withExtra.base(), cloud, "h", AT, List.of());
        assertEquals(java.util.Set.of("a.md"), rebuilt.handoff().keySet());

        // A different version in the previous record than the base's: built again from the base.
        MachineState stale = new MachineState("m", "h", AT, base, Map.of("a.md", new Fingerprint(2, ns + 1, sha)),
                Map.of(), null);
        MachineState fixed = HandoffRecorder.next(stale, stale.base(), cloud, "h", AT, List.of());
        assertEquals(new Fingerprint(2, ns, sha), fixed.handoff().get("a.md"));
    }
}
