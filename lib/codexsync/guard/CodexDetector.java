// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.config.ProcessOptions;
import codexsync.core.HostEnvironment.OperatingSystem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds Codex in a process snapshot (§2.9, D23). Pure: the same snapshot and options always give the same answer,
 * so recorded Windows snapshots can be tested on any machine.
 * <ul>
 *   <li>Main processes: names in {@code process_names} (whole-name match, see {@link ProcessNames}).</li>
 *   <li>Descendants: collected breadth-first from the main processes by parent pid.</li>
 *   <li>Sandbox (Windows only): a descendant whose name equals a {@code background_process_names.windows} entry or
 *       whose command line contains it, or any main/descendant command line containing {@code --enable-sandbox}.</li>
 * </ul>
 */
public final class CodexDetector {
    /** Chromium's flag on Codex's sandboxed renderer processes. */
    static final String ENABLE_SANDBOX = "--enable-sandbox";

    private CodexDetector() {
    }

    /** The status for a snapshot; a missing snapshot (nothing readable) is UNKNOWN. */
    public static CodexStatus detect(ProcessSnapshot snapshot, ProcessOptions options, OperatingSystem os) {
        if (snapshot == null || !snapshot.hasNames()) {
            return CodexStatus.unknown(snapshot == null ? "no process list could be read"
                    : "the process list (" + snapshot.source() + ") has no process names");
        }
        List<ProcessSnapshot.Entry> main = new ArrayList<>();
        for (ProcessSnapshot.Entry p : snapshot.processes()) {
            if (options.processNames().stream().anyMatch(n -> ProcessNames.matches(p.name(), n, os))) {
                main.add(p);
            }
        }
        List<ProcessSnapshot.Entry> descendants = descendants(snapshot, main);
        List<ProcessSnapshot.Entry> sandbox = os == OperatingSystem.WINDOWS
                ? sandbox(main, descendants, options.backgroundNamesFor(os), os) : List.of();
        CodexStatus.State state = main.isEmpty() ? CodexStatus.State.NOT_RUNNING : CodexStatus.State.RUNNING;
        return new CodexStatus(state, main, descendants, sandbox, snapshot.source());
    }

    static List<ProcessSnapshot.Entry> descendants(ProcessSnapshot snapshot, List<ProcessSnapshot.Entry> roots) {
        Map<Long, List<ProcessSnapshot.Entry>> children = new LinkedHashMap<>();
        for (ProcessSnapshot.Entry p : snapshot.processes()) {
            if (p.parentPid() >= 0 && p.parentPid() != p.pid()) {
                children.computeIfAbsent(p.parentPid(), k -> new ArrayList<>()).add(p);
            }
        }
        Set<Long> seen = new LinkedHashSet<>();
        roots.forEach(r -> seen.add(r.pid()));
        Deque<ProcessSnapshot.Entry> queue = new ArrayDeque<>(roots);
        List<ProcessSnapshot.Entry> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            ProcessSnapshot.Entry parent = queue.removeFirst();
            for (ProcessSnapshot.Entry child : children.getOrDefault(parent.pid(), List.of())) {
                // seen guards against pid reuse forming a cycle in a racy snapshot.
                if (seen.add(child.pid())) {
                    out.add(child);
                    queue.addLast(child);
                }
            }
        }
        return out;
    }

    static List<ProcessSnapshot.Entry> sandbox(List<ProcessSnapshot.Entry> main, List<ProcessSnapshot.Entry> descendants,
                                               List<String> markers, OperatingSystem os) {
        List<ProcessSnapshot.Entry> found = new ArrayList<>();
        for (ProcessSnapshot.Entry d : descendants) {
            boolean marked = markers.stream().anyMatch(m -> ProcessNames.matches(d.name(), m, os)
                    || ProcessNames.commandLineContains(d.commandLine(), m, os));
            if (marked || ProcessNames.commandLineContains(d.commandLine(), ENABLE_SANDBOX, os)) {
                found.add(d);
            }
        }
        for (ProcessSnapshot.Entry m : main) {
            if (ProcessNames.commandLineContains(m.commandLine(), ENABLE_SANDBOX, os)) {
                found.add(m);
            }
        }
        return found;
    }
}
