// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.core.HostEnvironment.OperatingSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process list of this machine with the fallbacks of D23: {@link ProcessHandle} first; on Windows its entries
 * get command lines from CIM, and when it yields no names at all {@code tasklist} + CIM are used; on macOS/Linux
 * {@code ps}. Empty when nothing could be read (UNKNOWN).
 */
public final class SystemProcessReader implements ProcessReader {
    private final OperatingSystem os;
    private final ProcessReader primary;

    public SystemProcessReader(OperatingSystem os) {
        this(os, new ProcessHandleReader());
    }

    SystemProcessReader(OperatingSystem os, ProcessReader primary) {
        this.os = os;
        this.primary = primary;
    }

    @Override
    public Optional<ProcessSnapshot> read() {
        Optional<ProcessSnapshot> first = primary.read().filter(ProcessSnapshot::hasNames);
        if (os != OperatingSystem.WINDOWS) {
            return first.isPresent() ? first : new PosixPsReader().read().filter(ProcessSnapshot::hasNames);
        }
        Optional<List<ProcessSnapshot.Entry>> cim = WindowsProcessLists.cim();
        if (first.isPresent()) {
            return Optional.of(cim.map(c -> new ProcessSnapshot(WindowsProcessLists.merge(first.get().processes(), c),
                    ProcessHandleReader.SOURCE + "+CIM")).orElse(first.get()));
        }
        Optional<List<ProcessSnapshot.Entry>> tasklist = WindowsProcessLists.tasklist();
        if (tasklist.isPresent()) {
            List<ProcessSnapshot.Entry> merged = WindowsProcessLists.merge(tasklist.get(), cim.orElse(List.of()));
            return Optional.of(new ProcessSnapshot(merged, cim.isPresent() ? "tasklist+CIM" : "tasklist"))
                    .filter(ProcessSnapshot::hasNames);
        }
        // 0.1.1 treated a tasklist failure as unknown; CIM alone still names every process, so use it when it worked.
        return cim.map(c -> new ProcessSnapshot(new ArrayList<>(c), "CIM")).filter(ProcessSnapshot::hasNames);
    }
}
