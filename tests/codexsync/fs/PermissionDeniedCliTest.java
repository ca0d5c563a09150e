// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CiRequired;
import codexsync.testsupport.NonRootUser;
import codexsync.testsupport.SyncFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud folder this user may not write: sync --apply, run as a non-root user (root ignores permissions), says
 * "permission denied" with the folder and what to check - not "locked by another program" - and exits 1.
 */
@CiRequired
class PermissionDeniedCliTest {
    @TempDir
    Path tmp;

    @Test
    void unwritableCloudFolderIsReportedAsPermissionDenied() throws Exception {
        Assumptions.assumeTrue(NonRootUser.unavailable().isEmpty(), () -> NonRootUser.unavailable().orElse(""));
        NonRootUser.openUp(tmp);
        Path home = Files.createDirectories(tmp.resolve("home/skills"));
        Files.writeString(home.resolve("a.md"), "skill", StandardCharsets.UTF_8);
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path readOnly = Files.createDirectories(ws.resolve("sync/skills"));
        // codexsync's per-user state folder (installation id): nobody's home (/nonexistent) cannot hold it.
        Path stateHome = Files.createDirectories(tmp.resolve("state-home"));
        Path config = SyncFixtures.config(tmp.resolve("config.toml"), "desk", tmp.resolve("home"), ws,
                Map.of("targets", "include_roots = [\"skills\"]"));
        try (Stream<Path> all = Files.walk(tmp)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
                        : "rw-r--r--"));
            }
        }
        if (NonRootUser.isRoot()) {
            // The workspace belongs to the user that runs codexsync; only sync/skills stays root's and read-only.
            UserPrincipal nobody = tmp.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(String.valueOf(NonRootUser.NOBODY));
            Files.setOwner(ws, nobody);
            Files.setOwner(ws.resolve("sync"), nobody);
            Files.setOwner(stateHome, nobody);
        }
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));

        ProcessBuilder pb = NonRootUser.javaCommand(tmp, "codexsync", "-c", config.toString(), "sync", "--apply");
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("CODEXSYNC_STATE_HOME", stateHome.toString());
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "sync did not end");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), stderr);
        assertTrue(stderr.contains("permission denied") && stderr.contains(readOnly.toString()), stderr);
        assertTrue(stderr.contains("chmod"), "says what to check:\n" + stderr);
        assertTrue(stderr.contains("permission denied writing " + readOnly.resolve("a.md")), "names the file:\n"
                + stderr);
        assertFalse(stderr.contains("locked by another program"), stderr);
        try (Stream<Path> s = Files.list(readOnly)) {
            assertEquals(0, s.count(), "nothing was written into the read-only folder");
        }
    }
}
