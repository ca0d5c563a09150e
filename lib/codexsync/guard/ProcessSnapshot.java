// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.util.List;

/**
 * One reading of the machine's process list: every process that could be seen, with what the OS told us about
 * it. A snapshot is never "partial on purpose": when nothing could be read at all the reader returns no snapshot
 * and the state is UNKNOWN.
 *
 * @param processes the processes seen
 * @param source    where the list came from ({@code ProcessHandle}, {@code ps}, {@code tasklist+CIM}), for logs
 */
public record ProcessSnapshot(List<Entry> processes, String source) {

    /**
     * One process.
     *
     * @param pid         process id
     * @param parentPid   parent's id, or -1 when unknown
     * @param name        executable name as the OS reports it ({@code Codex.exe}, {@code codex}); may be empty
     * @param commandLine the full command line, or empty when the OS does not tell us (other users' processes)
     */
    public record Entry(long pid, long parentPid, String name, String commandLine) {
        public Entry {
            name = name == null ? "" : name;
            commandLine = commandLine == null ? "" : commandLine;
        }
    }

    public ProcessSnapshot {
        processes = List.copyOf(processes);
    }

    /** True when at least one process has a name: a list without any names cannot tell us whether Codex runs. */
    public boolean hasNames() {
        return processes.stream().anyMatch(p -> !p.name().isBlank());
    }
}
