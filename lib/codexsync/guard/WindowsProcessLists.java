// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import codexsync.core.Json;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Windows' own process listings, as 0.1.1 read them: {@code tasklist /FO CSV /NH} (name and pid) and PowerShell
 * {@code Get-CimInstance Win32_Process} (pid, parent pid, name, command line). CIM also supplies the command lines
 * {@link ProcessHandle} cannot give on Windows, which the sandbox check ({@code --enable-sandbox}) needs.
 */
public final class WindowsProcessLists {
    static final List<String> TASKLIST = List.of("tasklist", "/FO", "CSV", "/NH");
    static final List<String> CIM = List.of("powershell", "-NoProfile", "-NonInteractive", "-Command",
            "Get-CimInstance Win32_Process | Select-Object ProcessId,ParentProcessId,Name,CommandLine "
                    + "| ConvertTo-Json -Compress");

    private WindowsProcessLists() {
    }

    /** tasklist's processes (no parents, no command lines), or empty when tasklist failed. */
    public static Optional<List<ProcessSnapshot.Entry>> tasklist() {
        return ExternalCommand.output(TASKLIST, Charset.defaultCharset()).map(WindowsProcessLists::parseTasklist);
    }

    /** CIM's processes, or empty when PowerShell/CIM failed (tolerated, as in 0.1.1). */
    public static Optional<List<ProcessSnapshot.Entry>> cim() {
        return ExternalCommand.output(CIM, Charset.defaultCharset()).map(WindowsProcessLists::parseCim);
    }

    /** Parses {@code "Image Name","PID",...} CSV lines. */
    static List<ProcessSnapshot.Entry> parseTasklist(String csv) {
        List<ProcessSnapshot.Entry> out = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            List<String> cells = csvCells(line);
            if (cells.size() >= 2) {
                try {
                    out.add(new ProcessSnapshot.Entry(Long.parseLong(cells.get(1).strip()), -1, cells.get(0), ""));
                } catch (NumberFormatException e) {
                    // "INFO: No tasks are running..." or a localised header: skip.
                }
            }
        }
        return out;
    }

    /** Parses ConvertTo-Json output: one object, or an array of objects. */
    static List<ProcessSnapshot.Entry> parseCim(String json) {
        String text = json.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        List<ProcessSnapshot.Entry> out = new ArrayList<>();
        Object parsed;
        try {
            parsed = Json.parseObject("{\"p\":" + text + "}").get("p");
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        List<?> items = parsed instanceof List<?> l ? l : List.of(parsed);
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && m.get("ProcessId") instanceof Number pid) {
                long ppid = m.get("ParentProcessId") instanceof Number n ? n.longValue() : -1;
                out.add(new ProcessSnapshot.Entry(pid.longValue(), ppid, string(m.get("Name")), string(m.get("CommandLine"))));
            }
        }
        return out;
    }

    /**
     * Merges listings by pid: the first list's entries win for name and parent; empty fields are filled from the
     * second list, whose command lines win (so CIM adds command lines and parents to ProcessHandle's or tasklist's entries).
     */
    static List<ProcessSnapshot.Entry> merge(List<ProcessSnapshot.Entry> first, List<ProcessSnapshot.Entry> more) {
        Map<Long, ProcessSnapshot.Entry> byPid = new LinkedHashMap<>();
        first.forEach(e -> byPid.put(e.pid(), e));
        for (ProcessSnapshot.Entry e : more) {
            ProcessSnapshot.Entry have = byPid.get(e.pid());
            if (have == null) {
                byPid.put(e.pid(), e);
            } else {
                // CIM's command line wins: ProcessHandle on Windows only knows the executable path.
                byPid.put(e.pid(), new ProcessSnapshot.Entry(have.pid(),
                        have.parentPid() >= 0 ? have.parentPid() : e.parentPid(),
                        have.name().isBlank() ? e.name() : have.name(),
                        e.commandLine().isBlank() ? have.commandLine() : e.commandLine()));
            }
        }
        return new ArrayList<>(byPid.values());
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }

    static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0 || !cells.isEmpty()) {
            cells.add(cur.toString());
        }
        return cells;
    }
}
