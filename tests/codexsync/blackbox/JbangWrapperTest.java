// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import codexsync.testsupport.CiRequired;
import codexsync.testsupport.RepoRoot;

/**
 * Black-box checks of the JBang launchers at the repository root (jbang,
 * jbang.cmd, jbang.ps1). Everything else in the project is started through
 * them, so a broken launcher breaks every user, CI run and test at once.
 */
class JbangWrapperTest {

    private static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");

    private final Path root = RepoRoot.find();

    /** One pinned version per launcher, in each launcher's own syntax. */
    @Test
    void pinnedJbangVersionIsTheSameInAllThreeLaunchers() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("jbang", pinned("jbang", "(?m)^JBANG_VERSION=([0-9][^\\s]*)\\s*$"));
        versions.put("jbang.cmd", pinned("jbang.cmd", "(?mi)^set \"JBANG_VERSION=([0-9][^\"]*)\"\\s*$"));
        versions.put("jbang.ps1", pinned("jbang.ps1", "(?m)^\\$JBangVersion = '([0-9][^']*)'\\s*$"));
        assertEquals(1, versions.values().stream().distinct().count(), "launchers disagree: " + versions);
    }

    /** The compiled build lock is shared per version: launchers that disagree would run a stale one. */
    @Test
    void buildLockVersionIsTheSameInAllThreeLaunchers() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("jbang", pinned("jbang", "(?m)^BUILD_LOCK_VERSION=([0-9]+)\\s*$"));
        versions.put("jbang.cmd", pinned("jbang.cmd", "(?mi)^set \"BUILD_LOCK_VERSION=([0-9]+)\"\\s*$"));
        versions.put("jbang.ps1", pinned("jbang.ps1", "(?m)^\\$BuildLockVersion = ([0-9]+)\\s*$"));
        assertEquals(1, versions.values().stream().distinct().count(), "launchers disagree: " + versions);
    }

    private String pinned(String file, String regex) throws IOException {
        String text = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), file + " has no pinned JBang version matching " + regex);
        String version = m.group(1);
        assertFalse(m.find(), file + " pins the JBang version more than once");
        return version;
    }

    @CiRequired
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void posixLauncherParsesAndPassesShellcheck() throws Exception {
        assumeFalse(WINDOWS, "POSIX launcher");
        Result syntax = run(root, List.of("sh", "-n", "jbang"));
        assertEquals(0, syntax.exit, "sh -n jbang:\n" + syntax.output());

        assumeTrue(onPath("shellcheck"), "shellcheck is not on PATH (CI installs it)");
        Result lint = run(root, List.of("shellcheck", "-s", "sh", "jbang"));
        assertEquals(0, lint.exit, "shellcheck -s sh jbang:\n" + lint.output());
    }

    /**
     * Arguments must reach the script byte for byte and the script's exit code
     * must come back: JBang's exit-code-255 hand-over re-parses the command
     * line through eval, which is exactly where quoting breaks.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // the first run may download JBang
    void argumentsAndExitCodePassThroughUnchanged(@TempDir Path tmp) throws Exception {
        // cmd.exe has no faithful way to pass these arguments at all, so the
        // check is only meaningful for the POSIX launcher.
        assumeFalse(WINDOWS, "POSIX launcher");
        Path script = tmp.resolve("echoargs.java");
        Files.writeString(script, String.join("\n",
                "//JAVA 17+",
                "public class echoargs {",
                "    public static void main(String... args) {",
                "        for (String a : args) System.out.println(\"<\" + a + \">\");",
                "        System.exit(42);",
                "    }",
                "}",
                ""), StandardCharsets.UTF_8);

        // No empty string: JBang itself drops empty arguments when it builds
        // the command line (upstream behaviour, not the wrapper's).
        List<String> args = List.of("a b", "\"double\"", "it's", "$HOME", "${PATH}", "$(id)", "*", "back\\slash",
                "semi;colon&amp|pipe", "  lead and trail  ");

        List<String> command = new ArrayList<>();
        command.add("./jbang");
        command.add(script.toString());
        command.addAll(args);

        Result r = run(root, command);
        List<String> expected = new ArrayList<>();
        for (String a : args) {
            expected.add("<" + a + ">");
        }
        assertEquals(expected, r.stdoutLines(), "stdout; stderr was:\n" + r.stderr);
        assertEquals(42, r.exit, "exit code; stderr was:\n" + r.stderr);
    }

    // ------------------------------------------------------------- helpers

    private record Result(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }

        List<String> stdoutLines() {
            return stdout.lines().toList();
        }
    }

    private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("jbang-wrapper-test", ".out");
        Path err = Files.createTempFile("jbang-wrapper-test", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            int exit = p.waitFor();
            return new Result(exit, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
