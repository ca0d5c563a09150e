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

import codexsync.app.RestoreRequest;
import codexsync.app.RestoreRequest.Target;
import codexsync.app.RestoreService;
import codexsync.cli.BaseCommand;
import codexsync.cli.Cli;
import codexsync.cli.FolderOptions;
import codexsync.cli.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Put files back from a backup snapshot in backup_dir (the newest unless --from). A dry run "
                + "unless --apply; an apply first backs up every file it replaces into a new snapshot.",
                "Never restores login tokens, SQLite databases or codexsync's logs, never writes outside the target, "
                        + "and never puts a file backed up from the cloud side into the Codex home."})
public class RestoreCommand extends BaseCommand {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;
    @Mixin
    FolderOptions folders;
    static class Mode {
        @Option(names = "--dry-run", description = "Show what would be done; write nothing (the default).")
        boolean dryRun;

        @Option(names = "--apply", description = "Do it: back up the files it replaces, then write.")
        boolean apply;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    @Option(names = "--from", paramLabel = "NAME",
            description = "Snapshot folder or .zip name in backup_dir, with or without .zip (default: the newest by modification time).")
    String from;

    @Option(names = "--target", paramLabel = "local|cloud", converter = TargetConverter.class,
            description = "Restore into the Codex home (local, default) or the cloud folder (cloud).")
    Target target = Target.LOCAL;

    @Option(names = "--list", description = "List the snapshots in backup_dir (newest first) and exit; restores nothing.")
    boolean list;

    /** {@code --target} accepts exactly {@code local} or {@code cloud}; anything else is an argument error (exit 4). */
    static class TargetConverter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            return Target.parse(value);
        }
    }

    @Override
    public Integer call() {
        boolean apply = mode != null && mode.apply;
        if (list && (apply || from != null)) {
            throw new ParameterException(spec.commandLine(), "--list cannot be combined with --apply or --from");
        }
        RestoreService service = new RestoreService(host());
        if (list) {
            return print(service.list(invocation(folders.overrides())), json);
        }
        return print(service.restore(invocation(folders.overrides()), new RestoreRequest(from, target, apply)), json);
    }

    public static void main(String... args) {
        Cli.exit(new RestoreCommand(), args);
    }
}
