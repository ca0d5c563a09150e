// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.repo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JBang script tells javac its sources are UTF-8. Without it javac reads them in the locale's character set,
 * and under LANG unset (cron, systemd, a fresh image) the non-ASCII characters in the sources are 149 compile
 * errors - whenever JBang has to rebuild, e.g. the first scheduled run after an update.
 */
class ScriptEncodingTest {
    @Test
    void everyScriptCompilesItsSourcesAsUtf8() throws IOException {
        Path root = RepoRoot.find();
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(root)) {
            scripts = s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/.git/"))
                    .filter(ScriptEncodingTest::isScript).toList();
        }
        assertFalse(scripts.isEmpty(), "no JBang script found under " + root);
        assertTrue(scripts.contains(root.resolve("codexsync.java")) && scripts.contains(root.resolve(
                "tests/TestRunner.java")), scripts.toString());
        for (Path script : scripts) {
            List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
            assertTrue(lines.contains("//JAVAC_OPTIONS -encoding UTF-8"), root.relativize(script)
                    + " lacks //JAVAC_OPTIONS -encoding UTF-8");
        }
    }

    /** A file JBang runs as a script: it declares its Java version with a //JAVA line. */
    private static boolean isScript(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.limit(20).anyMatch(l -> l.startsWith("//JAVA "));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }
}
