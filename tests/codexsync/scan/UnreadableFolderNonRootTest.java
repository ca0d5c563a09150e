// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CiRequired;
import codexsync.testsupport.NonRootUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder under an include root that this user may not read stops the scan (exit 1, naming the folder) instead
 * of looking empty - with real permissions, as a non-root user (FolderScannerTest's in-process variant cannot run
 * as root, which ignores permissions, and CI runs as root).
 */
@CiRequired
class UnreadableFolderNonRootTest {
    @TempDir
    Path tmp;

    @Test
    void unreadableFolderStopsThePlanAsANonRootUser() throws Exception {
        Assumptions.assumeTrue(NonRootUser.unavailable().isEmpty(), () -> NonRootUser.unavailable().orElse(""));
        Path skills = Files.createDirectories(tmp.resolve("home/skills"));
        Files.writeString(skills.resolve("b.md"), "readable", StandardCharsets.UTF_8);
        Path locked = Files.createDirectories(skills.resolve("locked"));
        Files.writeString(locked.resolve("a.md"), "x", StandardCharsets.UTF_8);
        Path cloud = Files.createDirectories(tmp.resolve("cloud"));
        NonRootUser.openUp(skills);
        NonRootUser.openUp(cloud);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            ProcessBuilder pb = NonRootUser.javaCommand(tmp, "codexsync", "plan", "--local",
                    tmp.resolve("home").toString(), "--cloud", cloud.toString());
            Path err = tmp.resolve("err.txt");
            Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "plan did not end");
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(1, p.exitValue(), stderr);
            assertTrue(stderr.contains("cannot read") && stderr.contains(locked.toString()), stderr);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
