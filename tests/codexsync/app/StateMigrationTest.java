// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.app;

import static codexsync.testsupport.SyncFixtures.T0;
import static codexsync.testsupport.SyncFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.Json;
import codexsync.testsupport.CliRun;
import codexsync.testsupport.SyncFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine upgrading from the single shared manifest (D11) to its own state file (D27), through the CLI. */
class StateMigrationTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void the_old_manifest_entry_is_the_base_of_the_first_run_and_is_never_written_again() throws Exception {
        Path home = dir.resolve("home");
        Path ws = dir.resolve("ws");
        write(home, "history.jsonl", "h1\n", T0);
        write(home, "skills/x/SKILL.md", "x1\n", T0);
        Path cfg = SyncFixtures.config(dir.resolve("a.toml"), "A", home, ws, Map.of());
        assertEquals(0, CliRun.umbrella("-c", cfg.toString(), "sync", "--apply").code());
        // Rewrite what the older version would have left: the same base state inside one shared manifest.
        Path own = ws.resolve("state/machines/A.json");
        Map<String, Object> files = (Map<String, Object>) Json.parseObject(Files.readString(own)).get("files");
        String legacy = Json.write(Map.of("data_version", 1, "machines", Map.of("A", Map.of("files", files),
                "B", Map.of("files", Map.of()))));
        Files.writeString(ws.resolve("state/manifest.json"), legacy);
        Files.delete(own);

        // The cloud copy changed and the local one did not: with the migrated base that is a plain pull, not a
        // first-sync guess (a first sync would take the newer mtime too, so make the cloud copy older).
        write(ws.resolve("sync"), "skills/x/SKILL.md", "x2 from another machine\n", T0 - 50);
        CliRun.Result r = CliRun.umbrella("-c", cfg.toString(), "sync", "--apply", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals(1L, Json.parseObject(r.out()).get("to_local"), r.toString());
        assertEquals("x2 from another machine\n", SyncFixtures.read(home, "skills/x/SKILL.md"));
        assertEquals(legacy, Files.readString(ws.resolve("state/manifest.json")), "the shared manifest is not written");
        assertTrue(Files.exists(own), "A now has its own state file");
        Files.writeString(ws.resolve("state/manifest.json"), "not read any more by A");
        assertEquals(0, CliRun.umbrella("-c", cfg.toString(), "plan").code());
    }
}
