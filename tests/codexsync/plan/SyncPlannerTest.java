// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import static codexsync.plan.PlanFixtures.base;
import static codexsync.plan.PlanFixtures.side;
import static codexsync.plan.PlanFixtures.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.ConflictOptions.Policy;
import codexsync.config.SyncOptions.Compare;
import codexsync.config.SyncOptions.DeletePolicy;
import codexsync.config.SyncOptions.Direction;
import codexsync.config.SyncOptions.EqualMtimeAction;
import codexsync.config.SyncOptions.SessionMode;
import codexsync.plan.PlanFixtures.BaseBuilder;
import codexsync.plan.PlanFixtures.CountingHashes;
import codexsync.plan.PlanFixtures.SideBuilder;
import codexsync.scan.ContentHashes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SyncPlannerTest {
    static final List<String> ROOTS = List.of("sessions", "skills", "session_index.jsonl");
    static final PlanOptions DEFAULTS = PlanOptions.defaults(ROOTS);

    static SyncPlan plan(PlanOptions o, SideBuilder local, SideBuilder cloud, BaseBuilder base) {
        return new SyncPlanner(o).plan(local.build(), cloud.build(), base.build(), ContentHashes.NONE, null);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The full matrix: local state x cloud state x base state, under delete_policy never and propagate.
    // ---------------------------------------------------------------------------------------------------------

    /** What one side holds relative to this machine's base state. */
    enum State { ABSENT, SAME_AS_BASE, CHANGED, NEW }

    /** What the base state recorded for the path. */
    enum Base { NONE, BOTH, LOCAL_ONLY, CLOUD_ONLY }

    static boolean recordsLocal(Base b) {
        return b == Base.BOTH || b == Base.LOCAL_ONLY;
    }

    static boolean recordsCloud(Base b) {
        return b == Base.BOTH || b == Base.CLOUD_ONLY;
    }

    /** SAME/CHANGED need a recorded fingerprint on that side; NEW needs its absence. ABSENT fits both. */
    static boolean meaningful(State s, boolean recorded) {
        return switch (s) {
            case ABSENT -> true;
            case SAME_AS_BASE, CHANGED -> recorded;
            case NEW -> !recorded;
        };
    }

    /**
     * The expected outcome, written as the rule table of docs/sync-algorithm.md (not by calling the planner).
     * Concrete files: base fingerprints are (10 bytes, t=100) on both sides; a changed local file is (11, t=300),
     * a changed cloud file (12, t=350); a new local file (11, t=200), a new cloud file (12, t=250). So two present
     * files always differ unless both are SAME_AS_BASE, and the cloud one is always the newer.
     */
    static String expected(State local, State cloud, Base base, DeletePolicy policy) {
        boolean l = local != State.ABSENT;
        boolean c = cloud != State.ABSENT;
        if (!l && !c) {
            return "nothing";
        }
        if (l && c) {
            if (local == State.SAME_AS_BASE && cloud == State.SAME_AS_BASE) {
                return "nothing"; // identical files
            }
            if (base == Base.NONE) {
                return "to_local"; // no history: the newer mtime (cloud) wins
            }
            boolean lc = local == State.CHANGED || local == State.NEW;
            boolean cc = cloud == State.CHANGED || cloud == State.NEW;
            if (lc && cc) {
                return "conflict"; // manual_abort
            }
            if (lc) {
                return "to_cloud";
            }
            if (cc) {
                return "to_local";
            }
            return "to_local"; // neither changed yet different: newer wins (unreachable with these fixtures)
        }
        State survivor = l ? local : cloud;
        boolean proof = policy == DeletePolicy.PROPAGATE && base == Base.BOTH;
        if (proof && survivor == State.SAME_AS_BASE) {
            return l ? "delete_local" : "delete_cloud";
        }
        if (proof && survivor == State.CHANGED) {
            return "conflict";
        }
        return l ? "to_cloud" : "to_local";
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (DeletePolicy policy : DeletePolicy.values()) {
            for (Base b : Base.values()) {
                for (State l : State.values()) {
                    for (State c : State.values()) {
                        if (meaningful(l, recordsLocal(b)) && meaningful(c, recordsCloud(b))) {
                            cells.add(Arguments.of(l, c, b, policy, expected(l, c, b, policy)));
                        }
                    }
                }
            }
        }
        return cells.stream();
    }

    @Test
    void matrixCoversEveryMeaningfulCell() {
        // 4 base states: NONE 2x2, BOTH 3x3, LOCAL_ONLY 3x2, CLOUD_ONLY 2x3 = 4+9+6+6 = 25 cells, per policy.
        assertEquals(50, matrix().count());
    }

    @ParameterizedTest(name = "local {0}, cloud {1}, base {2}, delete {3} -> {4}")
    @MethodSource("matrix")
    void everyCellOfTheMatrix(State local, State cloud, Base b, DeletePolicy policy, String expected) {
        SideBuilder l = side();
        SideBuilder c = side();
        BaseBuilder base = base();
        // Bystanders in the same root keep the mass-delete guard quiet (1 of 11 files is 9 %).
        for (int i = 0; i < 10; i++) {
            l.file("sessions/other" + i, 5, 50);
            c.file("sessions/other" + i, 5, 50);
            base.entry("sessions/other" + i, 5, 50, 5, 50);
        }
        String p = "sessions/x.jsonl";
        switch (local) {
            case SAME_AS_BASE -> l.file(p, 10, 100);
            case CHANGED -> l.file(p, 11, 300);
            case NEW -> l.file(p, 11, 200);
            default -> { }
        }
        switch (cloud) {
            case SAME_AS_BASE -> c.file(p, 10, 100);
            case CHANGED -> c.file(p, 12, 350);
            case NEW -> c.file(p, 12, 250);
            default -> { }
        }
        if (b != Base.NONE) {
            base.entry(p, recordsLocal(b) ? 10 : -1, 100, recordsCloud(b) ? 10 : -1, 100);
        }
        SyncPlan plan = plan(DEFAULTS.withDeletePolicy(policy), l, c, base);
        List<String> got = summary(plan);
        List<String> want = expected.equals("nothing") ? List.of() : List.of(expected + " " + p);
        assertEquals(want, got);
        assertNull(plan.safeAbortReason());
    }

    // ---------------------------------------------------------------------------------------------------------
    // The 0.1.1 test_planner.py scenarios
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void newerLocalWithoutBaseStateGoesToCloud() {
        SyncPlan p = plan(DEFAULTS, side().file("sessions/a", 10, 200), side().file("sessions/a", 10, 100), base());
        assertEquals(List.of("to_cloud sessions/a"), summary(p));
        assertTrue(p.actions().get(0).overwrites());
    }

    static Stream<Arguments> conflictPolicies() {
        return Stream.of(
                Arguments.of(Policy.MANUAL_ABORT, "conflict sessions/a", null),
                Arguments.of(Policy.PREFER_CLOUD, "to_local sessions/a", "conflict resolved by prefer_cloud"),
                Arguments.of(Policy.PREFER_LOCAL, "to_cloud sessions/a", "conflict resolved by prefer_local"),
                Arguments.of(Policy.PREFER_NEWER_MTIME, "to_local sessions/a", "conflict resolved by prefer_newer_mtime"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflictPolicies")
    void bothChangedFollowsConflictPolicy(Policy policy, String expected, String reason) {
        SyncPlan p = plan(DEFAULTS.withConflictPolicy(policy), side().file("sessions/a", 11, 300),
                side().file("sessions/a", 12, 350), base().entry("sessions/a", 10, 100, 10, 100));
        assertEquals(List.of(expected), summary(p));
        if (reason != null) {
            assertEquals(reason, p.actions().get(0).reason());
            assertTrue(p.actions().get(0).overwrites(), "the loser must be backed up");
        }
    }

    @Test
    void preferNewerMtimeTakesStrictlyNewerLocalAndCloudOnTies() {
        PlanOptions o = DEFAULTS.withConflictPolicy(Policy.PREFER_NEWER_MTIME);
        assertEquals(List.of("to_cloud sessions/a"), summary(plan(o, side().file("sessions/a", 11, 400),
                side().file("sessions/a", 12, 350), base().entry("sessions/a", 10, 100, 10, 100))));
        assertEquals(List.of("to_local sessions/a"), summary(plan(o, side().file("sessions/a", 11, 350),
                side().file("sessions/a", 12, 350), base().entry("sessions/a", 10, 100, 10, 100))));
    }

    @Test
    void onlyLocalChangedGoesToCloudWithoutConflict() {
        SyncPlan p = plan(DEFAULTS, side().file("sessions/a", 10, 150), side().file("sessions/a", 10, 100),
                base().entry("sessions/a", 10, 100, 10, 100));
        assertEquals(List.of("to_cloud sessions/a"), summary(p));
        assertEquals("local changed since last sync", p.actions().get(0).reason());
    }

    static Stream<Arguments> equalMtimeActions() {
        return Stream.of(
                // skip copies nothing, but the differing path is listed as skipped (and warned about, below).
                Arguments.of(EqualMtimeAction.SKIP, List.of("skipped sessions/a")),
                Arguments.of(EqualMtimeAction.PREFER_LOCAL, List.of("to_cloud sessions/a")),
                Arguments.of(EqualMtimeAction.PREFER_CLOUD, List.of("to_local sessions/a")),
                Arguments.of(EqualMtimeAction.MANUAL_ABORT, List.of("conflict sessions/a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equalMtimeActions")
    void equalMtimeDifferentSizeFollowsEqualMtimeAction(EqualMtimeAction action, List<String> expected) {
        SyncPlan p = plan(DEFAULTS.withEqualMtimeAction(action), side().file("sessions/a", 11, 100),
                side().file("sessions/a", 12, 100), base());
        assertEquals(expected, summary(p));
        List<String> equalWarnings = p.warnings().stream().filter(w -> w.contains("same modification time")).toList();
        if (action == EqualMtimeAction.SKIP) {
            assertEquals(List.of("sessions/a: both sides have the same modification time but differ; left alone "
                    + "(sync.equal_mtime_action = \"skip\"); set equal_mtime_action or touch the newer file to choose"),
                    equalWarnings);
        } else {
            assertEquals(List.of(), equalWarnings);
        }
    }

    @Test
    void equalMtimeSkipWithDifferentHashesIsSkippedAndWarned() {
        CountingHashes hashes = new CountingHashes().local("sessions/a", "A").cloud("sessions/a", "B");
        SyncPlan p = new SyncPlanner(DEFAULTS.withCompare(Compare.MTIME_HASH_FALLBACK)).plan(
                side().file("sessions/a", 1, 100).build(), side().file("sessions/a", 1, 100).build(),
                base().entry("sessions/a", 1, 100, 1, 100).build(), hashes, null);
        assertEquals(List.of("skipped sessions/a"), summary(p));
        assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("sessions/a: both sides have the same "
                + "modification time but differ")), p.warnings().toString());
    }

    @Test
    void equalMtimeSkipIdenticalFilesAreNeitherSkippedNorWarned() {
        CountingHashes hashes = new CountingHashes().local("sessions/a", "A").cloud("sessions/a", "A");
        SyncPlan p = new SyncPlanner(DEFAULTS.withCompare(Compare.MTIME_HASH_FALLBACK)).plan(
                side().file("sessions/a", 1, 100).build(), side().file("sessions/a", 1, 100).build(),
                base().build(), hashes, null);
        assertEquals(List.of(), summary(p));
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void manyEqualMtimeSkipsShareOneWarningNamingTheFirstFive() {
        SideBuilder l = side();
        SideBuilder c = side();
        for (int i = 0; i < 7; i++) {
            l.file("sessions/f" + i, 10, 100);
            c.file("sessions/f" + i, 11, 100);
        }
        SyncPlan p = plan(DEFAULTS, l, c, base());
        assertEquals(7, p.skipped().size());
        assertEquals(List.of(), p.actions());
        assertEquals(List.of("7 paths have the same modification time on both sides but differ (sessions/f0, "
                + "sessions/f1, sessions/f2, sessions/f3, sessions/f4 and 2 more); left alone "
                + "(sync.equal_mtime_action = \"skip\"); set equal_mtime_action or touch the newer file to choose"),
                p.warnings());
    }

    @ParameterizedTest(name = "conflict.policy {0}")
    @EnumSource(Policy.class)
    void equalMtimeManualAbortIsAConflictUnderEveryConflictPolicy(Policy policy) {
        // D12 (0.1.1 defect CS-295): the conflict must not vanish when conflict.policy is not manual_abort.
        SyncPlan p = plan(DEFAULTS.withEqualMtimeAction(EqualMtimeAction.MANUAL_ABORT).withConflictPolicy(policy),
                side().file("sessions/a", 11, 100), side().file("sessions/a", 12, 100), base());
        assertEquals(List.of("conflict sessions/a"), summary(p));
    }

    // ---------------------------------------------------------------------------------------------------------
    // compare = mtime vs mtime_hash_fallback: the hasher is asked only when it can change the answer
    // ---------------------------------------------------------------------------------------------------------

    static Stream<Arguments> compareModes() {
        return Stream.of(
                // compare, local size, cloud size, local content, cloud content, expected, hashes asked
                Arguments.of(Compare.MTIME, 1, 1, "A", "B", List.of(), 0),
                Arguments.of(Compare.MTIME_HASH_FALLBACK, 1, 1, "A", "B", List.of("conflict sessions/a"), 2),
                Arguments.of(Compare.MTIME_HASH_FALLBACK, 1, 1, "A", "A", List.of(), 2),
                Arguments.of(Compare.MTIME_HASH_FALLBACK, 1, 2, "A", "BB", List.of("conflict sessions/a"), 0));
    }

    @ParameterizedTest(name = "{0} sizes {1}/{2} content {3}/{4}")
    @MethodSource("compareModes")
    void compareModes(Compare compare, long localSize, long cloudSize, String lc, String cc, List<String> expected,
                      int asked) {
        CountingHashes hashes = new CountingHashes().local("sessions/a", lc).cloud("sessions/a", cc);
        PlanOptions o = DEFAULTS.withCompare(compare).withEqualMtimeAction(EqualMtimeAction.MANUAL_ABORT);
        SyncPlan p = new SyncPlanner(o).plan(side().file("sessions/a", localSize, 100).build(),
                side().file("sessions/a", cloudSize, 100).build(), base().build(), hashes, null);
        assertEquals(expected, summary(p));
        assertEquals(asked, hashes.asked.size(), "hashes asked: " + hashes.asked);
    }

    @Test
    void hashIsNotComputedWhenMtimesDifferBeyondTolerance() {
        CountingHashes hashes = new CountingHashes().local("sessions/a", "A").cloud("sessions/a", "B");
        SyncPlan p = new SyncPlanner(DEFAULTS.withCompare(Compare.MTIME_HASH_FALLBACK)).plan(
                side().file("sessions/a", 1, 100).build(), side().file("sessions/a", 1, 200).build(),
                base().build(), hashes, null);
        assertEquals(List.of("to_local sessions/a"), summary(p));
        assertEquals(List.of(), hashes.asked);
    }

    @Test
    void filesThatWillBeHashedAreAnnouncedTogetherAndNoOthers() {
        CountingHashes hashes = new CountingHashes().local("sessions/same", "A").cloud("sessions/same", "A")
                .local("sessions/differ", "A").cloud("sessions/differ", "B");
        SyncPlan p = new SyncPlanner(DEFAULTS.withCompare(Compare.MTIME_HASH_FALLBACK)
                .withEqualMtimeAction(EqualMtimeAction.PREFER_LOCAL)).plan(
                side().file("sessions/same", 1, 100).file("sessions/differ", 1, 100).file("sessions/size", 1, 100)
                        .file("sessions/newer", 1, 100).file("sessions/only-local", 1, 100)
                        .file("sessions/icloud", 1, 100).build(),
                side().file("sessions/same", 1, 100).file("sessions/differ", 1, 100).file("sessions/size", 2, 100)
                        .file("sessions/newer", 1, 900).placeholder("sessions/icloud").file("sessions/icloud", 1, 100)
                        .build(),
                base().build(), hashes, null);
        // One announcement (the real hasher reads them all at once, on every core) of exactly the files it asks about.
        assertEquals(List.of("sessions/differ", "sessions/same"), hashes.prefetched);
        assertEquals(List.of("local:sessions/differ", "cloud:sessions/differ", "local:sessions/same",
                "cloud:sessions/same"), hashes.asked);
        assertTrue(summary(p).contains("to_cloud sessions/differ"), summary(p).toString());

        CountingHashes none = new CountingHashes();
        new SyncPlanner(DEFAULTS).plan(side().file("sessions/same", 1, 100).build(),
                side().file("sessions/same", 1, 100).build(), base().build(), none, null);
        assertEquals(List.of(), none.prefetched, "compare = mtime reads no content");
    }

    @Test
    void computedHashBecomesTheExpectedHashOfTheCopy() {
        CountingHashes hashes = new CountingHashes().local("sessions/a", "A").cloud("sessions/a", "B");
        SyncPlan p = new SyncPlanner(DEFAULTS.withCompare(Compare.MTIME_HASH_FALLBACK)
                .withEqualMtimeAction(EqualMtimeAction.PREFER_LOCAL)).plan(side().file("sessions/a", 1, 100).build(),
                side().file("sessions/a", 1, 100).build(), base().build(), hashes, null);
        assertEquals(List.of("to_cloud sessions/a"), summary(p));
        assertEquals(codexsync.fs.FileHasher.sha256("A".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                p.actions().get(0).expectedSha256());
    }

    // ---------------------------------------------------------------------------------------------------------
    // time_tolerance_seconds
    // ---------------------------------------------------------------------------------------------------------

    static Stream<Arguments> tolerances() {
        long s = PlanFixtures.S;
        return Stream.of(
                Arguments.of(0L, 100 * s, 100 * s + s / 2, List.of("to_local sessions/a")),
                Arguments.of(1L, 100 * s, 100 * s + s / 2, List.of()),
                Arguments.of(1L, 100 * s, 101 * s, List.of()),
                Arguments.of(1L, 100 * s, 101 * s + 1, List.of("to_local sessions/a")),
                Arguments.of(2L, 103 * s, 100 * s, List.of("to_cloud sessions/a")));
    }

    @ParameterizedTest(name = "tolerance {0}s, local {1}ns, cloud {2}ns")
    @MethodSource("tolerances")
    void toleranceDecidesSameness(long tolerance, long localNs, long cloudNs, List<String> expected) {
        SyncPlan p = plan(DEFAULTS.withTolerance(tolerance), side().fileNs("sessions/a", 10, localNs),
                side().fileNs("sessions/a", 10, cloudNs), base());
        assertEquals(expected, summary(p));
    }

    @Test
    void toleranceAppliesToBaseStateChangeDetection() {
        // Local mtime moved by 1 s (e.g. a FAT/exFAT 2-second clock), cloud really changed: not a conflict.
        BaseBuilder b = base().entry("sessions/a", 10, 100, 10, 100);
        SyncPlan strict = plan(DEFAULTS, side().file("sessions/a", 10, 101), side().file("sessions/a", 12, 300), b);
        SyncPlan lenient = plan(DEFAULTS.withTolerance(2), side().file("sessions/a", 10, 101),
                side().file("sessions/a", 12, 300), b);
        assertEquals(List.of("conflict sessions/a"), summary(strict));
        assertEquals(List.of("to_local sessions/a"), summary(lenient));
    }

    // ---------------------------------------------------------------------------------------------------------
    // sync.direction (0.2 "Direction" scenarios)
    // ---------------------------------------------------------------------------------------------------------

    static Stream<Arguments> directions() {
        return Stream.of(
                Arguments.of(Direction.BIDIRECTIONAL, List.of("to_local sessions/b", "to_cloud sessions/a")),
                Arguments.of(Direction.TO_CLOUD, List.of("to_cloud sessions/a", "skipped sessions/b")),
                Arguments.of(Direction.TO_LOCAL, List.of("to_local sessions/b", "skipped sessions/a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("directions")
    void directionDropsActionsAgainstIt(Direction direction, List<String> expected) {
        SyncPlan p = plan(DEFAULTS.withDirection(direction),
                side().file("sessions/a", 10, 3000).file("sessions/b", 10, 1000),
                side().file("sessions/a", 10, 1000).file("sessions/b", 10, 3000), base());
        assertEquals(expected, summary(p));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void bothSidedChangeStaysAConflictInEveryDirection(Direction direction) {
        SyncPlan p = plan(DEFAULTS.withDirection(direction), side().file("sessions/a", 11, 300),
                side().file("sessions/a", 12, 350), base().entry("sessions/a", 10, 100, 10, 100));
        assertEquals(List.of("conflict sessions/a"), summary(p));
    }

    @Test
    void deletionTowardTheSkippedSideIsDropped() {
        SideBuilder local = side().file("sessions/a", 10, 100);
        SideBuilder cloud = side();
        BaseBuilder b = base().entry("sessions/a", 10, 100, 10, 100);
        for (int i = 0; i < 9; i++) {
            local.file("sessions/o" + i, 1, 1);
            cloud.file("sessions/o" + i, 1, 1);
            b.entry("sessions/o" + i, 1, 1, 1, 1);
        }
        SyncPlan p = plan(DEFAULTS.withDeletePolicy(DeletePolicy.PROPAGATE).withDirection(Direction.TO_CLOUD),
                local, cloud, b);
        assertEquals(List.of("skipped sessions/a"), summary(p));
    }

    // ---------------------------------------------------------------------------------------------------------
    // delete_policy = propagate and the mass-delete guard (0.2 "Deletes" scenarios)
    // ---------------------------------------------------------------------------------------------------------

    /** Ten agreed files under sessions/ on both sides plus base state; the tests then remove some. */
    static SideBuilder[] populated(BaseBuilder b, int files) {
        SideBuilder local = side();
        SideBuilder cloud = side();
        for (int i = 0; i < files; i++) {
            String p = "sessions/f" + i;
            local.file(p, 10, 100);
            cloud.file(p, 10, 100);
            b.entry(p, 10, 100, 10, 100);
        }
        local.file("skills/s.md", 1, 1);
        cloud.file("skills/s.md", 1, 1);
        b.entry("skills/s.md", 1, 1, 1, 1);
        return new SideBuilder[] {local, cloud};
    }

    @Test
    void singleDeletionInAPopulatedRootPropagates() {
        BaseBuilder b = base();
        SideBuilder[] s = populated(b, 10);
        s[0].file("sessions/gone", 10, 100);
        b.entry("sessions/gone", 10, 100, 10, 100);
        SyncPlan p = plan(DEFAULTS.withDeletePolicy(DeletePolicy.PROPAGATE), s[0], s[1], b);
        assertEquals(List.of("delete_local sessions/gone"), summary(p));
        assertEquals("deleted on cloud since last sync", p.actions().get(0).reason());
        assertTrue(p.actions().get(0).overwrites(), "a deleted file is backed up first");
        assertNull(p.safeAbortReason());
    }

    @Test
    void withoutBaseStateAMissingFileIsCopiedNotDeleted() {
        SyncPlan p = plan(DEFAULTS.withDeletePolicy(DeletePolicy.PROPAGATE), side().file("sessions/a", 1, 1), side(),
                base());
        assertEquals(List.of("to_cloud sessions/a"), summary(p));
    }

    @Test
    void guardTripsWhenTheCloudSideIsEmpty() {
        BaseBuilder b = base();
        SideBuilder[] s = populated(b, 10);
        SyncPlan p = plan(DEFAULTS.withDeletePolicy(DeletePolicy.PROPAGATE), s[0], side(), b);
        assertNotNull(p.safeAbortReason());
        assertTrue(p.safeAbortReason().contains("cloud folder is empty"), p.safeAbortReason());
        assertTrue(p.mustAbort());
    }

    @Test
    void guardTripsWhenAnIncludeRootIsMissingOnOneSide() {
        BaseBuilder b = base();
        SideBuilder local = side().file("skills/s.md", 1, 1).file("sessions/a", 1, 1);
        SideBuilder cloud = side().file("sessions/a", 1, 1).missingRoot("skills");
        b.entry("skills/s.md", 1, 1, 1, 1).entry("sessions/a", 1, 1, 1, 1);
        SyncPlan p = plan(DEFAULTS.withDeletePolicy(DeletePolicy.PROPAGATE).withMaxDeletePercent(100), local, cloud, b);
        assertNotNull(p.safeAbortReason());
        assertTrue(p.safeAbortReason().contains("include root 'skills' is missing on the cloud side"),
                p.safeAbortReason());
    }

    static Stream<Arguments> percentages() {
        // 20 files under sessions/, N deleted on the cloud, max_delete_percent: trips when N*100 > max*20
        return Stream.of(Arguments.of(5, 25, false), Arguments.of(6, 25, true), Arguments.of(1, 0, true),
                Arguments.of(20, 100, false), Arguments.of(2, 10, false), Arguments.of(3, 10, true));
    }

    @ParameterizedTest(name = "{0} of 20 deleted, max {1}% -> trips {2}")
    @MethodSource("percentages")
    void guardTripsAboveMaxDeletePercent(int deleted, int max, boolean trips) {
        BaseBuilder b = base();
        SideBuilder local = side().file("skills/s.md", 1, 1);
        SideBuilder cloud = side().file("skills/s.md", 1, 1);
        b.entry("skills/s.md", 1, 1, 1, 1);
        for (int i = 0; i < 20; i++) {
            String p = "sessions/f" + i;
            local.file(p, 10, 100);
            b.entry(p, 10, 100, 10, 100);
            if (i >= deleted) {
                cloud.file(p, 10, 100);
            }
        }
        SyncPlan p = plan(DEFAULTS.withDeletePolicy(DeletePolicy.PROPAGATE).withMaxDeletePercent(max), local, cloud, b);
        assertEquals(deleted, p.count(ActionKind.DELETE_LOCAL));
        assertEquals(trips, p.mustAbort(), String.valueOf(p.safeAbortReason()));
        if (trips) {
            assertTrue(p.safeAbortReason().contains("max_delete_percent = " + max), p.safeAbortReason());
        }
    }

    @Test
    void deletionsComeLastInTheirOwnOrder() {
        BaseBuilder b = base();
        SideBuilder[] s = populated(b, 10);
        s[0].file("sessions/gone-on-cloud", 10, 100).file("sessions/new-local", 1, 5);
        s[1].file("sessions/gone-on-local", 10, 100).file("sessions/new-cloud", 1, 5);
        b.entry("sessions/gone-on-cloud", 10, 100, 10, 100).entry("sessions/gone-on-local", 10, 100, 10, 100);
        SyncPlan p = plan(DEFAULTS.withDeletePolicy(DeletePolicy.PROPAGATE), s[0], s[1], b);
        assertEquals(List.of("to_local sessions/new-cloud", "to_cloud sessions/new-local",
                "delete_local sessions/gone-on-cloud", "delete_cloud sessions/gone-on-local"), summary(p));
    }

    // ---------------------------------------------------------------------------------------------------------
    // session_mode = last_date_only (0.1.1 test_session_mode.py)
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void lastDateOnlyKeepsTheLatestDateAcrossBothSides() {
        SyncPlan p = plan(DEFAULTS.withSessionMode(SessionMode.LAST_DATE_ONLY),
                side().file("sessions/2026-03-20/a", 1, 1).file("sessions/2026-03-21/b", 1, 1)
                        .file("session_index.jsonl", 1, 1),
                side().file("sessions/2026-03-19/c", 1, 1).file("sessions/2026-03-21/d", 1, 1)
                        .file("skills/skill.md", 1, 1), base());
        assertEquals(List.of("to_local sessions/2026-03-21/d", "to_local skills/skill.md",
                "to_cloud session_index.jsonl", "to_cloud sessions/2026-03-21/b",
                "skipped sessions/2026-03-19/c", "skipped sessions/2026-03-20/a"), summary(p));
    }

    @Test
    void lastDateOnlyUnderstandsNestedDatesAndIgnoresInvalidOnes() {
        SyncPlan p = plan(DEFAULTS.withSessionMode(SessionMode.LAST_DATE_ONLY),
                side().file("sessions/2026/03/20/a", 1, 1).file("sessions/2026/02/30/bad", 1, 1)
                        .file("sessions/2026/03/19/old", 1, 1).file("sessions/current/x", 1, 1), side(), base());
        assertEquals(List.of("to_cloud sessions/2026/03/20/a", "skipped sessions/2026/02/30/bad",
                "skipped sessions/2026/03/19/old", "skipped sessions/current/x"), summary(p));
    }

    @Test
    void lastDateOnlyWithoutDatedFoldersWarnsAndKeepsAllSessions() {
        SyncPlan p = plan(DEFAULTS.withSessionMode(SessionMode.LAST_DATE_ONLY),
                side().file("sessions/current/a", 1, 1).file("sessions/current/b", 1, 1), side(), base());
        assertEquals(List.of("to_cloud sessions/current/a", "to_cloud sessions/current/b"), summary(p));
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("no dated session folder")), p.warnings().toString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Case-only differences (D15), refused paths, placeholders, two machines
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void caseOnlyDifferenceBetweenSidesIsAConflict() {
        SyncPlan p = plan(DEFAULTS, side().file("skills/Rules/a.md", 1, 1), side().file("skills/rules/a.md", 1, 1),
                base());
        assertEquals(List.of("conflict skills/Rules/a.md", "conflict skills/rules/a.md"), summary(p));
        assertTrue(p.conflicts().get(0).reason().contains("letter case"));
    }

    @Test
    void threeCaseVariantsEachNameTheOtherTwoInPathOrder() {
        SyncPlan p = plan(DEFAULTS, side().file("skills/a.md", 1, 1).file("skills/A.md", 1, 1),
                side().file("skills/a.MD", 1, 1).file("skills/other.md", 1, 1), base());
        assertEquals(List.of("to_local skills/other.md", "conflict skills/A.md", "conflict skills/a.MD",
                "conflict skills/a.md"), summary(p));
        assertEquals("differs only in letter case from skills/A.md, skills/a.MD; rename one so the names differ by "
                + "more than case", p.conflicts().get(2).reason());
        assertTrue(p.conflicts().get(0).reason().startsWith("differs only in letter case from skills/a.MD, skills/a.md"),
                p.conflicts().get(0).reason());
    }

    @Test
    void caseVariantsHeldIdenticallyOnBothSidesAreNotAConflict() {
        SyncPlan p = plan(DEFAULTS, side().file("skills/A.md", 1, 1).file("skills/a.md", 2, 1),
                side().file("skills/A.md", 1, 1).file("skills/a.md", 2, 1), base());
        assertEquals(List.of(), summary(p));
    }

    @Test
    void refusedPathsPassThroughFromBothSides() {
        SyncPlan p = plan(DEFAULTS, side().refused("auth.json").refused("state_5.sqlite"),
                side().refused("skills/token.json"), base());
        assertEquals(List.of("auth.json", "skills/token.json", "state_5.sqlite"), p.refused());
        assertEquals(List.of(), p.actions());
    }

    @Test
    void iCloudPlaceholderSkipsThePathAndStopsWritingRuns() {
        SyncPlan p = plan(DEFAULTS, side().file("sessions/a", 1, 5).file("sessions/b", 1, 5),
                side().file("sessions/b", 1, 5).placeholder("sessions/a"), base());
        assertEquals(List.of("skipped sessions/a"), summary(p));
        assertTrue(p.mustAbort());
        assertTrue(p.safeAbortReason().contains("iCloud"), p.safeAbortReason());
    }

    @Test
    void secondMachineWithoutOwnBaseStateTakesTheOtherMachinesEditInsteadOfOverwritingIt() {
        // 0.1.1's CS-288: machine B's own stale copy must not look like an edit. B never synced: its base is empty,
        // so A's newer edit in the cloud wins on mtime.
        SyncPlan p = plan(DEFAULTS, side().file("sessions/a", 10, 100), side().file("sessions/a", 11, 200), base());
        assertEquals(List.of("to_local sessions/a"), summary(p));
    }

    @Test
    void secondMachineLaterUnsyncedEditAgainstFirstMachinesEditIsAConflictOrNewerWins() {
        BaseBuilder bBase = base().entry("sessions/a", 10, 100, 10, 100); // B's own last sync
        SideBuilder bLocal = side().file("sessions/a", 13, 400); // B edited later, unsynced
        SideBuilder cloud = side().file("sessions/a", 11, 200); // A's edit arrived
        assertEquals(List.of("conflict sessions/a"), summary(plan(DEFAULTS, bLocal, cloud, bBase)));
        SyncPlan newer = plan(DEFAULTS.withConflictPolicy(Policy.PREFER_NEWER_MTIME), bLocal, cloud, bBase);
        assertEquals(List.of("to_cloud sessions/a"), summary(newer));
        assertTrue(newer.actions().get(0).overwrites(), "A's copy is backed up before it is replaced");
    }

    @Test
    void outputIsSortedAndDeterministic() {
        SideBuilder local = side().file("skills/z", 1, 9).file("skills/b", 1, 9).file("sessions/m", 1, 9);
        SideBuilder cloud = side().file("skills/y", 1, 9).file("sessions/a", 1, 9);
        SyncPlan first = plan(DEFAULTS, local, cloud, base());
        SyncPlan second = plan(DEFAULTS, local, cloud, base());
        assertEquals(List.of("to_local sessions/a", "to_local skills/y", "to_cloud sessions/m", "to_cloud skills/b",
                "to_cloud skills/z"), summary(first));
        assertEquals(first, second);
        assertFalse(first.hasConflicts());
    }
}
