///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.tomlj:tomlj:1.1.1
//DEPS org.apache.commons:commons-compress:1.28.0
//DEPS com.google.code.gson:gson:2.13.2
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS ch.qos.logback:logback-classic:1.5.21
//SOURCES ../lib/LibSources.java
// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.commands;

import codexsync.cli.BaseCommand;
import codexsync.cli.Cli;
import codexsync.cli.FolderOptions;
import codexsync.cli.VersionProvider;
import codexsync.core.RuntimeFailureException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show what a sync would do (copies, conflicts, deletions). Writes nothing and never looks at processes.")
public class PlanCommand extends BaseCommand {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;
    @Mixin
    FolderOptions folders;

    @Override
    public Integer call() {
        invocation();
        throw new RuntimeFailureException("'plan' is not implemented yet in this version of codexsync", null,
                "use a newer codexsync; see CHANGELOG.md");
    }

    public static void main(String... args) {
        Cli.exit(new PlanCommand(), args);
    }
}
