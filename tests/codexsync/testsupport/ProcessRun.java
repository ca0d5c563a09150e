// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs the real CLI as a separate process through {@code ./jbang}, the way a user does. */
public final class ProcessRun {
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    /** The variables that choose a POSIX locale. */
    public static final Set<String> LOCALE_VARIABLES = Set.of("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
            "LC_COLLATE", "LC_NUMERIC", "LC_TIME");

    private ProcessRun() {
    }

    /** {@code ./jbang codexsync.java <args>} from the repository root. */
    public static Result codexsync(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("./jbang", "codexsync.java"));
        cmd.addAll(List.of(args));
        return run(RepoRoot.find(), env, cmd);
    }

    public static Result run(Path dir, Map<String, String> env, List<String> cmd) {
        return run(dir, env, Set.of(), cmd);
    }

    /** As {@link #run(Path, Map, List)}, with the variables in {@code unset} removed from the child's environment. */
    public static Result run(Path dir, Map<String, String> env, Set<String> unset, List<String> cmd) {
        try {
            Path outFile = Files.createTempFile("codexsync-out", ".txt");
            Path errFile = Files.createTempFile("codexsync-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                        .redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
                pb.environment().keySet().removeAll(unset);
                if ("1".equals(System.getenv("CODEXSYNC_TEST_UNSET_LOCALE"))) {
                    // .ci/run's locale-unset job: the CLI must also start as a scheduler would, with no locale at all
                    // (./jbang switched this test JVM to UTF-8; its children would inherit that).
                    pb.environment().keySet().removeAll(LOCALE_VARIABLES);
                }
                pb.environment().putAll(env);
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                        Files.readString(errFile, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(outFile);
                Files.deleteIfExists(errFile);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
