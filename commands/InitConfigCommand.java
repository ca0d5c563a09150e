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

import codexsync.app.ConfigService;
import codexsync.cli.BaseCommand;
import codexsync.cli.Cli;
import codexsync.cli.VersionProvider;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init-config", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Write the bundled, commented config template (every key with its safe default).")
public class InitConfigCommand extends BaseCommand {
    @Option(names = "--output", paramLabel = "FILE", description = "Where to write it (default: ./config.toml). Parent folders are created.")
    Path output;

    @Option(names = "--force", description = "Overwrite the file if it already exists.")
    boolean force;

    @Option(names = "--cloud", paramLabel = "auto|DIR", description = {"Put the workspace (workspace_root_dir) in "
            + "DIR/codexsync, DIR being a folder your cloud client syncs.",
            "auto: list the folders the installed clients sync (Dropbox, OneDrive, Google Drive, iCloud Drive, "
                    + "Syncthing) and propose the first; the output says which and how to change it."})
    String cloud;

    @Override
    public Integer call() {
        invocation();
        return print(new ConfigService(host()).initConfig(output, force, cloud), false);
    }

    public static void main(String... args) {
        Cli.exit(new InitConfigCommand(), args);
    }
}
