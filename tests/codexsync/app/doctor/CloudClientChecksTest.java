// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.config.ConfigLoader;
import codexsync.config.ConfigOverrides;
import codexsync.config.SyncConfig;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's cloud checks against a made-up home: is the workspace in a cloud-synced folder, and conflict copies. */
class CloudClientChecksTest {
    @TempDir
    Path home;

    SyncConfig config(HostEnvironment host, Path workspace) {
        return new ConfigLoader(host).defaults(new ConfigOverrides(workspace, home.resolve(".codex"), null));
    }

    @Test
    void workspaceInsideAFolderAClientSyncsPassesAndOutsideWarnsNamingTheFolders() throws IOException {
        Path dropbox = Files.createDirectories(home.resolve("Dropbox"));
        HostEnvironment host = new HostEnvironment(Map.of(), home, "pc", OperatingSystem.LINUX);
        Check inside = CloudClientChecks.cloudFolders(config(host, dropbox.resolve("codexsync")), host);
        assertEquals(Check.Status.PASS, inside.status(), inside.toString());
        assertTrue(inside.details().contains("Dropbox's folder " + dropbox), inside.toString());
        Check outside = CloudClientChecks.cloudFolders(config(host, home.resolve("elsewhere")), host);
        assertEquals(Check.Status.WARN, outside.status(), outside.toString());
        assertTrue(outside.details().contains("e.g. " + dropbox.resolve("codexsync")), outside.toString());
    }

    @Test
    void conflictCopiesOfAnyClientAnywhereInTheWorkspaceAreListed() throws IOException {
        Path ws = home.resolve("Dropbox/codexsync");
        Files.createDirectories(ws.resolve("sync/sessions"));
        Files.createDirectories(ws.resolve("state/machines"));
        Files.writeString(ws.resolve("sync/sessions/a.jsonl"), "a");
        Files.writeString(ws.resolve("sync/history (laptop's conflicted copy 2026-12-01).jsonl"), "x");
        Files.writeString(ws.resolve("sync/sessions/b (1).jsonl"), "x");
        Files.writeString(ws.resolve("state/machines/B.sync-conflict-20261201-100000-ABCDEFG.json"), "{}");
        HostEnvironment host = new HostEnvironment(Map.of(), home, "pc", OperatingSystem.LINUX);
        Check c = CloudClientChecks.conflictCopies(config(host, ws), "pc");
        assertEquals(Check.Status.WARN, c.status(), c.toString());
        assertTrue(c.details().startsWith("3 conflict copies"), c.toString());
        assertTrue(c.details().contains("fix: merge"), c.toString());
        Files.delete(ws.resolve("sync/history (laptop's conflicted copy 2026-12-01).jsonl"));
        Files.delete(ws.resolve("sync/sessions/b (1).jsonl"));
        Files.delete(ws.resolve("state/machines/B.sync-conflict-20261201-100000-ABCDEFG.json"));
        assertEquals(Check.Status.PASS, CloudClientChecks.conflictCopies(config(host, ws), "pc").status());
    }
}
