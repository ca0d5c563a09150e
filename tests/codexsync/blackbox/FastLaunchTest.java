// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.testsupport.CheckoutCopy;
import codexsync.testsupport.CiRequired;
import codexsync.testsupport.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast launch path of ./jbang (docs/jbang-wrapper.md): once JBang has printed codexsync's command line, later
 * starts run it without JBang - and ask JBang again whenever a source, the catalog, the JDK, the JBang environment or
 * a jar on the class path changed, so stale code never runs.
 *
 * <p>How a test tells which path ran: JBANG_JAVA_OPTIONS is handed only to JBang's own JVM, so an option no JVM
 * knows makes every launch that asks JBang fail ("Unrecognized VM option") while a fast launch does not notice it.
 * Each test works on its own copy of the checkout with its own JBang cache.
 */
@DisabledOnOs(OS.WINDOWS)
class FastLaunchTest {
    private static final String JBANG_WOULD_FAIL = "-XX:+NoSuchOptionJBangWouldFailOn";

    @TempDir
    Path tmp;
    Path checkout;
    Path cache;

    @BeforeEach
    void copyCheckout() throws IOException {
        checkout = CheckoutCopy.copy(RepoRoot.find(), tmp.resolve("check out"));
        cache = tmp.resolve("jbang-cache");
    }

    record Run(int code, String output) {
    }

    private Run jbang(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./jbang"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "run", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(checkout.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("JBANG_CACHE_DIR", cache.toString());
        pb.environment().remove("JBANG_JAVA_OPTIONS");
        pb.environment().remove("CODEXSYNC_FAST_LAUNCH");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "./jbang " + String.join(" ", args) + " did not end");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private Run viaJbang(String... args) throws IOException, InterruptedException {
        return jbang(Map.of(), args);
    }

    /** A start during which JBang cannot run: it succeeds only on the fast path. */
    private Run withoutJbang(String... args) throws IOException, InterruptedException {
        return jbang(Map.of("JBANG_JAVA_OPTIONS", JBANG_WOULD_FAIL), args);
    }

    private static void assertAskedJbang(Run run) {
        assertNotEquals(0, run.code(), run.output());
        assertTrue(run.output().contains("Unrecognized VM option"), "expected JBang to be asked:\n" + run.output());
    }

    /** The files of the launcher's cache (stamps, class archives, markers) whose names pass {@code name}, sorted. */
    private List<Path> launchFiles(Predicate<String> name) throws IOException {
        Path dir = cache.resolve("codexsync-launch");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> name.test(p.getFileName().toString())).sorted().toList();
        }
    }

    private List<Path> stamps() throws IOException {
        return launchFiles(n -> n.endsWith(".launch"));
    }

    @Test
    void aSecondStartSkipsJbangAndAnyChangedSourceIsRebuiltBeforeItRuns() throws Exception {
        Run first = viaJbang("codexsync.java", "--version");
        assertEquals(0, first.code(), first.output());
        assertTrue(first.output().contains("codexsync 0.1.0"), first.output());
        assertEquals(1, stamps().size(), "one stamp for codexsync.java: " + stamps());

        Run fast = withoutJbang("codexsync.java", "--version");
        assertEquals(0, fast.code(), fast.output());
        assertTrue(fast.output().contains("codexsync 0.1.0"), fast.output());

        // A changed source - with its old size-independent mtime put back, as an archive or cp -p would leave it -
        // is seen by its bytes: JBang is asked, and the next ordinary start runs the new code.
        Path version = checkout.resolve("lib/codexsync/core/Version.java");
        FileTime mtime = Files.getLastModifiedTime(version);
        Files.writeString(version, Files.readString(version).replace("\"0.1.0\"", "\"0.1.0-changed\""));
        Files.setLastModifiedTime(version, mtime);
        assertAskedJbang(withoutJbang("codexsync.java", "--version"));
        Run rebuilt = viaJbang("codexsync.java", "--version");
        assertEquals(0, rebuilt.code(), rebuilt.output());
        assertTrue(rebuilt.output().contains("codexsync 0.1.0-changed"), rebuilt.output());
        Run fastAgain = withoutJbang("codexsync.java", "--version");
        assertEquals(0, fastAgain.code(), fastAgain.output());
        assertTrue(fastAgain.output().contains("codexsync 0.1.0-changed"), fastAgain.output());

        // A new source file is a change too (JBang would compile it).
        Files.writeString(checkout.resolve("lib/codexsync/core/Extra.java"),
                "package codexsync.core;\nfinal class Extra {\n}\n");
        assertAskedJbang(withoutJbang("codexsync.java", "--version"));
    }

    @Test
    void aMissingJarOrAChangedEnvironmentAsksJbangAgain() throws Exception {
        assertEquals(0, viaJbang("codexsync.java", "--version").code());
        assertEquals(0, withoutJbang("codexsync.java", "--version").code());

        // The JBang environment is part of the fingerprint (here: which JDK vendor JBang would pick).
        Run otherEnv = jbang(Map.of("JBANG_JAVA_OPTIONS", JBANG_WOULD_FAIL, "JBANG_JDK_VENDOR", "temurin"),
                "codexsync.java", "--version");
        assertAskedJbang(otherEnv);

        // The cache was cleared (jbang cache clear, a disk clean-up): the jar is gone, so JBang builds it again.
        try (Stream<Path> s = Files.walk(cache.resolve("jars"))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.delete(jar);
            }
        }
        assertAskedJbang(withoutJbang("codexsync.java", "--version"));
        Run rebuilt = viaJbang("codexsync.java", "--version");
        assertEquals(0, rebuilt.code(), rebuilt.output());
        assertEquals(0, withoutJbang("codexsync.java", "--version").code());

        // Switched off: always JBang.
        assertAskedJbang(jbang(Map.of("JBANG_JAVA_OPTIONS", JBANG_WOULD_FAIL, "CODEXSYNC_FAST_LAUNCH", "0"),
                "codexsync.java", "--version"));
    }

    private List<Path> archives() throws IOException {
        return launchFiles(n -> n.contains(".jsa"));
    }

    /** The classes a fast start of {@code codexsync.java --version} loaded from the class archive. */
    private long classesFromTheArchive(Map<String, String> env) throws Exception {
        Path logs = Files.createTempDirectory(tmp, "class-load");
        Map<String, String> withLog = new java.util.HashMap<>(env);
        withLog.put("JBANG_JAVA_OPTIONS", JBANG_WOULD_FAIL);
        // The java launcher reads JDK_JAVA_OPTIONS (JBang's command line does not mention it). One log per JVM: when
        // the launcher writes an archive it starts a second JVM to check it.
        withLog.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + logs + "/%p.txt");
        Run run = jbang(withLog, "codexsync.java", "--version");
        assertEquals(0, run.code(), run.output());
        assertTrue(run.output().contains("codexsync 0.1.0"), run.output());
        assertFalse(run.output().contains("warning"), "nothing about the archive is printed:\n" + run.output());
        List<List<String>> programs = new ArrayList<>();
        try (Stream<Path> s = Files.list(logs)) {
            for (Path log : s.toList()) {
                List<String> lines = Files.readAllLines(log);
                if (lines.stream().anyMatch(l -> l.contains(" codexsync.cli.Cli "))) {
                    programs.add(lines);
                }
            }
        }
        assertEquals(1, programs.size(), "one JVM ran the program");
        return programs.get(0).stream().filter(l -> l.contains("source: shared objects file (top)")).count();
    }

    /** Whether the JDK the launcher starts can write a class archive (HotSpot with the JDK's own archive). */
    private boolean jdkWritesClassArchives() throws Exception {
        String home = System.getenv("JAVA_HOME");
        String java = home == null || home.isBlank() ? "java" : Path.of(home, "bin", "java").toString();
        Path probe = tmp.resolve("probe.jsa");
        Process p = new ProcessBuilder(java, "-XX:ArchiveClassesAtExit=" + probe, "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.exists(probe) && Files.size(probe) > 0;
    }

    @Test
    @CiRequired
    void aCommandsClassArchiveIsWrittenOnceCheckedBySizeAndBytesAndNeverStale() throws Exception {
        assumeTrue(jdkWritesClassArchives(), "this JDK cannot write class archives (not HotSpot, or no base archive)");
        Run first = viaJbang("codexsync.java", "--version");
        assertEquals(0, first.code(), first.output());
        List<Path> made = archives();
        assertEquals(1, made.size(), "one archive for the command, no staging file left: " + made);
        Path archive = made.get(0);
        String name = archive.getFileName().toString();
        assertTrue(name.startsWith("codexsync.java.main.") && name.endsWith("." + Files.size(archive) + ".jsa"),
                "named by script, command and its own size: " + name);

        long mapped = classesFromTheArchive(Map.of());
        assertTrue(mapped > 100, "a fast start maps the archive: " + mapped + " classes from it");
        assertEquals(0, classesFromTheArchive(Map.of("CODEXSYNC_CLASS_ARCHIVE", "0")), "switched off");
        assertEquals(List.of(archive), archives(), "using it writes nothing");

        // Bytes changed at the same size (a disk error): the JVM checks the archive's checksum, refuses it quietly and
        // runs without it - the right output, no warning.
        byte[] bytes = Files.readAllBytes(archive);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i++) {
            bytes[i] ^= 0x5a;
        }
        archive.toFile().setWritable(true);
        Files.write(archive, bytes);
        assertEquals(0, classesFromTheArchive(Map.of()), "a damaged archive is refused");

        // Cut short: a JVM given a truncated archive crashes (SIGBUS) instead of refusing it, so the launcher never
        // gives it one whose size is not the one in its name - it writes a new archive instead.
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertEquals(0, classesFromTheArchive(Map.of()), "the cut archive was not mapped; a new one was written");
        List<Path> remade = archives();
        assertEquals(1, remade.size(), remade.toString());
        assertTrue(remade.get(0).getFileName().toString().endsWith("." + Files.size(remade.get(0)) + ".jsa"));
        assertTrue(classesFromTheArchive(Map.of()) > 100, "and the new one is mapped");

        // A changed source gives a new command line (a new jar): its archive has another name, and the old one goes.
        Path version = checkout.resolve("lib/codexsync/core/Version.java");
        Files.writeString(version, Files.readString(version).replace("\"0.1.0\"", "\"0.1.0-next\""));
        Run rebuilt = viaJbang("codexsync.java", "--version");
        assertEquals(0, rebuilt.code(), rebuilt.output());
        assertTrue(rebuilt.output().contains("codexsync 0.1.0-next"), rebuilt.output());
        List<Path> after = archives();
        assertEquals(1, after.size(), after.toString());
        assertNotEquals(remade.get(0).getFileName(), after.get(0).getFileName());

        // A start that ends by itself without an archive (here: sharing switched off for its JVM) marks the command,
        // so later starts do not try again on every run; the program's output and exit code are unchanged.
        Run noArchive = jbang(Map.of("JDK_JAVA_OPTIONS", "-Xshare:off"), "codexsync.java", "validate", "--help");
        assertEquals(0, noArchive.code(), noArchive.output());
        assertTrue(noArchive.output().contains("Usage: codexsync validate"), noArchive.output());
        Run again = withoutJbang("codexsync.java", "validate", "--help");
        assertEquals(0, again.code(), again.output());
        assertEquals(after, archives(), "no archive for validate, before or after");
        assertEquals(1, launchFiles(n -> n.startsWith("codexsync.java.validate.") && n.endsWith(".off")).size(),
                "the command is marked");
    }

    @Test
    void catalogAliasesAndCommandScriptsTakeTheFastPathWithArgumentsUnchanged() throws Exception {
        // The scheduler's form: NAME@<checkout>.
        String alias = "codexsync-validate@" + checkout;
        Path odd = Files.createDirectories(tmp.resolve("we ird 'dir' $HOME \"q\""));
        String config = odd.resolve("missing * config.toml").toString();
        assertEquals(4, viaJbang(alias, "-c", config).code()); // builds (JBang says so in its output)
        Run slow = jbang(Map.of("CODEXSYNC_FAST_LAUNCH", "0"), alias, "-c", config);
        Run fast = withoutJbang(alias, "-c", config);
        assertEquals(4, slow.code(), slow.output());
        assertEquals(slow, fast, "the same program, the same arguments");
        assertTrue(fast.output().contains(config), "the path arrived unchanged:\n" + fast.output());

        assertEquals(4, viaJbang("commands/ValidateCommand.java", "-c", config).code());
        Run script = jbang(Map.of("CODEXSYNC_FAST_LAUNCH", "0"), "commands/ValidateCommand.java", "-c", config);
        assertEquals(4, script.code(), script.output());
        assertEquals(script, withoutJbang("commands/ValidateCommand.java", "-c", config));

        // Other scripts and JBang's own commands always go through JBang.
        assertAskedJbang(withoutJbang("--version"));
        assertFalse(stamps().isEmpty());
    }
}
