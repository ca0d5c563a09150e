// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import codexsync.apply.MachineState;
import codexsync.backup.SnapshotInfo;
import codexsync.core.ExitStatus;
import codexsync.core.Json;
import codexsync.plan.ActionKind;
import codexsync.plan.Conflict;
import codexsync.plan.SyncPlan;
import codexsync.scan.ConflictCopies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code status} output: text for people, {@code --json} for scripts; always exit 0 once the config loads. */
final class StatusReport implements Report {
    /** One machine's line: its state file, whether it is this machine, and (others) how much of its handoff is here. */
    record Machine(MachineState state, boolean self, HandoffCheck.Arrival arrival) {
    }

    private final PreparedPlan prepared;
    private final List<Machine> machines;
    private final List<ConflictCopies.Copy> copies;
    private final Optional<SnapshotInfo> backup;
    private final Optional<String> interrupted;
    private final List<String> warnings;
    private final MachineIdClaim claim;

    StatusReport(PreparedPlan prepared, MachineIdClaim claim, List<Machine> machines, List<ConflictCopies.Copy> copies,
                 Optional<SnapshotInfo> backup, Optional<String> interrupted, List<String> warnings) {
        this.prepared = prepared;
        this.claim = claim;
        this.machines = machines;
        this.copies = copies;
        this.backup = backup;
        this.interrupted = interrupted;
        this.warnings = warnings;
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.OK;
    }

    @Override
    public List<String> humanLines() {
        SyncPlan plan = prepared.plan();
        List<String> lines = new ArrayList<>();
        lines.add("Status of " + prepared.config().machineId() + ":");
        // The same verdict doctor's machine_id check and a writing run act on (MachineIdClaim).
        lines.add("  machine id: " + (claim.foreign() ? "FAIL " + claim.problem() + " (fix: " + claim.fix() + ")"
                : "ok, " + claim.describe()));
        lines.add("  machines:");
        for (Machine m : machines) {
            lines.add("    " + m.state().machineId() + (m.self() ? " (this machine)" : "") + ": " + machineText(m));
        }
        if (machines.isEmpty()) {
            lines.add("    (no workspace configured: no machine state to read)");
        }
        lines.add("  would push (local -> cloud): " + plan.count(ActionKind.COPY_TO_CLOUD)
                + ", delete in cloud: " + plan.count(ActionKind.DELETE_CLOUD));
        lines.add("  would pull (cloud -> local): " + plan.count(ActionKind.COPY_TO_LOCAL)
                + ", delete locally: " + plan.count(ActionKind.DELETE_LOCAL));
        lines.add("  open conflicts: " + plan.conflicts().size());
        for (Conflict c : plan.conflicts()) {
            lines.add("    " + c.path() + ": " + c.reason());
        }
        lines.add("  cloud-client conflict copies: " + copies.size());
        for (ConflictCopies.Copy c : copies) {
            lines.add("    " + c.path() + ": " + c.advice());
        }
        lines.add("  newest backup: " + backup.map(b -> b.name() + " (" + b.modified() + ")").orElse("none"));
        lines.add("  interrupted run: " + interrupted.orElse("none"));
        if (plan.mustAbort()) {
            lines.add("  a sync would stop (exit 5): " + plan.safeAbortReason());
        }
        return lines;
    }

    private static String machineText(Machine m) {
        MachineState s = m.state();
        if (s.finishedAt() == null) {
            return s.base().files().isEmpty() ? "never synced" : "base state of " + s.base().files().size()
                    + " file(s) in the old single manifest (no handoff record until its next sync --apply)";
        }
        String last = "last sync " + s.finishedAt() + ", " + s.handoff().size() + " file(s) left in the cloud";
        if (m.self() || m.arrival() == null) {
            return last;
        }
        return last + "; " + (m.arrival().complete() ? "all present here"
                : HandoffWait.message(m.arrival()).replaceFirst(" \\(its sync of [^;]*; ", " ("));
    }

    @Override
    public Map<String, Object> json() {
        SyncPlan plan = prepared.plan();
        Map<String, Object> claimJson = SyncService.claimJson(claim);
        claimJson.put("result", claim.foreign() ? "FAIL" : "PASS");
        claimJson.put("fix", claim.foreign() ? claim.fix() : null);
        return Json.object("machine_id", prepared.config().machineId(), "machine_id_claim", claimJson,
                "machines", machines.stream().map(m -> Json.object("machine_id", m.state().machineId(),
                        "this_machine", m.self(), "host_name", m.state().hostName(),
                        "last_sync", m.state().finishedAt() == null ? null : m.state().finishedAt().toString(),
                        "base_files", m.state().base().files().size(), "handoff_files", m.state().handoff().size(),
                        "not_arrived", m.arrival() == null ? null : m.arrival().pending(),
                        "present_here", m.arrival() == null ? null : m.arrival().complete(),
                        "not_arrived_examples", m.arrival() == null ? List.of() : m.arrival().examples())).toList(),
                "would_push", plan.count(ActionKind.COPY_TO_CLOUD), "would_pull", plan.count(ActionKind.COPY_TO_LOCAL),
                "would_delete_cloud", plan.count(ActionKind.DELETE_CLOUD),
                "would_delete_local", plan.count(ActionKind.DELETE_LOCAL),
                "conflicts", PlanReport.conflictsJson(plan),
                "cloud_conflict_copies", copies.stream().map(c -> Json.object("path", c.path(),
                        "original", c.original(), "advice", c.advice())).toList(),
                "newest_backup", backup.map(b -> Json.object("name", b.name(), "modified", b.modified().toString()))
                        .orElse(null),
                "interrupted_run", interrupted.orElse(null),
                "safe_abort_reason", plan.safeAbortReason(),
                "warnings", warnings());
    }

    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>(prepared.config().warnings());
        out.addAll(warnings);
        return out;
    }
}
