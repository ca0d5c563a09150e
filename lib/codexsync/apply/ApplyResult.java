// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.ContentWrite;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a finished (or stopped) run of the {@link WriteEngine}: per-action outcomes, the snapshot written
 * (null when nothing needed a backup), how many files it holds, bytes written and the snapshots pruned afterwards.
 */
public record ApplyResult(List<ActionOutcome> outcomes, String snapshot, int backedUp, long bytes,
                          List<String> pruned) {
    public long count(ActionOutcome.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).count();
    }

    /** The produced writes (D29 line merges, decompressed twins), one per side written. */
    public List<ContentOutcome> produced() {
        List<ContentOutcome> out = new ArrayList<>();
        for (ActionOutcome o : outcomes) {
            ContentWrite w = o.action() instanceof WriteAction.Merge m ? m.write()
                    : o.action() instanceof WriteAction.Inflate f ? f.write() : null;
            if (w != null) {
                out.add(new ContentOutcome(w, o.action().side().wireName(), o.bytes(), o.sha256()));
            }
        }
        return out;
    }
}
