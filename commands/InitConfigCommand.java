///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS org.tomlj:tomlj:1.1.1
//DEPS org.apache.commons:commons-compress:1.28.0
//DEPS com.google.code.gson:gson:2.15.0
//DEPS org.slf4j:slf4j-api:2.0.20
//DEPS ch.qos.logback:logback-classic:1.6.6
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

    @Override
    public Integer call() {
        invocation();
        return print(new ConfigService(host()).initConfig(output, force), false);
    }

    public static void main(String... args) {
        Cli.exit(new InitConfigCommand(), args);
    }
}
