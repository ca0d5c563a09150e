// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.ConflictException;
import codexsync.core.SafeAbortException;
import codexsync.plan.BaseState;
import codexsync.plan.ContentWrite;
import codexsync.plan.PlannedAction;
import codexsync.plan.SyncPlan;
import codexsync.scan.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sync --apply}'s use of the {@link WriteEngine}: refuses a plan with conflicts or a safe-abort reason, turns
 * the planned actions into {@link WriteAction}s - the copies and deletions first (in plan order, so outcome
 * {@code i} is planned action {@code i}), then one {@link WriteAction.Merge} or {@link WriteAction.Inflate} per side
 * each D29 content write changes - and makes saving the base state the run's last write (D11).
 */
public final class PlanApplier {
    private final ApplyContext ctx;
    private final WriteEngine engine;

    public PlanApplier(ApplyContext ctx) {
        this.ctx = ctx;
        this.engine = new WriteEngine(ctx);
    }

    /** What a run stopped by a signal did before it stopped; empty unless {@link #apply} was stopped. */
    public Optional<ApplyResult> stoppedWith() {
        return engine.stoppedWith();
    }

    public ApplyResult apply(SyncPlan plan, Snapshot local, Snapshot cloud, BaseState base) {
        if (plan.hasConflicts()) {
            throw new ConflictException("refusing to apply a plan with " + plan.conflicts().size() + " conflict(s)",
                    null, "resolve the conflicts, then run sync again");
        }
        if (plan.mustAbort()) {
            throw new SafeAbortException(plan.safeAbortReason(), null,
                    "nothing was written; see the plan (codexsync plan) for details");
        }
        List<WriteAction> actions = new ArrayList<>(plan.actions().stream().map(PlanApplier::action).toList());
        for (ContentWrite w : plan.contentWrites()) {
            actions.addAll(WriteAction.of(w));
        }
        return engine.run(actions, outcomes -> ctx.baseStateSaver().save(BaseStateUpdate.after(base, plan, local,
                cloud, outcomes, ctx.localRoot(), ctx.cloudRoot())));
    }

    static WriteAction action(PlannedAction a) {
        return switch (a.kind()) {
            case COPY_TO_LOCAL -> new WriteAction.Copy(a.path(), Side.LOCAL, a.expectedSha256());
            case COPY_TO_CLOUD -> new WriteAction.Copy(a.path(), Side.CLOUD, a.expectedSha256());
            case DELETE_LOCAL -> new WriteAction.Delete(a.path(), Side.LOCAL);
            case DELETE_CLOUD -> new WriteAction.Delete(a.path(), Side.CLOUD);
        };
    }
}
