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
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** The umbrella command: {@code codexsync [global options] <command> [options]}. */
@Command(name = "codexsync", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        // One paragraph: picocli wraps it at the usage width (80), at word boundaries.
        description = "Carry your Codex state (~/.codex: sessions, history, settings, skills; never login tokens) "
                + "between your machines through a folder your cloud client already syncs. Runs only while Codex is "
                + "closed.",
        subcommands = {InitConfigCommand.class, ValidateCommand.class, DoctorCommand.class, PlanCommand.class,
                SyncCommand.class, RestoreCommand.class, StatusCommand.class,
                CompletionCommand.class})
public class codexsync extends BaseCommand {
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of init-config, validate, "
                + "doctor (preflight), plan, sync, restore, completion");
    }

    public static void main(String... args) {
        Cli.exit(new codexsync(), args);
    }
}
