// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Everything one machine's state file holds (D27): its base state and its handoff record, i.e. what it left in the
 * cloud mirror at the end of its last writing sync ({@code finishedAt}): every file it pushed or agreed on
 * ({@code handoff}) and the files it agreed are gone ({@code tombstones}), so another machine can tell a deletion
 * from a file that has not arrived yet. Only the machine named {@code machineId} ever writes this file. A handoff
 * entry always has its SHA-256: the mtime tells "still arriving" (an older copy) from "changed since by another
 * machine" (a newer one); the hash tells an equal copy whose mtime a client rewrote.
 *
 * @param hostName    the host that wrote it (OneDrive names conflict copies after it); may be null
 * @param finishedAt  when the run that wrote it ended; null for a base state migrated from the old single manifest
 * @param source      the file it was read from (the old manifest when migrated), null when never saved
 */
public record MachineState(String machineId, String hostName, Instant finishedAt, BaseState base,
                           Map<String, Fingerprint> handoff, Map<String, Fingerprint> tombstones, Path source) {

    public static MachineState empty(String machineId) {
        return new MachineState(machineId, null, null, BaseState.empty(machineId), Map.of(), Map.of(), null);
    }

    /** True when this state carries a handoff record another machine can check against. */
    public boolean hasHandoff() {
        return finishedAt != null;
    }
}
