// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

/** Whether a process id belongs to a running process on this machine (for lock holders, D20). */
public final class ProcessLiveness {
    private ProcessLiveness() {
    }

    public static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
