// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import codexsync.core.CodexsyncException;
import codexsync.core.ExitStatus;
import codexsync.log.LogSetup;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds and runs a picocli command line the same way for the umbrella and for every standalone command
 * script: exit codes per {@link ExitStatus} (argument errors are 4, not picocli's 2, which here means
 * "conflict"), one error style, stack traces only with --verbose, the exit-code table in every --help.
 */
public final class Cli {
    private Cli() {
    }

    /** Entry point of every script's {@code main}: runs and exits with the command's code. */
    public static void exit(Object command, String... args) {
        exit(commandLine(command), args);
    }

    /** The same for a command line built already (the umbrella's, with the subcommands its arguments name). */
    public static void exit(CommandLine cl, String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        processErr = err;
        System.exit(execute(cl, out, err, args));
    }

    /** The writer on this process's real stderr ({@link #exit}); in-process runs (tests) pass their own. */
    private static volatile PrintWriter processErr;

    /** Whether {@code err} writes to this process's stderr, so a terminal test of stderr is about it. */
    static boolean isProcessStderr(PrintWriter err) {
        return err != null && err == processErr;
    }

    /** Runs in-process with the given streams (tests use this); returns the exit code. */
    public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
        return execute(commandLine(command), out, err, args);
    }

    /** As {@link #execute(Object, PrintWriter, PrintWriter, String...)} for a command line built already. */
    public static int execute(CommandLine cl, PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        cl.setOut(out);
        cl.setErr(err);
        boolean json = Arrays.asList(args).contains("--json");
        cl.setParameterExceptionHandler((ex, a) -> handleParameterError(ex, json));
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> handleFailure(ex, line, parseResult, json));
        cl.setExecutionStrategy(parseResult -> refuseLossyFileNames(parseResult, json, out, err)
                .orElseGet(() -> {
                    // Logging is set up only for a command that runs: --help and --version (and a mistyped
                    // option) print and exit without loading the logging library.
                    if (!helpOrVersionRequested(parseResult)) {
                        LogSetup.console(verbose);
                    }
                    return new CommandLine.RunLast().execute(parseResult);
                }));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command line, also used by tests to inspect options and help. */
    public static CommandLine commandLine(Object command) {
        return commandLine(command, List.of());
    }

    /** The configured command line with these subcommands added (picocli's {@code addSubcommand}), in this order. */
    public static CommandLine commandLine(Object command, List<?> subcommands) {
        CommandLine cl = new CommandLine(command);
        subcommands.forEach(cl::addSubcommand);
        cl.setExitCodeExceptionMapper(Cli::exitCodeOf);
        applyToAll(cl);
        return cl;
    }

    public static Map<String, String> exitCodeHelp() {
        Map<String, String> table = new LinkedHashMap<>();
        for (ExitStatus s : ExitStatus.values()) {
            table.put(String.valueOf(s.code()), s.help());
        }
        return table;
    }

    private static void applyToAll(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(ExitStatus.INVALID_INPUT.code());
        cl.getCommandSpec().exitCodeOnExecutionException(ExitStatus.RUNTIME_ERROR.code());
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodeHelp());
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        for (CommandLine sub : cl.getSubcommands().values()) {
            applyToAll(sub);
        }
    }

    private static int exitCodeOf(Throwable t) {
        if (t instanceof ParameterException) {
            return ExitStatus.INVALID_INPUT.code();
        }
        if (t instanceof CodexsyncException ce) {
            return ce.status().code();
        }
        return ExitStatus.RUNTIME_ERROR.code();
    }

    /**
     * Refuses to run a command (help and version still answer) when file names outside ASCII would be garbled:
     * exit 5 before anything is read or written, with the fix.
     */
    private static Optional<Integer> refuseLossyFileNames(ParseResult parseResult, boolean json, PrintWriter out,
                                                          PrintWriter err) {
        String charset = FileNameCharset.lossyCharset();
        if (charset == null || helpOrVersionRequested(parseResult)) {
            return Optional.empty();
        }
        ReportPrinter.printError("the locale's character set is " + charset + ", so file names outside ASCII "
                        + "(e.g. skills/ü.md) cannot be read or written correctly; nothing was done", null,
                "start codexsync through ./jbang (it switches to a UTF-8 locale), or set LC_ALL=C.UTF-8 "
                        + "(any UTF-8 locale from `locale -a`) in its environment", ExitStatus.SAFE_ABORT, json, out, err);
        return Optional.of(ExitStatus.SAFE_ABORT.code());
    }

    private static boolean helpOrVersionRequested(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.isUsageHelpRequested() || pr.isVersionHelpRequested()) {
                return true;
            }
        }
        return false;
    }

    private static int handleParameterError(ParameterException ex, boolean json) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        String hint = "run '" + name + " --help' for the options";
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            hint = "did you mean " + String.join(" or ", u.getSuggestions()) + "? (" + hint + ")";
        }
        ReportPrinter.printError(ex.getMessage(), null, hint, ExitStatus.INVALID_INPUT, json, cl.getOut(), err);
        err.println(cl.getHelp().fullSynopsis().stripTrailing());
        err.flush();
        return ExitStatus.INVALID_INPUT.code();
    }

    private static int handleFailure(Exception ex, CommandLine line, ParseResult parseResult, boolean json) {
        PrintWriter err = line.getErr();
        boolean verbose = line.getCommand() instanceof BaseCommand b && b.verboseRequested();
        if (ex instanceof CodexsyncException ce) {
            ReportPrinter.printError(ce, json, line.getOut(), err);
        } else {
            String what = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            ReportPrinter.printError("unexpected error: " + what, null,
                    verbose ? "see the stack trace below" : "run again with --verbose for details, and report it if it persists",
                    ExitStatus.RUNTIME_ERROR, json, line.getOut(), err);
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCodeOf(ex);
    }
}
