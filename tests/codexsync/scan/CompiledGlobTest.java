// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of {@link CompiledGlob} must give exactly the regular expression's answer (D14 semantics): many
 * generated globs of every shape, against many generated paths (well-formed or not), compared one by one.
 */
class CompiledGlobTest {
    private static final String[] GLOB_PARTS = {"a", "b", "tmp", "cache", ".log", "x.log", "*", "*.log", "pre*",
            "?", "[ab]", "[!a]", "**", "a*b", "", ".", "[", "]"};
    private static final String[] PATH_PARTS = {"a", "b", "tmp", "cache", "x.log", ".log", "ab", "prefix", "aXb",
            "tmpx", "pre", "c", "", "log", "a.log", "[ab]", "*"};

    @Test
    void fastPathsAgreeWithTheRegularExpressionOnGeneratedGlobsAndPaths() {
        Random random = new Random(15);
        List<String> paths = paths(random);
        int compared = 0;
        int fast = 0;
        for (int g = 0; g < 3000; g++) {
            String glob = glob(random);
            CompiledGlob compiled = new CompiledGlob(glob);
            Pattern regex = Pattern.compile(GlobMatcher.toRegex(glob));
            if (!compiled.needsRegex()) {
                fast++;
            }
            for (String path : paths) {
                assertEquals(regex.matcher(path).matches(), compiled.matches(path), () -> glob + " vs " + path);
                compared++;
            }
        }
        assertTrue(fast > 500, "the generator must exercise the fast paths, only " + fast + " did");
        assertTrue(compared > 1_000_000, "compared " + compared);
    }

    @Test
    void everyShapeWithAFastPathAgreesOnHandPickedPaths() {
        List<String> globs = List.of("a/b", "**/x.log", "**/*.log", "**/pre*", "a/b/**", "**/tmp/**", "**", "**/*",
                "tmp/**", "a/**/b", "sessions/*/x?.jsonl", "**/[ab]*.log");
        List<String> paths = List.of("a/b", "a/b/c", "x.log", "d/x.log", "d/xx.log", "tmp/a", "a/tmp", "a/tmp/b",
                "tmpx/a", "a/tmpx/b", "pre", "d/prefix", "d/pre/x", "sessions/2026/x1.jsonl", "sessions/x1.jsonl",
                "/a/b", "a//b", "a/b/", "", "/", "//tmp//x", "a.log", "b/ab.log");
        for (String glob : globs) {
            CompiledGlob compiled = new CompiledGlob(glob);
            Pattern regex = Pattern.compile(GlobMatcher.toRegex(glob));
            for (String path : paths) {
                assertEquals(regex.matcher(path).matches(), compiled.matches(path), () -> glob + " vs " + path);
            }
        }
    }

    @Test
    void theDefaultExcludesAreAllDecidedWithoutARegularExpression() {
        for (String raw : ConfigLoader.DEFAULT_EXCLUDE_GLOBS) {
            assertFalse(new CompiledGlob(raw).needsRegex(), raw);
            if (raw.endsWith("/**")) {
                assertFalse(new CompiledGlob(raw.substring(0, raw.length() - 3)).needsRegex(), raw + " (folder)");
            }
        }
    }

    @Test
    void aGlobWithoutAFastPathStillRejectsByItsLiteralEnds() {
        CompiledGlob g = new CompiledGlob("sessions/*/x?.jsonl");
        assertTrue(g.needsRegex());
        assertTrue(g.matches("sessions/2026/x1.jsonl"));
        assertFalse(g.matches("sessions/2026/x1.json"));
        assertFalse(g.matches("archived/2026/x1.jsonl"));
    }

    /** A normalised glob as GlobMatcher hands it over: not blank, no leading '/'. */
    private static String glob(Random random) {
        while (true) {
            int n = 1 + random.nextInt(4);
            List<String> segments = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String part = GLOB_PARTS[random.nextInt(GLOB_PARTS.length)];
                if (random.nextInt(4) == 0) {
                    part += GLOB_PARTS[random.nextInt(GLOB_PARTS.length)];
                }
                segments.add(part);
            }
            String glob = String.join("/", segments);
            if (random.nextBoolean() && !glob.startsWith("**")) {
                glob = "**/" + glob;
            }
            if (!glob.isBlank() && !glob.startsWith("/")) {
                return glob;
            }
        }
    }

    private static List<String> paths(Random random) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = 1 + random.nextInt(5);
            List<String> segments = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                segments.add(PATH_PARTS[random.nextInt(PATH_PARTS.length)]);
            }
            paths.add(String.join("/", segments));
        }
        return paths;
    }
}
