// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.config.SyncOptions.DeletePolicy;
import codexsync.core.ExitStatus;
import codexsync.core.Json;
import codexsync.plan.ActionKind;
import codexsync.plan.Conflict;
import codexsync.plan.ContentWrite;
import codexsync.plan.PlannedAction;
import codexsync.plan.SyncPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code plan} output. Human text is 0.1.1's {@code Plan:} block exactly; with {@code delete_policy =
 * propagate} it adds {@code deletions: <n>} and {@code delete local/cloud: <rel>} lines. Refused never-synced
 * paths, skipped paths, cloud-client warnings and a tripped mass-delete guard go to stderr. Produced writes (D29:
 * {@code merge (local, cloud): history.jsonl}, {@code decompress -> cloud: <rel>}) follow the actions, and the
 * sessions a sync would bring in follow the block. Status is always 0.
 */
public final class PlanReport implements Report {
    /** How many skipped paths the stderr summary names before "and N more". */
    static final int SKIPPED_SHOWN = 10;

    private final PreparedPlan prepared;
    private final SyncPlan plan;
    private List<ArrivedSessions.Arrived> arriving;

    public PlanReport(PreparedPlan prepared) {
        this.prepared = prepared;
        this.plan = prepared.plan();
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.OK;
    }

    /** The {@code Plan:} block, then the sessions a sync would bring in. */
    @Override
    public List<String> humanLines() {
        List<String> lines = new ArrayList<>();
        lines.add("Plan:");
        lines.add("  to_local: " + plan.count(ActionKind.COPY_TO_LOCAL));
        lines.add("  to_cloud: " + plan.count(ActionKind.COPY_TO_CLOUD));
        lines.add("  actions: " + plan.actions().size());
        lines.add("  conflicts: " + plan.conflicts().size());
        if (prepared.config().sync().deletePolicy() == DeletePolicy.PROPAGATE) {
            lines.add("  deletions: " + (plan.count(ActionKind.DELETE_LOCAL) + plan.count(ActionKind.DELETE_CLOUD)));
        }
        for (Conflict c : plan.conflicts()) {
            lines.add("    conflict: " + c.path());
        }
        for (PlannedAction a : plan.actions()) {
            lines.add("    " + label(a.kind()) + ": " + a.path());
        }
        for (ContentWrite w : plan.contentWrites()) {
            lines.add("    " + label(w) + ": " + w.path());
        }
        lines.addAll(ArrivedSessions.humanLines("Sessions a sync would bring in", arriving()));
        return lines;
    }

    /** The sessions this plan pulls in, read from the cloud copies (nothing is written). */
    private List<ArrivedSessions.Arrived> arriving() {
        if (arriving == null) {
            arriving = ArrivedSessions.of(plan, prepared.localSnapshot(), prepared.cloud(), false);
        }
        return arriving;
    }

    /** "merge (local, cloud)", "decompress -> cloud": what a produced write (D29) does, as the Plan block says it. */
    static String label(ContentWrite w) {
        String sides = w.writeLocal() && w.writeCloud() ? "local, cloud" : w.writeLocal() ? "local" : "cloud";
        return w.kind() == ContentWrite.Kind.MERGE ? "merge (" + sides + ")" : "decompress -> " + sides;
    }

    static String label(ActionKind kind) {
        return switch (kind) {
            case COPY_TO_LOCAL -> "cloud -> local";
            case COPY_TO_CLOUD -> "local -> cloud";
            case DELETE_LOCAL -> "delete local";
            case DELETE_CLOUD -> "delete cloud";
        };
    }

    @Override
    public Map<String, Object> json() {
        return Json.object("machine_id", prepared.config().machineId(),
                "local", prepared.local().toString(), "cloud", prepared.cloud().toString(),
                "base_state", prepared.baseStateFile() == null ? null : prepared.baseStateFile().toString(),
                "first_sync", prepared.firstSync(),
                "direction", lower(prepared.config().sync().direction()),
                "delete_policy", lower(prepared.config().sync().deletePolicy()),
                "counts", Json.object("to_local", plan.count(ActionKind.COPY_TO_LOCAL),
                        "to_cloud", plan.count(ActionKind.COPY_TO_CLOUD),
                        "delete_local", plan.count(ActionKind.DELETE_LOCAL),
                        "delete_cloud", plan.count(ActionKind.DELETE_CLOUD),
                        "actions", plan.actions().size(), "conflicts", plan.conflicts().size(),
                        "skipped", plan.skipped().size(), "refused", plan.refused().size()),
                "actions", plan.actions().stream().map(a -> Json.object("path", a.path(), "kind", lower(a.kind()),
                        "direction", label(a.kind()), "reason", a.reason(), "overwrites", a.overwrites())).toList(),
                "conflicts", conflictsJson(plan),
                "content_writes", plan.contentWrites().stream().map(PlanReport::contentWriteJson).toList(),
                "arriving_sessions", ArrivedSessions.json(arriving()),
                "skipped", plan.skipped(), "refused", plan.refused(),
                "safe_abort_reason", plan.safeAbortReason(),
                "warnings", warnings());
    }

    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>(prepared.config().warnings());
        out.addAll(plan.warnings());
        for (String r : plan.refused()) {
            out.add("never synced (login tokens, live databases, codexsync's logs): " + r);
        }
        if (!plan.skipped().isEmpty()) {
            List<String> shown = plan.skipped().subList(0, Math.min(SKIPPED_SHOWN, plan.skipped().size()));
            String more = plan.skipped().size() > SKIPPED_SHOWN
                    ? " and " + (plan.skipped().size() - SKIPPED_SHOWN) + " more" : "";
            out.add("skipped " + plan.skipped().size() + " path(s) (sync.direction, session_mode, "
                    + "equal_mtime_action = skip or not yet downloaded; left alone, base state kept): "
                    + String.join(", ", shown) + more);
        }
        if (plan.hasConflicts()) {
            out.add(plan.conflicts().size() + " conflict(s): a sync would stop with exit 2 before writing anything");
        }
        if (plan.mustAbort()) {
            out.add("a sync would stop here with exit 5: " + plan.safeAbortReason());
        }
        return out;
    }

    /** One produced write (D29) in JSON; shared with {@code sync}. */
    static Map<String, Object> contentWriteJson(ContentWrite w) {
        return Json.object("path", w.path(), "kind", lower(w.kind()), "source", w.sourcePath(),
                "write_local", w.writeLocal(), "write_cloud", w.writeCloud(), "reason", w.reason());
    }

    /** The plan's conflicts in JSON; shared with {@code status}. */
    static List<Map<String, Object>> conflictsJson(SyncPlan plan) {
        return plan.conflicts().stream().map(c -> Json.object("path", c.path(), "reason", c.reason())).toList();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
