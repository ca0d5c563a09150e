// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.testsupport.CliRun;
import codexsync.testsupport.CliRun.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 0.1.1's test_integration_sync_flow.py with real sync runs writing the snapshots restore reads (zip backups,
 * max_backups = 1). One deliberate difference (CS-293, D19): the newest snapshot holds the CLOUD's old "v2", so
 * restoring it to local leaves it out and says so; restoring it to the cloud puts "v2" back there.
 */
class RestoreAfterSyncTest {
    @TempDir
    Path tmp;

    @Test
    void syncThenRestoreTheNewestZipSnapshot() throws IOException {
        RestoreFixture fx = new RestoreFixture(tmp, "[backup]\ncompression = \"zip\"\nmax_backups = 1");
        long now = System.currentTimeMillis();
        Path cloudFile = fx.cloud.resolve("sessions/a.txt");
        Path localFile = fx.home.resolve("sessions/a.txt");
        Files.createDirectories(cloudFile.getParent());
        Files.writeString(cloudFile, "v1");
        Files.setLastModifiedTime(cloudFile, FileTime.fromMillis(now - 2_000));
        Files.createDirectories(localFile.getParent());
        Files.writeString(localFile, "v2");
        Files.setLastModifiedTime(localFile, FileTime.fromMillis(now - 1_000));

        assertEquals(0, sync(fx, "--dry-run").code());
        assertEquals("v1", Files.readString(cloudFile));
        Result first = sync(fx, "--apply");
        assertEquals(0, first.code(), first.toString());
        assertEquals("v2", Files.readString(cloudFile));
        assertEquals(1, zips(fx).size());

        Files.writeString(localFile, "v3");
        Files.setLastModifiedTime(localFile, FileTime.fromMillis(now + 1_100));
        Result second = sync(fx, "--apply");
        assertEquals(0, second.code(), second.toString());
        assertEquals("v3", Files.readString(cloudFile));
        assertEquals(1, zips(fx).size(), "pruned to max_backups = 1");

        Files.writeString(localFile, "broken");
        Result toLocal = fx.restore("--apply");
        assertEquals(0, toLocal.code(), toLocal.toString());
        assertTrue(toLocal.out().contains("files=0"), toLocal.toString());
        assertTrue(toLocal.out().contains("backed up from the cloud side (restore them with --target cloud)"),
                toLocal.toString());
        assertEquals("broken", Files.readString(localFile), "a cloud-side backup never lands in the Codex home");

        Result toCloud = fx.restore("--apply", "--target", "cloud");
        assertEquals(0, toCloud.code(), toCloud.toString());
        assertEquals("v2", Files.readString(cloudFile));
        assertTrue(toCloud.out().matches("(?s).*snapshot=desk-\\d{8}T\\d{6}Z(-\\d+)?\\.zip target=cloud files=1.*"),
                toCloud.toString());
        assertTrue(toCloud.out().contains("Backed up 1 replaced file(s) to desk-"), toCloud.toString());
    }

    private static Result sync(RestoreFixture fx, String mode) {
        return CliRun.umbrella("sync", "-c", fx.config.toString(), mode);
    }

    private static List<Path> zips(RestoreFixture fx) throws IOException {
        try (Stream<Path> s = Files.list(fx.backups)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".zip")).toList();
        }
    }
}
