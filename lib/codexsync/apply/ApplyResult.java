// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.BaseState;
import java.util.List;

/**
 * The result of a finished apply: per-action outcomes, the snapshot written (null when nothing needed a backup),
 * how many files it holds, bytes copied, the snapshots pruned afterwards and the base state saved.
 */
public record ApplyResult(List<ActionOutcome> outcomes, String snapshot, int backedUp, long bytes,
                          List<String> pruned, BaseState savedBase) {
    public long count(String outcome) {
        return outcomes.stream().filter(o -> o.outcome().equals(outcome)).count();
    }
}
