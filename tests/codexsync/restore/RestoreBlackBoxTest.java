// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.core.Json;
import codexsync.restore.RestoreFixture.F;
import codexsync.testsupport.ProcessRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./jbang codexsync.java restore …} as a user runs it: a real zip restore, and a zip-slip refused. */
class RestoreBlackBoxTest {
    @TempDir
    Path tmp;

    @Test
    void realProcessRestoresAZipAndRefusesZipSlip() throws IOException {
        // The config sets safety.require_codex_stopped = false: this test is about restore, not process detection.
        RestoreFixture fx = new RestoreFixture(tmp);
        RestoreFixture.write(fx.home.resolve("sessions/a.txt"), "current", 1_600_000_000L);
        fx.zipSnapshot("laptop-20260101T000000Z.zip", 1_000, F.legacy("sessions/a.txt", "restored"));
        ProcessRun.Result ok = ProcessRun.codexsync(Map.of(), "restore", "-c", fx.config.toString(), "--from",
                "laptop-20260101T000000Z", "--apply", "--json");
        assertEquals(0, ok.code(), ok.toString());
        assertEquals("restored", Files.readString(fx.home.resolve("sessions/a.txt")));
        assertEquals("ok", Json.parseObject(ok.out()).get("status"));

        Map<String, byte[]> evil = new LinkedHashMap<>();
        evil.put("../evil.txt", "x".getBytes(StandardCharsets.UTF_8));
        RestoreFixture.rawZip(fx.backups.resolve("evil-20260101T000000Z.zip"), evil, false);
        Map<String, String> before = fx.everything();
        ProcessRun.Result bad = ProcessRun.codexsync(Map.of(), "restore", "-c", fx.config.toString(), "--from",
                "evil-20260101T000000Z", "--apply");
        assertEquals(4, bad.code(), bad.toString());
        assertTrue(bad.err().contains("would land outside the target"), bad.toString());
        assertEquals(before, fx.everything());
    }
}
