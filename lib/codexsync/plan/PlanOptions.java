// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.plan;

import codexsync.config.ConflictOptions.Policy;
import codexsync.config.SyncConfig;
import codexsync.config.SyncOptions.Compare;
import codexsync.config.SyncOptions.DeletePolicy;
import codexsync.config.SyncOptions.Direction;
import codexsync.config.SyncOptions.EqualMtimeAction;
import codexsync.config.SyncOptions.SessionMode;
import java.util.List;

/** The config values the planner reads, gathered so tests can state them in one line. */
public record PlanOptions(
        Direction direction,
        Compare compare,
        long timeToleranceSeconds,
        EqualMtimeAction equalMtimeAction,
        Policy conflictPolicy,
        DeletePolicy deletePolicy,
        int maxDeletePercent,
        SessionMode sessionMode,
        List<String> includeRoots) {

    public static PlanOptions from(SyncConfig config) {
        return new PlanOptions(config.sync().direction(), config.sync().compare(),
                config.sync().timeToleranceSeconds(), config.sync().equalMtimeAction(), config.conflict().policy(),
                config.sync().deletePolicy(), config.sync().maxDeletePercent(), config.sync().sessionMode(),
                List.copyOf(config.selection().includeRoots()));
    }

    /** The loader defaults (0.1.1's, D16's) for the given include roots. */
    public static PlanOptions defaults(List<String> includeRoots) {
        return new PlanOptions(Direction.BIDIRECTIONAL, Compare.MTIME, 0, EqualMtimeAction.SKIP, Policy.MANUAL_ABORT,
                DeletePolicy.NEVER, 25, SessionMode.ALL, List.copyOf(includeRoots));
    }

    public PlanOptions withDirection(Direction d) {
        return new PlanOptions(d, compare, timeToleranceSeconds, equalMtimeAction, conflictPolicy, deletePolicy,
                maxDeletePercent, sessionMode, includeRoots);
    }

    public PlanOptions withCompare(Compare c) {
        return new PlanOptions(direction, c, timeToleranceSeconds, equalMtimeAction, conflictPolicy, deletePolicy,
                maxDeletePercent, sessionMode, includeRoots);
    }

    public PlanOptions withTolerance(long seconds) {
        return new PlanOptions(direction, compare, seconds, equalMtimeAction, conflictPolicy, deletePolicy,
                maxDeletePercent, sessionMode, includeRoots);
    }

    public PlanOptions withEqualMtimeAction(EqualMtimeAction a) {
        return new PlanOptions(direction, compare, timeToleranceSeconds, a, conflictPolicy, deletePolicy,
                maxDeletePercent, sessionMode, includeRoots);
    }

    public PlanOptions withConflictPolicy(Policy p) {
        return new PlanOptions(direction, compare, timeToleranceSeconds, equalMtimeAction, p, deletePolicy,
                maxDeletePercent, sessionMode, includeRoots);
    }

    public PlanOptions withDeletePolicy(DeletePolicy p) {
        return new PlanOptions(direction, compare, timeToleranceSeconds, equalMtimeAction, conflictPolicy, p,
                maxDeletePercent, sessionMode, includeRoots);
    }

    public PlanOptions withMaxDeletePercent(int percent) {
        return new PlanOptions(direction, compare, timeToleranceSeconds, equalMtimeAction, conflictPolicy, deletePolicy,
                percent, sessionMode, includeRoots);
    }

    public PlanOptions withSessionMode(SessionMode m) {
        return new PlanOptions(direction, compare, timeToleranceSeconds, equalMtimeAction, conflictPolicy, deletePolicy,
                maxDeletePercent, m, includeRoots);
    }
}
