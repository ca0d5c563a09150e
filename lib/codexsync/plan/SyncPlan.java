// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import java.util.List;

/**
 * The planner's immutable result. {@code actions} are ordered (copies to local, copies to cloud, then deletions);
 * {@code skipped} lists paths left alone on purpose (direction, session scope) with their base state kept;
 * {@code refused} the never-synced paths an include root covered; {@code warnings} what the user should read.
 */
public record SyncPlan(
        List<PlannedAction> actions,
        List<Conflict> conflicts,
        List<String> skipped,
        List<String> refused,
        List<String> warnings) {

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }

    public long count(ActionKind kind) {
        return actions.stream().filter(a -> a.kind() == kind).count();
    }
}
