// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Started without ./jbang under an ASCII locale (LANG unset), codexsync cannot represent non-ASCII file names: it
 * refuses with exit 5 and the fix before touching anything, while --help and --version still answer.
 */
@EnabledOnOs(OS.LINUX)
class LossyLocaleRefusalTest {
    @TempDir
    Path tmp;

    @Test
    void asciiLocaleRefusesToSyncButStillShowsVersion() throws IOException, InterruptedException {
        Path local = Files.createDirectories(tmp.resolve("local/skills"));
        Files.writeString(local.resolve("ü.md"), "x", StandardCharsets.UTF_8);
        Path cloud = tmp.resolve("cloud");
        Result plan = run("plan", "--local", tmp.resolve("local").toString(), "--cloud", cloud.toString());
        assertEquals(5, plan.code, plan.err);
        assertTrue(plan.err.contains("codexsync: the locale's character set is ANSI_X3.4-1968"), plan.err);
        assertTrue(plan.err.contains("fix: ") && plan.err.contains("LC_ALL=C.UTF-8"), plan.err);
        assertFalse(Files.exists(cloud), "nothing was created");
        Result version = run("--version");
        assertEquals(0, version.code, version.err);
    }

    private record Result(int code, String err) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = ChildJvm.command(List.of(), "codexsync", args);
        for (String v : List.of("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE")) {
            pb.environment().remove(v);
        }
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectError(err.toFile()).start();
        p.getOutputStream().close();
        int code = p.waitFor();
        return new Result(code, Files.readString(err, StandardCharsets.UTF_8));
    }
}
