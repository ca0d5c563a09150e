// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RolloutHeader}: what a user needs to find an arrived session again, from the start of its rollout. */
class RolloutHeaderTest {
    static final String REL = "sessions/2026/12/01/rollout-2026-12-01T22-03-12-01a233a2-1e28-74c1-a8ad-e1568e8dd722"
            + ".jsonl";
    /** The shape Codex 0.171 writes (seen with `codex exec`): context items before the prompt the user typed. */
    static final String ROLLOUT = String.join("\n",
            "{\"timestamp\":\"2026-12-01T22:03:12.386Z\",\"ordinal\":0,\"type\":\"session_meta\",\"payload\":{\"id\":"
                    + "\"01a233a2-1e28-74c1-a8ad-e1568e8dd722\",\"timestamp\":\"2026-12-01T22:03:12.386Z\",\"cwd\":"
                    + "\"/tmp/cx/proj\",\"cli_version\":\"0.171.0\"}}",
            "{\"timestamp\":\"2026-12-01T22:03:12.390Z\",\"ordinal\":1,\"type\":\"event_msg\",\"payload\":{\"type\":"
                    + "\"task_started\"}}",
            "{\"timestamp\":\"2026-12-01T22:03:12.391Z\",\"ordinal\":2,\"type\":\"response_item\",\"payload\":{\"type\":"
                    + "\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"You are "
                    + "Codex\"}]}}",
            "{\"timestamp\":\"2026-12-01T22:03:12.392Z\",\"ordinal\":3,\"type\":\"response_item\",\"payload\":{\"type\":"
                    + "\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"<environment_"
                    + "context>\\n  <cwd>/tmp/cx/proj</cwd>\"}]}}",
            "{\"timestamp\":\"2026-12-01T22:03:12.393Z\",\"ordinal\":4,\"type\":\"response_item\",\"payload\":{\"type\":"
                    + "\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Say hello from "
                    + "machine A\"}]}}",
            "");

    @TempDir
    Path dir;

    @Test
    void reads_id_start_folder_and_the_first_prompt_the_user_typed_plain_or_zst() throws IOException {
        Path plain = dir.resolve("r.jsonl");
        Files.writeString(plain, ROLLOUT);
        Path zst = dir.resolve("r.jsonl.zst");
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
            out.write(ROLLOUT.getBytes(StandardCharsets.UTF_8));
        }
        for (Path f : new Path[] {plain, zst}) {
            RolloutHeader h = RolloutHeader.read(f, REL);
            assertEquals("01a233a2-1e28-74c1-a8ad-e1568e8dd722", h.id());
            assertEquals("2026-12-01T22:03:12.386Z", h.started());
            assertEquals("/tmp/cx/proj", h.cwd());
            assertEquals("Say hello from machine A", h.firstPrompt(), f.toString());
        }
    }

    @Test
    void the_file_name_alone_gives_the_id_and_only_rollouts_count_as_sessions() {
        assertEquals("01a233a2-1e28-74c1-a8ad-e1568e8dd722", RolloutHeader.fromName(REL + ".zst").id());
        assertTrue(RolloutHeader.isRollout(REL));
        assertTrue(RolloutHeader.isRollout(REL + ".zst"));
        assertTrue(RolloutHeader.isRollout("archived_sessions/rollout-2026-01-01T00-00-00-x.jsonl"));
        assertFalse(RolloutHeader.isRollout("history.jsonl"));
        assertFalse(RolloutHeader.isRollout("sessions/notes.jsonl"));
    }
}
