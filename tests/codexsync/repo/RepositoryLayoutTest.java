// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.Json;
import codexsync.core.Version;
import codexsync.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Cheap checks of the checkout: catalog, lib manifest, pinned dependencies, licence, changelog. */
class RepositoryLayoutTest {
    private final Path root = RepoRoot.find();

    @Test
    @SuppressWarnings("unchecked")
    void everyCatalogAliasPointsAtAnExistingScriptAndHasADescription() throws IOException {
        Map<String, Object> catalog = Json.parseObject(Files.readString(root.resolve("jbang-catalog.json")));
        Map<String, Object> aliases = (Map<String, Object>) catalog.get("aliases");
        assertTrue(aliases.containsKey("codexsync"));
        for (String cmd : List.of("init-config", "validate", "doctor", "plan", "sync", "restore", "status")) {
            assertTrue(aliases.containsKey("codexsync-" + cmd), "no alias for " + cmd);
        }
        for (Map.Entry<String, Object> e : aliases.entrySet()) {
            Map<String, Object> alias = (Map<String, Object>) e.getValue();
            String ref = (String) alias.get("script-ref");
            assertTrue(Files.isRegularFile(root.resolve(ref)), e.getKey() + " -> missing " + ref);
            assertFalse(String.valueOf(alias.get("description")).isBlank(), e.getKey() + " has no description");
            assertEquals("17+", alias.get("java"), e.getKey());
        }
    }

    @Test
    void everyCommandScriptIsInTheUmbrellaAndTheCatalog() throws IOException {
        String umbrella = Files.readString(root.resolve("codexsync.java"));
        String catalog = Files.readString(root.resolve("jbang-catalog.json"));
        try (Stream<Path> files = Files.list(root.resolve("commands"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String rel = "commands/" + p.getFileName();
                assertTrue(umbrella.contains("//SOURCES " + rel), "umbrella lacks " + rel);
                assertTrue(catalog.contains("\"" + rel + "\""), "catalog lacks " + rel);
            }
        }
    }

    @Test
    void libManifestListsExactlyTheLibSources() throws IOException {
        Path lib = root.resolve("lib");
        TreeSet<String> onDisk;
        try (Stream<Path> files = Files.walk(lib)) {
            onDisk = files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("LibSources.java"))
                    .map(f -> lib.relativize(f).toString().replace('\\', '/')).collect(Collectors.toCollection(TreeSet::new));
        }
        TreeSet<String> listed = Files.readAllLines(root.resolve("lib/LibSources.java")).stream()
                .filter(l -> l.startsWith("//SOURCES ")).map(l -> l.substring("//SOURCES ".length()).trim())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, listed, "lib/LibSources.java must list every lib file by name (no globs: JBang "
                + "ignores them for scripts loaded from a URL)");
    }

    @Test
    void everyScriptPinsTheSameDependencies() throws IOException {
        List<String> expected = deps(root.resolve("lib/LibSources.java"));
        assertFalse(expected.isEmpty());
        List<Path> scripts = new ArrayList<>(List.of(root.resolve("codexsync.java")));
        try (Stream<Path> files = Files.list(root.resolve("commands"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(scripts::add);
        }
        for (Path script : scripts) {
            assertEquals(expected, deps(script), script + " pins other //DEPS than lib/LibSources.java");
        }
        List<String> testDeps = deps(root.resolve("tests/TestRunner.java"));
        assertTrue(testDeps.containsAll(expected), "tests/TestRunner.java must pin the product's //DEPS too");
        for (String d : testDeps) {
            assertTrue(d.matches("[\\w.-]+:[\\w.-]+:\\d[\\w.-]*(@pom)?"), "unpinned dependency " + d);
        }
    }

    static final String JVM_OPTIONS = "-XX:+UseSerialGC -Xmn16m -XX:+IgnoreUnrecognizedVMOptions "
            + "-XX:+UseTransparentHugePages -XX:+DisplayVMOutputToStderr";

    /**
     * Every product script starts its JVM the same way: a heap that grows with the work (peak memory follows the number
     * of files, not the machine's RAM) under the serial collector, with a fixed 16 MiB young generation that each
     * collection reuses, on transparent huge pages where Linux offers them (see the next test). The options live in
     * lib/LibSources.java, which every script includes (so JBang adds them to each script's command line), and
     * nowhere else.
     */
    @Test
    void everyProductScriptRunsWithTheSameJvmOptions() throws IOException {
        assertEquals(List.of("//JAVA_OPTIONS " + JVM_OPTIONS), javaOptions(root.resolve("lib/LibSources.java")));
        List<Path> scripts = new ArrayList<>(List.of(root.resolve("codexsync.java")));
        try (Stream<Path> files = Files.list(root.resolve("commands"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(scripts::add);
        }
        for (Path script : scripts) {
            assertEquals(List.of(), javaOptions(script), script + " sets JVM options of its own");
            assertTrue(Files.readAllLines(script).stream().anyMatch(l -> l.startsWith("//SOURCES ")
                    && l.endsWith("lib/LibSources.java")), script + " does not include lib/LibSources.java");
        }
    }

    /**
     * The options start this JVM's {@code java} with nothing on stdout (where {@code --json} goes: the VM's own
     * warnings go to stderr), and huge pages are on here. {@code UseTransparentHugePages} exists only in Linux JVMs;
     * {@code IgnoreUnrecognizedVMOptions} is what lets the same line start a JVM on Windows and macOS, so it must stay
     * while a platform's flag is in the line.
     */
    @Test
    void theJvmOptionsStartAJvmAndPrintNothingOnStdout() throws Exception {
        Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaExe.toString()));
        command.addAll(List.of(JVM_OPTIONS.split(" ")));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), err);
        assertEquals("", out, "the VM printed on stdout");
        if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            assertTrue(err.lines().anyMatch(l -> l.matches("\\s*bool UseTransparentHugePages\\s+= true.*")), err);
        }
        assertTrue(JVM_OPTIONS.contains("-XX:+IgnoreUnrecognizedVMOptions"));
    }

    private static List<String> javaOptions(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("//JAVA_OPTIONS ")).toList();
    }

    @Test
    void everyJavaFileHasTheLicenceLine() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/.git/")).toList()) {
                assertTrue(Files.readString(p).contains("SPDX-License-Identifier: GPL-3.0-or-later"), p + " lacks the SPDX line");
            }
        }
    }

    @Test
    void licenceIsTheFullGplV3AndTheChangelogNamesThisVersion() throws IOException {
        String licence = Files.readString(root.resolve("LICENSE"));
        assertTrue(licence.contains("GNU GENERAL PUBLIC LICENSE") && licence.contains("Version 3, 29 June 2007")
                && licence.contains("END OF TERMS AND CONDITIONS") && licence.length() > 30_000);
        assertTrue(Files.readString(root.resolve("CHANGELOG.md")).contains("## " + Version.VALUE));
    }

    /** Tests mirror lib/: every package folder of lib/codexsync has a test folder of the same name with tests. */
    @Test
    void everyLibPackageHasItsOwnTestFolder() throws IOException {
        Path lib = root.resolve("lib/codexsync");
        List<String> missing = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> packages = Files.list(lib)) {
            for (Path pkg : packages.filter(Files::isDirectory).toList()) {
                Path tests = root.resolve("tests/codexsync").resolve(pkg.getFileName().toString());
                boolean hasTests;
                try (java.util.stream.Stream<Path> files = Files.exists(tests) ? Files.list(tests)
                        : java.util.stream.Stream.empty()) {
                    hasTests = files.anyMatch(f -> f.getFileName().toString().endsWith("Test.java"));
                }
                if (!hasTests) {
                    missing.add(pkg.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), missing, "lib packages without tests/codexsync/<package>/*Test.java");
    }

    private static List<String> deps(Path script) throws IOException {
        return Files.readAllLines(script).stream().filter(l -> l.startsWith("//DEPS "))
                .map(l -> l.substring("//DEPS ".length()).trim()).sorted().toList();
    }
}
