// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A codexsync command in a real child JVM with the test's own class path: much faster than {@code ./jbang}, and
 * a real process for tests whose subject is a process (signals, kills, what it prints on stderr).
 */
public final class ChildJvm {
    /** How a signalled child ended: its exit code and everything it printed on stderr. */
    public record Ended(int code, String err, boolean signalled) {
    }

    private ChildJvm() {
    }

    /** {@code java -cp <test class path> <jvmOptions> <mainClass> <args>}, stdout discarded. */
    public static ProcessBuilder command(List<String> jvmOptions, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmOptions);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    /**
     * Starts the child and sends it {@code signal} (via kill(1), as a scheduler or Ctrl-C would) when it first prints
     * a stderr line containing {@code marker}; waits (bounded) for it to end. No timing: the child's own line
     * decides the moment.
     */
    public static Ended runAndSignalOn(ProcessBuilder pb, String marker, String signal)
            throws IOException, InterruptedException {
        Process p = pb.start();
        StringBuilder err = new StringBuilder();
        boolean signalled = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                err.append(line).append('\n');
                if (!signalled && line.contains(marker)) {
                    // kill(1), not Process.destroy(): destroy would also close the streams read here.
                    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
                    if (kill.waitFor() != 0) {
                        throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
                    }
                    signalled = true;
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("child did not end:\n" + err);
        }
        return new Ended(p.exitValue(), err.toString(), signalled);
    }
}
