// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.RepoRoot;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark scripts are not run by any test (they time things), but they must still compile: each names the
 * lib/ sources it needs in {@code //SOURCES} lines, and a lib class that starts using another one breaks a benchmark
 * that does not list it too (HashFiles.java lacked fs/InOrderParallel.java for a while and did not start). Each
 * script is compiled here the way JBang builds it: the script plus its {@code //SOURCES}, with the dependency jars on
 * the class path but not codexsync's own compiled classes.
 */
class BenchmarkSourcesTest {
    private final Path root = RepoRoot.find();

    @Test
    void everyBenchmarkScriptCompilesWithTheSourcesItNames(@TempDir Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests need a JDK (javac), not only a JRE");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(root.resolve("benchmarks"))) {
            scripts = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertFalse(scripts.isEmpty(), "no benchmark scripts found in " + root.resolve("benchmarks"));
        String classPath = dependenciesOnly();
        for (Path script : scripts) {
            List<String> args = new ArrayList<>(List.of("-encoding", "UTF-8", "-proc:none", "-d",
                    Files.createDirectories(out.resolve(script.getFileName().toString())).toString(),
                    "-sourcepath", "", "-classpath", classPath, script.toString()));
            for (String line : Files.readAllLines(script)) {
                if (line.startsWith("//SOURCES ")) {
                    Path source = script.getParent().resolve(line.substring("//SOURCES ".length()).trim()).normalize();
                    assertTrue(Files.isRegularFile(source), script.getFileName() + " names a missing source " + source);
                    args.add(source.toString());
                }
            }
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
            assertEquals(0, rc, script.getFileName() + " does not compile with its //SOURCES:\n"
                    + errors.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * The test class path without the jar that holds codexsync's own compiled classes: javac would otherwise find a
     * lib class the script forgot to list there, and the test would pass where JBang fails.
     */
    private static String dependenciesOnly() {
        String ours;
        try {
            ours = Path.of(RepoRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).toAbsolutePath().toString().equals(ours))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
