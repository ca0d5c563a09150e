// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.BaseState;
import java.util.List;

/**
 * The result of a finished apply: per-action outcomes, the snapshot written (null when nothing needed a backup),
 * how many files it holds, bytes copied, the snapshots pruned afterwards, the base state saved and, per side, the
 * produced writes (line merges, decompressed twins).
 */
public record ApplyResult(List<ActionOutcome> outcomes, String snapshot, int backedUp, long bytes,
                          List<String> pruned, BaseState savedBase, List<ContentOutcome> produced) {
    /** Without produced writes (D29 merges), as before they existed. */
    public ApplyResult(List<ActionOutcome> outcomes, String snapshot, int backedUp, long bytes, List<String> pruned,
                       BaseState savedBase) {
        this(outcomes, snapshot, backedUp, bytes, pruned, savedBase, List.of());
    }

    public long count(String outcome) {
        return outcomes.stream().filter(o -> o.outcome().equals(outcome)).count();
    }
}
