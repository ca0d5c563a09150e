// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

/**
 * The {@code [sync]} table. {@code handoffWaitSeconds}: how long a writing sync re-checks that every other machine's
 * last handoff has fully arrived in the cloud mirror before it gives up with exit 5 (D27; 0 = check once).
 */
public record SyncOptions(
        Mode mode,
        Direction direction,
        Compare compare,
        long timeToleranceSeconds,
        EqualMtimeAction equalMtimeAction,
        DeletePolicy deletePolicy,
        boolean dryRunDefault,
        SessionMode sessionMode,
        int maxDeletePercent,
        long handoffWaitSeconds) {

    public enum Mode { COLD }

    public enum Direction { BIDIRECTIONAL, TO_CLOUD, TO_LOCAL }

    public enum Compare { MTIME, MTIME_HASH_FALLBACK }

    public enum EqualMtimeAction { SKIP, PREFER_LOCAL, PREFER_CLOUD, MANUAL_ABORT }

    public enum DeletePolicy { NEVER, PROPAGATE }

    public enum SessionMode { ALL, LAST_DATE_ONLY }
}
