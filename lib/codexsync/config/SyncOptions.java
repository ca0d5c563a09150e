// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

/** The {@code [sync]} table. */
public record SyncOptions(
        Mode mode,
        Direction direction,
        Compare compare,
        long timeToleranceSeconds,
        EqualMtimeAction equalMtimeAction,
        DeletePolicy deletePolicy,
        boolean dryRunDefault,
        SessionMode sessionMode,
        int maxDeletePercent) {

    public enum Mode { COLD }

    public enum Direction { BIDIRECTIONAL, TO_CLOUD, TO_LOCAL }

    public enum Compare { MTIME, MTIME_HASH_FALLBACK }

    public enum EqualMtimeAction { SKIP, PREFER_LOCAL, PREFER_CLOUD, MANUAL_ABORT }

    public enum DeletePolicy { NEVER, PROPAGATE }

    public enum SessionMode { ALL, LAST_DATE_ONLY }
}
