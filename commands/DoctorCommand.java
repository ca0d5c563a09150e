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

import codexsync.app.DoctorService;
import codexsync.cli.BaseCommand;
import codexsync.cli.Cli;
import codexsync.cli.FolderOptions;
import codexsync.cli.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, aliases = {"preflight"},
        description = "Check that a sync can run safely (config, folders, permissions, base state, Codex processes). Writes nothing.")
public class DoctorCommand extends BaseCommand {
    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;
    @Mixin
    FolderOptions folders;

    @Override
    public Integer call() {
        return print(new DoctorService(host()).run(invocation(folders.overrides())), json);
    }

    public static void main(String... args) {
        Cli.exit(new DoctorCommand(), args);
    }
}
