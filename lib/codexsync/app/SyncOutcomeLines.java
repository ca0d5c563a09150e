// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.ApplyResult;
import codexsync.apply.ContentOutcome;
import codexsync.core.Json;
import codexsync.plan.ActionKind;
import codexsync.plan.ContentWrite;
import codexsync.plan.PlannedAction;
import codexsync.plan.SyncPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code sync --apply}'s summary that say what D29 did: which append-only files were merged (or
 * decompressed) on which side, and which files lost a conflict to {@code conflict.policy} - their replaced version
 * is whole in the run's backup snapshot, never silently discarded.
 */
final class SyncOutcomeLines {
    private static final String RESOLVED = "conflict resolved by ";

    private SyncOutcomeLines() {
    }

    static List<String> produced(ApplyResult result) {
        Map<ContentWrite, List<String>> sides = sidesByWrite(result);
        List<String> lines = new ArrayList<>();
        sides.forEach((w, s) -> lines.add("  " + (w.kind() == ContentWrite.Kind.MERGE ? "merged" : "decompressed")
                + ": " + w.path() + " (" + String.join(", ", s) + "; " + w.reason() + ")"));
        return lines;
    }

    static List<Map<String, Object>> producedJson(ApplyResult result) {
        List<Map<String, Object>> out = new ArrayList<>();
        sidesByWrite(result).forEach((w, s) -> {
            Map<String, Object> m = PlanReport.contentWriteJson(w);
            m.put("written", s);
            out.add(m);
        });
        return out;
    }

    static List<String> conflictLosers(SyncPlan plan, ApplyResult result) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> m : conflictLosersJson(plan, result)) {
            lines.add("  " + m.get("reason") + ": " + m.get("path") + " - the " + m.get("replaced_side")
                    + " version was replaced; it is kept whole in the backup snapshot");
        }
        return lines;
    }

    /** {@code result} is a finished run of {@code plan}: every planned action was carried out. */
    static List<Map<String, Object>> conflictLosersJson(SyncPlan plan, ApplyResult result) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PlannedAction a : plan.actions()) {
            if (a.reason().startsWith(RESOLVED)) {
                out.add(Json.object("path", a.path(), "reason", a.reason(),
                        "replaced_side", a.kind() == ActionKind.COPY_TO_LOCAL ? "local" : "cloud",
                        "snapshot", result.snapshot()));
            }
        }
        for (ContentOutcome o : result.produced()) {
            if (o.write().reason().startsWith(RESOLVED)) {
                out.add(Json.object("path", o.write().path(), "reason", o.write().reason(),
                        "replaced_side", o.side(), "snapshot", result.snapshot()));
            }
        }
        return out;
    }

    private static Map<ContentWrite, List<String>> sidesByWrite(ApplyResult result) {
        Map<ContentWrite, List<String>> sides = new LinkedHashMap<>();
        for (ContentOutcome o : result.produced()) {
            sides.computeIfAbsent(o.write(), k -> new ArrayList<>()).add(o.side());
        }
        return sides;
    }
}
