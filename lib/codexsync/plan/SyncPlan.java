// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import java.util.List;

/**
 * The planner's immutable result. {@code actions} are ordered (copies to local, copies to cloud, then deletions);
 * {@code skipped} lists paths left alone on purpose (direction, session scope) with their base state kept;
 * {@code refused} the never-synced paths an include root covered; {@code warnings} what the user should read.
 * {@code safeAbortReason} is non-null when a writing run must not start at all (exit 5): the mass-delete guard
 * tripped, or the cloud side is incomplete (iCloud placeholders). {@code plan} shows it; writers refuse.
 * {@code contentWrites} are the writes whose content is produced (a line merge of Codex's append-only files, a
 * decompressed twin; D29), applied after {@code actions}; a path is in at most one of the two lists.
 */
public record SyncPlan(
        List<PlannedAction> actions,
        List<Conflict> conflicts,
        List<String> skipped,
        List<String> refused,
        List<String> warnings,
        String safeAbortReason,
        List<ContentWrite> contentWrites) {

    public boolean hasConflicts() {
        return !conflicts.isEmpty();
    }

    /** True when a writing run must stop with exit 5 before writing anything ({@link #safeAbortReason()}). */
    public boolean mustAbort() {
        return safeAbortReason != null;
    }

    public long count(ActionKind kind) {
        return actions.stream().filter(a -> a.kind() == kind).count();
    }
}
