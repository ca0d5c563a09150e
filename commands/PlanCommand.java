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

import codexsync.app.PlanService;
import codexsync.cli.BaseCommand;
import codexsync.cli.Cli;
import codexsync.cli.FolderOptions;
import codexsync.cli.TerminalProgress;
import codexsync.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show what a sync would do (copies, conflicts, deletions). Writes nothing and never looks at processes.",
                "Exits 0 even when it lists conflicts or a sync would stop (exit 5); stderr says why."})
public class PlanCommand extends BaseCommand {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;
    @Mixin
    FolderOptions folders;

    @Override
    public Integer call() {
        // Exit 0 even with conflicts or a tripped mass-delete guard: plan is a preview (0.1.1); stderr says why a
        // sync would stop.
        return print(new PlanService(host(), TerminalProgress.forStderr(err())).plan(invocation(folders.overrides())),
                json);
    }

    public static void main(String... args) {
        Cli.exit(new PlanCommand(), args);
    }
}
