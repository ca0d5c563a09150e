// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process list through Java's own {@link ProcessHandle} API, which works the same on Windows, macOS and Linux
 * without starting another program. Names come from the executable path; on Windows the JDK gives no arguments,
 * so command lines there come from CIM (see {@link SystemProcessReader}).
 */
public final class ProcessHandleReader implements ProcessReader {
    public static final String SOURCE = "ProcessHandle";

    @Override
    public Optional<ProcessSnapshot> read() {
        List<ProcessSnapshot.Entry> entries = new ArrayList<>();
        try {
            ProcessHandle.allProcesses().forEach(ph -> entries.add(entry(ph)));
        } catch (SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        return Optional.of(new ProcessSnapshot(entries, SOURCE));
    }

    static ProcessSnapshot.Entry entry(ProcessHandle ph) {
        ProcessHandle.Info info = ph.info();
        long parent = ph.parent().map(ProcessHandle::pid).orElse(-1L);
        String command = info.command().orElse("");
        String name = command.isEmpty() ? "" : ProcessNames.basename(command);
        String commandLine = info.commandLine().orElse(command);
        return new ProcessSnapshot.Entry(ph.pid(), parent, name, commandLine);
    }
}
