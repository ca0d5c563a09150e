// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import codexsync.testsupport.CiRequired;
import codexsync.testsupport.ProcessRun;
import codexsync.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * README: {@code jbang app install codexsync@<checkout>} puts {@code codexsync} on your PATH. With only the
 * wrapper (no JBang installed), the installed command must run from a new shell: JBang's shim calls
 * {@code jbang}, which the wrapper provides beside it. Everything happens in a throw-away home.
 */
@CiRequired
@DisabledOnOs(OS.WINDOWS)
class AppInstallTest {
    @TempDir
    Path tmp;

    @Test
    void installedCommandRunsFromANewShellWithOnlyTheWrapper() throws IOException {
        Path repo = RepoRoot.find();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path jbangDir = home.resolve(".jbang");
        linkWrapperJar(jbangDir.resolve("wrapper"));
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        // JBang finds ~/.bashrc through Java's user.home, not $HOME.
        env.put("JBANG_JAVA_OPTIONS", "-Duser.home=" + home);
        env.put("JBANG_DIR", jbangDir.toString());
        env.put("JBANG_CACHE_DIR", cacheDir());
        env.put("PATH", "/usr/bin:/bin");

        ProcessRun.Result install = ProcessRun.run(repo, env, List.of("./jbang", "app", "install", "codexsync@" + repo));
        assertEquals(0, install.code(), install.toString());
        assertTrue(Files.isExecutable(jbangDir.resolve("bin/codexsync")), install.toString());
        assertTrue(Files.isExecutable(jbangDir.resolve("bin/jbang")), "no jbang beside the shim\n" + install);

        // A new interactive shell reads ~/.bashrc, where JBang put its bin folder on PATH.
        ProcessRun.Result run = ProcessRun.run(tmp, env, List.of("bash", "-ic", "codexsync --version"));
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().startsWith("codexsync "), run.toString());
    }

    /** The wrapper's jar is already on this machine: copy it instead of downloading it again. */
    private static void linkWrapperJar(Path wrapperDir) throws IOException {
        Files.createDirectories(wrapperDir);
        String jbangDir = System.getenv("JBANG_DIR");
        Path existing = (jbangDir != null ? Path.of(jbangDir) : Path.of(System.getProperty("user.home"), ".jbang"))
                .resolve("wrapper");
        assumeTrue(Files.isDirectory(existing), "no wrapper jar in " + existing);
        try (Stream<Path> jars = Files.list(existing)) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith("-all.jar")).toList()) {
                Files.copy(jar, wrapperDir.resolve(jar.getFileName()));
            }
        }
    }

    private static String cacheDir() {
        String cache = System.getenv("JBANG_CACHE_DIR");
        return cache != null ? cache : Path.of(System.getProperty("user.home"), ".jbang", "cache").toString();
    }
}
