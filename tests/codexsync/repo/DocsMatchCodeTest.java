// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.repo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.ExitStatus;
import codexsync.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Docs that match the code: every command and option in docs/commands.md, every exit code in README and docs. */
class DocsMatchCodeTest {
    private final Path root = RepoRoot.find();

    private static CommandLine umbrella() {
        return codexsync.testsupport.CliRun.umbrellaCommandLine();
    }

    @Test
    void everyCommandAndEveryOptionIsDocumented() throws Exception {
        String doc = Files.readString(root.resolve("docs/commands.md"));
        for (Map.Entry<String, CommandLine> sub : umbrella().getSubcommands().entrySet()) {
            assertTrue(doc.contains("## " + sub.getValue().getCommandName()), "docs/commands.md lacks " + sub.getKey());
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                assertTrue(doc.contains(option.longestName()), "docs/commands.md lacks " + sub.getKey() + " "
                        + option.longestName());
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                        sub.getKey() + " " + option.longestName() + " has no help text");
            }
        }
    }

    @Test
    void readmeAndCommandDocsCarryTheExitCodeTable() throws IOException {
        for (String file : new String[] {"README.md", "docs/commands.md"}) {
            String text = Files.readString(root.resolve(file));
            for (ExitStatus s : ExitStatus.values()) {
                assertTrue(text.contains("| " + s.code() + " | "), file + " lacks exit code " + s.code());
            }
        }
    }

    /** Every decision number a comment cites ({@code D11}, {@code D13b}) can be looked up in docs/decisions.md. */
    @Test
    void everyCitedDecisionIsInDocsDecisions() throws IOException {
        String decisions = Files.readString(root.resolve("docs/decisions.md"));
        java.util.regex.Pattern cite = java.util.regex.Pattern.compile("\\bD\\d+[a-z]?\\b");
        java.util.Set<String> cited = new java.util.TreeSet<>();
        for (String folder : new String[] {"lib", "commands", "tests"}) {
            try (java.util.stream.Stream<Path> files = Files.walk(root.resolve(folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    cite.matcher(Files.readString(f)).results().forEach(m -> cited.add(m.group()));
                }
            }
        }
        assertTrue(cited.size() >= 10, "the scan found the citations: " + cited);
        java.util.List<String> missing = cited.stream().filter(d -> !decisions.contains("### " + d + " ")).toList();
        assertTrue(missing.isEmpty(), "cited in the code but not in docs/decisions.md: " + missing);
    }
}
