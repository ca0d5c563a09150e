// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code codexsync completion bash}, sourced in a real bash, completes every command (and alias) and every option
 * of each - all taken from picocli's model, so a command added later is checked without editing this test - and the
 * umbrella help reads cleanly at 80 columns.
 */
class CompletionTest {
    @TempDir
    Path tmp;

    private static CommandLine umbrella() {
        return codexsync.testsupport.CliRun.umbrellaCommandLine();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void bashCompletesEveryCommandAndEveryOption() throws Exception {
        CliRun.Result script = CliRun.umbrella("completion", "bash");
        assertEquals(0, script.code(), script.toString());
        Path file = tmp.resolve("codexsync-completion.bash");
        Files.writeString(file, script.out(), StandardCharsets.UTF_8);

        CommandLine root = umbrella();
        // Each case: the words typed so far (the last one is being completed) -> what must be offered.
        Map<List<String>, Set<String>> cases = new LinkedHashMap<>();
        Set<String> commands = new TreeSet<>();
        for (CommandLine sub : new java.util.LinkedHashSet<>(root.getSubcommands().values())) {
            commands.add(sub.getCommandName());
            commands.addAll(List.of(sub.getCommandSpec().aliases()));
            Set<String> options = new TreeSet<>();
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.hidden()) {
                    options.addAll(List.of(o.names()));
                }
            }
            cases.put(List.of("codexsync", sub.getCommandName(), "-"), options);
        }
        cases.put(List.of("codexsync", ""), commands);
        assertTrue(commands.containsAll(List.of("init-config", "validate", "doctor", "preflight", "plan", "sync",
                "restore", "completion")), commands.toString());

        StringBuilder bash = new StringBuilder("source " + quote(file.toString()) + "\n");
        bash.append("""
                offer() {
                  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                  COMPREPLY=(); _complete_codexsync
                  printf '%s\\n' "${COMPREPLY[@]}"
                }
                """);
        for (List<String> words : cases.keySet()) {
            bash.append("echo '=== ").append(String.join(" ", words)).append("'\n");
            bash.append("offer");
            for (String w : words) {
                bash.append(' ').append(quote(w));
            }
            bash.append('\n');
        }
        Path driver = tmp.resolve("driver.bash");
        Files.writeString(driver, bash.toString(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("bash", driver.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), output);

        Map<String, Set<String>> offered = new LinkedHashMap<>();
        String current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("=== ")) {
                current = line.substring(4);
                offered.put(current, new TreeSet<>());
            } else if (current != null && !line.isBlank()) {
                offered.get(current).add(line.strip());
            }
        }
        for (Map.Entry<List<String>, Set<String>> c : cases.entrySet()) {
            String key = String.join(" ", c.getKey());
            Set<String> got = offered.getOrDefault(key, Set.of());
            List<String> missing = new ArrayList<>(c.getValue());
            missing.removeAll(got);
            assertTrue(missing.isEmpty(), "'" + key + "' does not offer " + missing + "; offered " + got + "\n"
                    + output);
        }
    }

    @Test
    void zshGetsTheSameScriptAndAnUnknownShellIsExit4() {
        CliRun.Result bash = CliRun.umbrella("completion", "bash");
        CliRun.Result zsh = CliRun.umbrella("completion", "zsh");
        assertEquals(0, zsh.code(), zsh.toString());
        assertEquals(bash.out(), zsh.out());
        assertTrue(zsh.out().contains("bashcompinit"), "the script sets up zsh's bash completion");
        CliRun.Result fish = CliRun.umbrella("completion", "fish");
        assertEquals(4, fish.code(), fish.toString());
    }

    @Test
    void helpFitsEightyColumnsAndTheDescriptionIsOneParagraph() throws Exception {
        CommandLine root = umbrella();
        List<CommandLine> all = new ArrayList<>(List.of(root));
        all.addAll(new java.util.LinkedHashSet<>(root.getSubcommands().values()));
        for (CommandLine cl : all) {
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String line : help.split("\n")) {
                assertTrue(line.length() <= 80, cl.getCommandName() + " help has a line over 80 columns:\n" + line);
            }
        }
        // The description fills its lines: no line ends early while the next one still has room for its first word.
        String help = root.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String[] lines = help.split("\n");
        int start = 0;
        while (!lines[start].startsWith("Carry")) {
            start++;
        }
        for (int i = start; i + 1 < lines.length && !lines[i + 1].startsWith(" "); i++) {
            String nextWord = lines[i + 1].split(" ")[0];
            assertTrue(lines[i].length() + 1 + nextWord.length() > 80, "the description breaks early after '"
                    + lines[i] + "'\n" + help);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
