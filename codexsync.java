///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS org.tomlj:tomlj:1.1.1
//DEPS org.apache.commons:commons-compress:1.28.0
//DEPS com.google.code.gson:gson:2.15.0
//DEPS org.slf4j:slf4j-api:2.0.20
//DEPS ch.qos.logback:logback-classic:1.6.6
//DEPS com.github.luben:zstd-jni:1.5.7-28
//SOURCES lib/LibSources.java
//SOURCES commands/InitConfigCommand.java
//SOURCES commands/ValidateCommand.java
//SOURCES commands/DoctorCommand.java
//SOURCES commands/PlanCommand.java
//SOURCES commands/SyncCommand.java
//SOURCES commands/RestoreCommand.java
//SOURCES commands/StatusCommand.java
// SPDX-License-Identifier: GPL-3.0-or-later

import codexsync.cli.BaseCommand;
import codexsync.cli.Cli;
import codexsync.cli.CompletionCommand;
import codexsync.cli.VersionProvider;
import codexsync.commands.DoctorCommand;
import codexsync.commands.InitConfigCommand;
import codexsync.commands.PlanCommand;
import codexsync.commands.RestoreCommand;
import codexsync.commands.StatusCommand;
import codexsync.commands.SyncCommand;
import codexsync.commands.ValidateCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * The umbrella command: {@code codexsync [global options] <command> [options]}. Its subcommands are added in main(),
 * only those the arguments name ({@link #COMMANDS}).
 */
@Command(name = "codexsync", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        // One paragraph: picocli wraps it at the usage width (80), at word boundaries.
        description = "Carry your Codex state (~/.codex: sessions, history, settings, skills; never login tokens) "
                + "between your machines through a folder your cloud client already syncs. Runs only while Codex is "
                + "closed.")
public class codexsync extends BaseCommand {
    /**
     * Every subcommand by its name, in help order. picocli builds a command's whole model by reflection when it is
     * added, so a run adds only the commands its arguments name (all of them when they name none, e.g. --help or a
     * typo that needs suggestions, and for completion, which describes them all): about 0.06 s less per start.
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("init-config", InitConfigCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("doctor", DoctorCommand::new);
        m.put("plan", PlanCommand::new);
        m.put("sync", SyncCommand::new);
        m.put("restore", RestoreCommand::new);
        m.put("status", StatusCommand::new);
        m.put("completion", CompletionCommand::new);
        return m;
    }

    /** The subcommands to add for these arguments (see {@link #COMMANDS}). */
    static List<Object> subcommandsFor(String... args) {
        List<String> named = Arrays.asList(args);
        boolean all = named.contains("completion") || COMMANDS.keySet().stream().noneMatch(named::contains);
        List<Object> out = new ArrayList<>();
        COMMANDS.forEach((name, command) -> {
            if (all || named.contains(name)) {
                out.add(command.get());
            }
        });
        return out;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of init-config, validate, "
                + "doctor (preflight), plan, sync, restore, completion");
    }

    /** The umbrella's command line for these arguments (tests: with none, every subcommand). */
    static CommandLine commandLine(String... args) {
        return Cli.commandLine(new codexsync(), subcommandsFor(args));
    }

    public static void main(String... args) {
        Cli.exit(commandLine(args), args);
    }
}
