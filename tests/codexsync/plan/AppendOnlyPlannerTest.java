// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import static codexsync.plan.PlanFixtures.base;
import static codexsync.plan.PlanFixtures.side;
import static codexsync.plan.PlanFixtures.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.ConflictOptions.Policy;
import codexsync.config.SyncOptions.Direction;
import codexsync.scan.AppendOnlyContent;
import codexsync.scan.ContentHashes;
import codexsync.scan.PrefixCompare;
import codexsync.scan.Relation;
import codexsync.scan.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** D29 in the planner: prefix wins, history merges, a rollout continued twice is a conflict, .zst twins are one file. */
class AppendOnlyPlannerTest {
    static final String ROLLOUT = "sessions/2026/11/30/rollout-2026-11-30T10-00-00-abc.jsonl";
    static final PlanOptions DEFAULTS = PlanOptions.defaults(List.of("history.jsonl", "sessions"));

    /** Logical contents per side; relations come from the real streaming compare. */
    static final class Contents implements AppendOnlyContent {
        final Map<String, String> local = new HashMap<>();
        final Map<String, String> cloud = new HashMap<>();
        int asked;

        @Override
        public Relation relate(String localPath, String cloudPath) {
            asked++;
            try {
                return PrefixCompare.compare(stream(local.get(localPath)), stream(cloud.get(cloudPath)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static ByteArrayInputStream stream(String s) {
            return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> plan(PlanOptions o, Snapshot l, Snapshot c, BaseState b, Contents contents) {
        return summary(new SyncPlanner(o).plan(l, c, b, ContentHashes.NONE, contents));
    }

    @Test
    void the_longer_version_wins_even_with_the_older_mtime_and_no_base() {
        Contents x = new Contents();
        x.local.put("history.jsonl", "a\nb\n");
        x.cloud.put("history.jsonl", "a\n");
        // the shorter cloud copy is newer: "newer wins" would drop b
        assertEquals(List.of("to_cloud history.jsonl"), plan(DEFAULTS,
                side().file("history.jsonl", 4, 100).build(), side().file("history.jsonl", 2, 200).build(),
                BaseState.empty("a"), x));
        SyncPlan p = new SyncPlanner(DEFAULTS).plan(side().file("history.jsonl", 4, 100).build(),
                side().file("history.jsonl", 2, 200).build(), BaseState.empty("a"), ContentHashes.NONE, x);
        assertTrue(p.actions().get(0).overwrites(), "the shorter copy is backed up first");
    }

    @Test
    void the_longer_version_wins_even_when_the_base_says_only_the_shorter_side_changed() {
        Contents x = new Contents();
        x.local.put(ROLLOUT, "m\n");
        x.cloud.put(ROLLOUT, "m\nmore\n");
        assertEquals(List.of("to_local " + ROLLOUT), plan(DEFAULTS, side().file(ROLLOUT, 2, 300).build(),
                side().file(ROLLOUT, 7, 100).build(), base().entry(ROLLOUT, 2, 100, 7, 100).build(), x));
    }

    @Test
    void equal_content_with_different_mtimes_copies_nothing() {
        Contents x = new Contents();
        x.local.put(ROLLOUT, "m\n");
        x.cloud.put(ROLLOUT, "m\n");
        assertEquals(List.of(), plan(DEFAULTS, side().file(ROLLOUT, 2, 300).build(),
                side().file(ROLLOUT, 2, 100).build(), BaseState.empty("a"), x));
    }

    @Test
    void two_histories_of_equal_size_and_mtime_are_compared_by_content_when_they_first_meet() {
        Contents x = new Contents();
        x.local.put("history.jsonl", "{\"ts\":1,\"text\":\"on A\"}\n");
        x.cloud.put("history.jsonl", "{\"ts\":2,\"text\":\"on B\"}\n");
        Snapshot l = side().file("history.jsonl", 25, 100).build();
        Snapshot c = side().file("history.jsonl", 25, 100).build();
        // compare = mtime would call them the same file and drop one machine's prompt from the other forever
        assertEquals(List.of("merge local cloud history.jsonl"), plan(DEFAULTS, l, c, BaseState.empty("a"), x));
        // with a base entry, equal size and mtime read nothing (a no-change run stays free)
        Contents y = new Contents();
        assertEquals(List.of(), plan(DEFAULTS, l, c, base().entry("history.jsonl", 25, 100, 25, 100).build(), y));
        assertEquals(0, y.asked);
    }

    @Test
    void diverged_history_is_merged_on_both_sides_when_both_changed_or_without_base() {
        Contents x = new Contents();
        x.local.put("history.jsonl", "h\nA\n");
        x.cloud.put("history.jsonl", "h\nB\n");
        Snapshot l = side().file("history.jsonl", 4, 300).build();
        Snapshot c = side().file("history.jsonl", 4, 200).build();
        assertEquals(List.of("merge local cloud history.jsonl"), plan(DEFAULTS, l, c, BaseState.empty("a"), x));
        assertEquals(List.of("merge local cloud history.jsonl"), plan(DEFAULTS, l, c,
                base().entry("history.jsonl", 2, 100, 2, 100).build(), x));
        assertEquals(List.of("merge cloud history.jsonl"), plan(DEFAULTS.withDirection(Direction.TO_CLOUD), l, c,
                BaseState.empty("a"), x));
    }

    @Test
    void diverged_history_changed_on_one_side_only_follows_the_usual_rule() {
        // e.g. Codex trimmed its history (history.max_bytes): the changed side wins, the other is backed up
        Contents x = new Contents();
        x.local.put("history.jsonl", "B\nC\n");
        x.cloud.put("history.jsonl", "A\nB\n");
        assertEquals(List.of("to_cloud history.jsonl"), plan(DEFAULTS, side().file("history.jsonl", 4, 300).build(),
                side().file("history.jsonl", 4, 100).build(), base().entry("history.jsonl", 4, 100, 4, 100).build(),
                x));
    }

    @Test
    void a_rollout_continued_on_two_machines_is_a_conflict_or_the_policy_winner_overwrites_after_backup() {
        Contents x = new Contents();
        x.local.put(ROLLOUT, "m\nA\n");
        x.cloud.put(ROLLOUT, "m\nB\n");
        Snapshot l = side().file(ROLLOUT, 4, 300).build();
        Snapshot c = side().file(ROLLOUT, 4, 200).build();
        BaseState b = base().entry(ROLLOUT, 2, 100, 2, 100).build();
        assertEquals(List.of("conflict " + ROLLOUT), plan(DEFAULTS, l, c, b, x));
        assertEquals(List.of("conflict " + ROLLOUT), plan(DEFAULTS, l, c, BaseState.empty("a"), x));
        SyncPlan p = new SyncPlanner(DEFAULTS.withConflictPolicy(Policy.PREFER_CLOUD)).plan(l, c, b,
                ContentHashes.NONE, x);
        assertEquals(List.of("to_local " + ROLLOUT), summary(p));
        assertEquals("conflict resolved by prefer_cloud", p.actions().get(0).reason());
        assertTrue(p.actions().get(0).overwrites());
    }

    @Test
    void a_compressed_twin_is_neither_a_new_file_nor_a_deletion_and_never_brings_back_the_plain_one() {
        Contents x = new Contents();
        String zst = ROLLOUT + ".zst";
        x.local.put(zst, "m\n");
        x.cloud.put(ROLLOUT, "m\n");
        // A compressed it (plain deleted); the cloud still has the plain one from an earlier sync
        assertEquals(List.of(), plan(DEFAULTS, side().file(zst, 1, 100).build(), side().file(ROLLOUT, 2, 100).build(),
                base().entry(ROLLOUT, 2, 100, 2, 100).build(), x));
    }

    @Test
    void across_forms_the_longer_content_wins_and_a_zst_never_hides_behind_a_stale_plain_twin() {
        String zst = ROLLOUT + ".zst";
        Contents x = new Contents();
        x.local.put(zst, "m\nmore\n");
        x.cloud.put(ROLLOUT, "m\n");
        assertEquals(List.of("inflate cloud " + ROLLOUT + " from " + zst), plan(DEFAULTS,
                side().file(zst, 5, 100).build(), side().file(ROLLOUT, 2, 200).build(), BaseState.empty("a"), x));
        Contents y = new Contents();
        y.local.put(ROLLOUT, "m\nresumed on B\n");
        y.cloud.put(zst, "m\n");
        assertEquals(List.of("to_cloud " + ROLLOUT), plan(DEFAULTS, side().file(ROLLOUT, 15, 100).build(),
                side().file(zst, 2, 200).build(), BaseState.empty("a"), y));
        assertEquals(List.of("to_local " + zst), plan(DEFAULTS, side().build(), side().file(zst, 2, 200).build(),
                BaseState.empty("a"), new Contents()));
    }

    @Test
    void without_the_content_view_the_planner_keeps_the_size_and_mtime_rules() {
        assertEquals(List.of("to_cloud history.jsonl"), summary(new SyncPlanner(DEFAULTS).plan(
                side().file("history.jsonl", 2, 300).build(), side().file("history.jsonl", 4, 100).build(),
                BaseState.empty("a"), ContentHashes.NONE, null)));
    }
}
