// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CheckoutCopy;
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

    private List<Path> stamps() throws IOException {
        Path dir = cache.resolve("codexsync-launch");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".launch")).toList();
        }
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
