// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CheckoutCopy;
import codexsync.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several codexsync launches at once on an empty JBang cache - two checkouts of the same sources, as a scheduled
 * run and a manual one after an update - all succeed, and the cache is left with complete jars that later runs
 * can use. (Before the launchers locked the cache, one build deleted the other's classes/ while it was packed and
 * the cache kept a jar with a fraction of the classes.)
 */
@DisabledOnOs(OS.WINDOWS)
class ConcurrentStartTest {
    private static final int LAUNCHES = 4;

    @TempDir
    Path tmp;

    @Test
    void simultaneousStartsOnAnEmptyCacheAllRunAndLeaveCompleteJars() throws Exception {
        Path repo = RepoRoot.find();
        Path secondCheckout = CheckoutCopy.copy(repo, tmp.resolve("second checkout"));
        Path cache = tmp.resolve("jbang-cache");
        Path local = Files.createDirectories(tmp.resolve("local"));
        Path cloud = Files.createDirectories(tmp.resolve("cloud"));

        List<Process> started = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < LAUNCHES; i++) {
            Path checkout = i % 2 == 0 ? repo : secondCheckout;
            Path out = tmp.resolve("run-" + i + ".txt");
            outputs.add(out);
            // plan loads the CLI, config, scan, plan and report classes: a jar missing some fails here.
            ProcessBuilder pb = new ProcessBuilder("./jbang", "codexsync.java", "plan", "--json", "--local",
                    local.toString(), "--cloud", cloud.toString()).directory(checkout.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("JBANG_CACHE_DIR", cache.toString());
            started.add(pb.start());
        }
        for (int i = 0; i < LAUNCHES; i++) {
            Process p = started.get(i);
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "launch " + i + " did not end");
            String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "launch " + i + ":\n" + output);
            assertTrue(output.contains("\"status\""), "launch " + i + " printed no plan:\n" + output);
        }

        // The launches that raced also left each checkout a whole fast-launch stamp: a later start runs codexsync
        // without JBang (whose JVM would refuse the bogus option below).
        for (Path checkout : List.of(repo, secondCheckout)) {
            Path out = tmp.resolve("fast.txt");
            ProcessBuilder pb = new ProcessBuilder("./jbang", "codexsync.java", "plan", "--json", "--local",
                    local.toString(), "--cloud", cloud.toString()).directory(checkout.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("JBANG_CACHE_DIR", cache.toString());
            pb.environment().put("JBANG_JAVA_OPTIONS", "-XX:+NoSuchOptionJBangWouldFailOn");
            Process p = pb.start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "fast launch from " + checkout + " did not end");
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "fast launch from " + checkout + ":\n" + output);
            assertTrue(output.contains("\"status\""), "fast launch printed no plan:\n" + output);
        }

        Set<String> expected = expectedClasses(repo);
        List<Path> jars;
        try (Stream<Path> s = Files.walk(cache.resolve("jars"))) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertFalse(jars.isEmpty(), "no jar in the cache");
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (String cls : expected) {
                    assertTrue(zip.getEntry(cls) != null, jar + " lacks " + cls);
                }
                String manifest = new String(zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF")).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertTrue(manifest.contains("Main-Class: codexsync\r\n") || manifest.contains("Main-Class: codexsync\n"),
                        jar + " has the wrong Main-Class:\n" + manifest);
            }
        }
    }

    /** One class per source file of lib/ (as listed in lib/LibSources.java) and commands/, plus the umbrella. */
    private static Set<String> expectedClasses(Path repo) throws IOException {
        Set<String> classes = new java.util.TreeSet<>();
        classes.add("codexsync.class");
        for (String line : Files.readAllLines(repo.resolve("lib/LibSources.java"), StandardCharsets.UTF_8)) {
            if (line.startsWith("//SOURCES ")) {
                classes.add(line.substring("//SOURCES ".length()).replace(".java", ".class"));
            }
        }
        try (Stream<Path> s = Files.list(repo.resolve("commands"))) {
            s.forEach(p -> classes.add("codexsync/commands/" + p.getFileName().toString().replace(".java", ".class")));
        }
        return classes;
    }
}
