// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.guard;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fallback for macOS and Linux when {@link ProcessHandle} yields nothing usable: {@code ps}. The name ({@code comm})
 * and the command line ({@code args}) are read in two calls and joined by pid, because either may contain spaces
 * and one line holding both could not be split reliably.
 */
public final class PosixPsReader implements ProcessReader {
    public static final String SOURCE = "ps";

    @Override
    public Optional<ProcessSnapshot> read() {
        Optional<String> names = ExternalCommand.output(List.of("ps", "-A", "-o", "pid=", "-o", "ppid=", "-o", "comm="),
                Charset.defaultCharset());
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, String> args = new HashMap<>();
        ExternalCommand.output(List.of("ps", "-A", "-o", "pid=", "-o", "args="), Charset.defaultCharset())
                .ifPresent(text -> parseArgs(text, args));
        return Optional.of(new ProcessSnapshot(parse(names.get(), args), SOURCE));
    }

    /** Parses {@code pid ppid comm} lines (comm may contain spaces: it is the rest of the line). */
    static List<ProcessSnapshot.Entry> parse(String psOutput, Map<Long, String> argsByPid) {
        List<ProcessSnapshot.Entry> out = new ArrayList<>();
        for (String line : psOutput.split("\\R")) {
            String[] parts = line.strip().split("\\s+", 3);
            if (parts.length < 3) {
                continue;
            }
            try {
                long pid = Long.parseLong(parts[0]);
                long ppid = Long.parseLong(parts[1]);
                String comm = parts[2].strip();
                out.add(new ProcessSnapshot.Entry(pid, ppid, ProcessNames.basename(comm), argsByPid.getOrDefault(pid, comm)));
            } catch (NumberFormatException e) {
                // A header or garbage line: skip it rather than guess.
            }
        }
        return out;
    }

    static void parseArgs(String psOutput, Map<Long, String> into) {
        for (String line : psOutput.split("\\R")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2) {
                try {
                    into.put(Long.parseLong(parts[0]), parts[1]);
                } catch (NumberFormatException e) {
                    // skip
                }
            }
        }
    }
}
