// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.app.ConfigService;
import codexsync.app.Report;
import codexsync.config.CloudFolderFinder.CloudFolder;
import codexsync.core.HostEnvironment;
import codexsync.core.HostEnvironment.OperatingSystem;
import codexsync.core.InvalidInputException;
import codexsync.testsupport.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the folders installed cloud clients sync, from their own records, in a made-up home folder. */
class CloudFolderFinderTest {
    @TempDir
    Path home;

    HostEnvironment host(OperatingSystem os, Map<String, String> env) {
        return new HostEnvironment(env, home, "test-host", os);
    }

    private Path dir(String rel) throws IOException {
        return Files.createDirectories(home.resolve(rel));
    }

    private void syncthingConfig(Path file, Path... folders) throws IOException {
        StringBuilder sb = new StringBuilder("<configuration version=\"37\">\n");
        for (Path f : folders) {
            sb.append("  <folder id=\"x\" path=\"").append(f).append("\" type=\"sendreceive\"></folder>\n");
        }
        sb.append("  <device id=\"A\"></device>\n</configuration>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }

    @Test
    void readsEachClientsRecordsAndKeepsOnlyExistingFoldersInOrder() throws IOException {
        Path dropboxBiz = dir("Dropbox (Work)");
        Files.createDirectories(home.resolve(".dropbox"));
        Files.writeString(home.resolve(".dropbox/info.json"), "{\"business\": {\"path\": \"" + dropboxBiz
                + "\", \"host\": 1}, \"personal\": {\"path\": \"" + home.resolve("gone") + "\"}}");
        Path oneDrive = dir("OneDrive - Contoso");
        Path sync = dir("Sync");
        Path photos = dir("Photos");
        syncthingConfig(home.resolve(".config/syncthing/config.xml"), sync, photos, home.resolve("missing"));
        Path icloud = dir("Library/Mobile Documents/com~apple~CloudDocs");
        Path drive = dir("Library/CloudStorage/GoogleDrive-me@example.com/My Drive");
        List<CloudFolder> found = new CloudFolderFinder(host(OperatingSystem.MACOS,
                Map.of("OneDriveCommercial", oneDrive.toString()))).find();
        assertEquals(List.of(dropboxBiz, oneDrive, drive, icloud, sync, photos),
                found.stream().map(CloudFolder::folder).toList());
        assertEquals(List.of("Dropbox", "OneDrive", "Google Drive", "iCloud Drive", "Syncthing", "Syncthing"),
                found.stream().map(CloudFolder::client).toList());
        assertTrue(found.get(0).source().endsWith("info.json (business)"), found.get(0).source());
        assertEquals("environment variable OneDriveCommercial", found.get(1).source());
    }

    @Test
    void defaultsAndXdgLocationsAndNothingWhenNothingIsInstalled() throws IOException {
        assertEquals(List.of(), new CloudFolderFinder(host(OperatingSystem.LINUX, Map.of())).find());
        Path dropbox = dir("Dropbox");
        Path st = dir("st-folder");
        syncthingConfig(home.resolve("xdg-state/syncthing/config.xml"), st);
        Files.createDirectories(home.resolve(".config/syncthing"));
        Files.writeString(home.resolve(".config/syncthing/config.xml"), "<not xml");
        List<CloudFolder> found = new CloudFolderFinder(host(OperatingSystem.LINUX,
                Map.of("XDG_STATE_HOME", home.resolve("xdg-state").toString()))).find();
        assertEquals(List.of(dropbox, st), found.stream().map(CloudFolder::folder).toList());
        assertEquals("default folder", found.get(0).source());
    }

    @Test
    void initConfigCloudAutoListsEveryFolderProposesTheFirstAndSaysHowToChange() throws IOException {
        Path dropbox = dir("Dropbox");
        Path sync = dir("Sync");
        syncthingConfig(home.resolve(".config/syncthing/config.xml"), sync);
        Path out = home.resolve("cfg/config.toml");
        Report r = new ConfigService(host(OperatingSystem.LINUX, Map.of())).initConfig(out, false, "auto");
        String text = String.join("\n", r.humanLines());
        assertTrue(text.contains("  Dropbox: " + dropbox + " (from default folder)"), text);
        assertTrue(text.contains("  Syncthing: " + sync + " (from " + home.resolve(".config/syncthing/config.xml")), text);
        assertTrue(text.contains("Proposed workspace: " + dropbox.resolve("codexsync")), text);
        assertTrue(text.contains("edit workspace_root_dir in " + out), text);
        SyncConfig loaded = new ConfigLoader(host(OperatingSystem.LINUX, Map.of())).load(out, ConfigOverrides.NONE);
        assertEquals(dropbox.resolve("codexsync"), loaded.paths().workspaceRoot());
    }

    @Test
    void initConfigCloudAutoWithNothingFoundStopsWithExit4AndWritesNothing() {
        Path out = home.resolve("config.toml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                new ConfigService(host(OperatingSystem.LINUX, Map.of())).initConfig(out, false, "auto"));
        assertTrue(e.getMessage().startsWith("no cloud-synced folder found"), e.getMessage());
        assertTrue(e.hint().contains("--cloud DIR"), e.hint());
        assertTrue(Files.notExists(out));
    }

    @Test
    void initConfigCloudDirThroughJbang() throws IOException {
        Path cloud = dir("My Cloud \"quoted\"");
        Path out = home.resolve("config.toml");
        ProcessRun.Result r = ProcessRun.codexsync(Map.of(), "init-config", "--output", out.toString(), "--cloud",
                cloud.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Workspace: " + cloud.resolve("codexsync")), r.toString());
        Path codexHome = dir(".codex");
        ProcessRun.Result v = ProcessRun.codexsync(Map.of("CODEX_HOME", codexHome.toString()), "-c", out.toString(),
                "validate", "--json");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().contains(cloud.resolve("codexsync").toString().replace("\"", "\\\"")), v.toString());
        ProcessRun.Result missing = ProcessRun.codexsync(Map.of(), "init-config", "--output",
                home.resolve("other.toml").toString(), "--cloud", home.resolve("nope").toString());
        assertEquals(4, missing.code(), missing.toString());
    }
}
