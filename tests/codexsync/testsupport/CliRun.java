// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.testsupport;

import codexsync.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import picocli.CommandLine;

/**
 * Runs a command in-process through the same {@link Cli} wiring a user gets, capturing stdout and stderr.
 * The result's toString goes into assertion messages so a failure shows what the user would have seen.
 */
public final class CliRun {
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private CliRun() {
    }

    /**
     * Runs the umbrella {@code codexsync} command (a default-package class, so reached by reflection) with the
     * subcommands it adds for these arguments, as its main() does.
     */
    public static Result umbrella(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(umbrellaCommandLine(args), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The umbrella's command line for these arguments; with none, every subcommand is on it. */
    public static CommandLine umbrellaCommandLine(String... args) {
        try {
            Method m = Class.forName("codexsync").getDeclaredMethod("commandLine", String[].class);
            m.setAccessible(true);
            return (CommandLine) m.invoke(null, (Object) args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("umbrella command not on the test class path", e);
        }
    }

    public static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(command, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
