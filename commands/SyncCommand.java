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
//SOURCES ../lib/LibSources.java
// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.commands;

import codexsync.app.SyncService;
import codexsync.cli.BaseCommand;
import codexsync.cli.Cli;
import codexsync.cli.FolderOptions;
import codexsync.cli.TerminalProgress;
import codexsync.cli.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Synchronise the Codex home with the cloud folder. A dry run unless --apply (or sync.dry_run_default = false).")
public class SyncCommand extends BaseCommand {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;
    @Mixin
    FolderOptions folders;
    static class Mode {
        @Option(names = "--dry-run", description = "Show what would be done; write nothing.")
        boolean dryRun;

        @Option(names = "--apply", description = "Do it: back up, then write.")
        boolean apply;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    @Option(names = "--no-handoff-check", description = {"Pull without first checking that every file other machines "
            + "last left in the cloud folder has arrived here (their handoff records).",
            "Use when a machine no longer syncs, or its files were removed outside codexsync."})
    boolean noHandoffCheck;

    @Option(names = "--take-over-machine-id", description = {"Make this machine's installation the owner of its machine "
            + "id's state file even though another installation wrote it last (with --apply).",
            "For a reinstalled machine that keeps its old id: its base state is used as this machine's own, and the "
            + "previous owner's writing runs are refused (exit 4) from then on. Never use it for two machines that "
            + "both still sync: give one of them another identity.machine_id instead."})
    boolean takeOverMachineId;

    @Override
    public Integer call() {
        SyncService.Mode m = mode == null ? SyncService.Mode.DEFAULT
                : mode.apply ? SyncService.Mode.APPLY : SyncService.Mode.DRY_RUN;
        return print(SyncService.standard(host(), TerminalProgress.forStderr(err()))
                .sync(invocation(folders.overrides()), m, !noHandoffCheck, takeOverMachineId), json);
    }

    public static void main(String... args) {
        Cli.exit(new SyncCommand(), args);
    }
}
