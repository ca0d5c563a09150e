// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.ChildJvm;
import codexsync.testsupport.CiRequired;
import codexsync.testsupport.Jdks;
import codexsync.testsupport.SyncFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees on the console of a real codexsync process: no per-file lines unless --verbose (they are
 * always in the log file), the summary and warnings, and a progress line exactly when stderr is a terminal - also
 * when stdout is piped into tee, and never when stderr is a file, on JDK 17 and on JDK 25 (where System.console()
 * is never null).
 */
class ConsoleOutputTest {
    private static final int FILES = 30;

    @TempDir
    Path tmp;

    @Test
    void perFileLinesGoToTheLogFileAndOnlyWithVerboseToTheConsole() throws Exception {
        Path config = workspace(true);
        Ended quiet = run(javaCommand(null, "-c", config.toString(), "sync", "--apply"));
        assertEquals(0, quiet.code, quiet.err);
        assertFalse(quiet.err.contains(" copy "), "per-file lines on the console:\n" + quiet.err);
        assertTrue(quiet.err.contains("summary command=sync mode=apply copied=" + FILES), quiet.err);
        assertEquals(FILES, count(logFileText(), " copy "), "every copy is in the log file");

        Files.writeString(tmp.resolve("home/skills/s0.md"), "changed", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(tmp.resolve("home/skills/s0.md"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Ended verbose = run(javaCommand(null, "-c", config.toString(), "--verbose", "sync", "--apply"));
        assertEquals(0, verbose.code, verbose.err);
        assertEquals(1, count(verbose.err, " copy "), verbose.err);
    }

    @Test
    void noProgressWhenStderrIsAFileOnEveryJdk() throws Exception {
        Path config = workspace(false);
        for (int jdk : List.of(17, 25)) {
            Path javaHome = Jdks.home(jdk).orElse(null);
            if (javaHome == null) {
                continue; // JDK 25 is optional here; the test below covers the default JDK's terminal case
            }
            Ended r = run(javaCommand(javaHome, "-c", config.toString(), "plan"));
            assertEquals(0, r.code, r.err);
            assertFalse(r.err.contains("\r") || r.err.contains("scan: "), "JDK " + jdk + " drew progress into a "
                    + "file:\n" + r.err);
        }
    }

    @CiRequired
    @Test
    @EnabledOnOs(OS.LINUX)
    void progressIsDrawnOnAStderrTerminalEvenWhenStdoutGoesToTee() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script (util-linux) is not installed");
        Path config = workspace(false);
        Path teeOut = tmp.resolve("tee.txt");
        List<String> jdks = new ArrayList<>(List.of(System.getProperty("java.home")));
        Jdks.home(25).ifPresent(h -> jdks.add(h.toString()));
        for (String javaHome : jdks) {
            List<String> java = javaCommand(Path.of(javaHome), "-c", config.toString(), "plan");
            // script(1) gives the command a pseudo-terminal; stdout then goes through a pipe into tee.
            String shell = java.stream().map(ConsoleOutputTest::quote).collect(Collectors.joining(" "))
                    + " | tee " + quote(teeOut.toString()) + " >/dev/null";
            Path terminal = tmp.resolve("terminal.txt");
            Process p = new ProcessBuilder("/usr/bin/script", "-qec", shell, "/dev/null")
                    .redirectOutput(terminal.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            String screen = Files.readString(terminal, StandardCharsets.UTF_8);
            assertTrue(screen.contains("scan: ") && screen.contains("\r"), javaHome + ": no progress on the "
                    + "terminal:\n" + screen);
            String piped = Files.readString(teeOut, StandardCharsets.UTF_8);
            assertFalse(piped.contains("scan: "), "progress leaked into stdout:\n" + piped);
            assertTrue(piped.contains("skills/s0.md"), "the plan went through tee:\n" + piped);
        }
    }

    @Test
    void procLinkTellsATerminalFromAPipeOrFile() throws IOException {
        assertTrue(StderrTerminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(StderrTerminal.isTerminalDevice("/dev/tty1"));
        assertFalse(StderrTerminal.isTerminalDevice("pipe:[81234]"));
        assertFalse(StderrTerminal.isTerminalDevice("/home/me/sync.log"));
        Path link = Files.createSymbolicLink(tmp.resolve("fd2"), Path.of("/dev/pts/7"));
        assertEquals(Boolean.TRUE, StderrTerminal.fromProcLink(link));
        assertNull(StderrTerminal.fromProcLink(tmp.resolve("no-such-link")));
        assertTrue(StderrTerminal.isCharacterDevice(0020620), "crw--w---- (a tty)");
        assertFalse(StderrTerminal.isCharacterDevice(0100644), "a regular file");
        assertFalse(StderrTerminal.isCharacterDevice(0010600), "a pipe");
    }

    private Path workspace(boolean logFile) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home/skills"));
        for (int i = 0; i < FILES; i++) {
            Files.writeString(home.resolve("s" + i + ".md"), "skill " + i, StandardCharsets.UTF_8);
        }
        Map<String, String> extra = new HashMap<>(Map.of("targets", "include_roots = [\"skills\"]"));
        if (logFile) {
            extra.put("logging", "file = \"${workspace_root}/logs/codexsync.log\"");
        }
        return SyncFixtures.config(tmp.resolve("config.toml"), "desk", tmp.resolve("home"), tmp.resolve("ws"), extra);
    }

    private String logFileText() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.walk(tmp.resolve("ws/logs"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".log")).toList()) {
                all.append(Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> javaCommand(Path javaHome, String... args) {
        List<String> cmd = new ArrayList<>(ChildJvm.command(List.of(), "codexsync", args).command());
        if (javaHome != null) {
            cmd.set(0, javaHome.resolve("bin/java").toString());
        }
        return cmd;
    }

    private record Ended(int code, String err) {
    }

    private Ended run(List<String> cmd) throws IOException, InterruptedException {
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Ended(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
