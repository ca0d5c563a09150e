// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import codexsync.apply.JournalRecord.Kind;
import codexsync.core.SafeAbortException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed journal: its one writer and one reader agree on every record, and what it cannot read is refused. */
class JournalTest {
    @TempDir
    Path dir;

    private static final JournalRecord.Start START = new JournalRecord.Start(JournalRecord.VERSION, "restore --apply",
            "laptop", "2026-12-01T10:00:00Z", Path.of("/home/u/.codex"), null, Path.of("/ws/backups"), null,
            "laptop-20261201T100000Z", 3);
    private static final List<JournalRecord> EVERY_KIND = List.of(START,
            new JournalRecord.BackedUp("laptop-20261201T100000Z", 2),
            new JournalRecord.Intent(0, Kind.COPY, Side.CLOUD, "sessions/ä.jsonl", "ab", 12, 345, null, null, null),
            new JournalRecord.Intent(1, Kind.RESTORE, Side.LOCAL, "history.jsonl", null, 7, 8, "old-snap",
                    "history.1.jsonl", "cd"),
            new JournalRecord.Intent(2, Kind.DELETE, Side.LOCAL, "skills/x/SKILL.md", "ef", -1, -1, null, null, null),
            new JournalRecord.Done(0, ActionOutcome.Kind.COPIED, "12"),
            new JournalRecord.Done(2, ActionOutcome.Kind.DELETED, null),
            new JournalRecord.Intent(3, Kind.MERGE, Side.LOCAL, "history.jsonl", "ab", -1, -1, null, null, null),
            new JournalRecord.Staged(3, ".history.jsonl.codexsync-laptop-0123456789ab.tmp", "fe"),
            new JournalRecord.Done(3, ActionOutcome.Kind.MERGED, "fe"),
            new JournalRecord.Intent(4, Kind.INFLATE, Side.CLOUD, "sessions/r.jsonl", null, -1, -1, null, null, null),
            new JournalRecord.Staged(4, ".r.jsonl.codexsync-laptop-ba9876543210.tmp", "dc"),
            new JournalRecord.Stopped(3, 3),
            new JournalRecord.BaseSaved());

    private Path written(List<JournalRecord> records) throws Exception {
        Path file = dir.resolve("j/laptop.journal");
        try (Journal j = Journal.start(file, (JournalRecord.Start) records.get(0))) {
            for (JournalRecord r : records.subList(1, records.size())) {
                j.append(r, false);
            }
        }
        return file;
    }

    @Test
    void every_record_kind_reads_back_as_written() throws Exception {
        assertEquals(EVERY_KIND, Journal.read(written(EVERY_KIND)));
    }

    @Test
    void every_record_kind_is_written_in_the_journal_version_2_format() throws Exception {
        assertEquals(List.of(
                "{\"op\":\"start\",\"journal_version\":2,\"command\":\"restore --apply\",\"machine_id\":\"laptop\","
                        + "\"started\":\"2026-12-01T10:00:00Z\",\"local\":\"" + Path.of("/home/u/.codex") + "\","
                        + "\"cloud\":null,\"backup_dir\":\"" + Path.of("/ws/backups") + "\",\"manifest_file\":null,"
                        + "\"snapshot\":\"laptop-20261201T100000Z\",\"actions\":3}",
                "{\"op\":\"backed_up\",\"snapshot\":\"laptop-20261201T100000Z\",\"files\":2}",
                "{\"op\":\"intent\",\"i\":0,\"kind\":\"COPY\",\"side\":\"CLOUD\",\"path\":\"sessions/ä.jsonl\","
                        + "\"old_sha256\":\"ab\",\"src_size\":12,\"src_mtime_ns\":345,\"src_snapshot\":null,"
                        + "\"src_entry\":null,\"new_sha256\":null}"),
                Files.readAllLines(written(EVERY_KIND.subList(0, 3)), StandardCharsets.UTF_8));
        assertEquals(List.of("{\"op\":\"staged\",\"i\":3,\"staging\":\"s\",\"new_sha256\":\"fe\"}",
                        "{\"op\":\"done\",\"i\":3,\"outcome\":\"MERGED\",\"sha256\":\"fe\"}",
                        "{\"op\":\"stopped\",\"done\":3,\"of\":3}", "{\"op\":\"base_saved\"}"),
                List.of(JournalCodec.encode(new JournalRecord.Staged(3, "s", "fe")),
                        JournalCodec.encode(new JournalRecord.Done(3, ActionOutcome.Kind.MERGED, "fe")),
                        JournalCodec.encode(new JournalRecord.Stopped(3, 3)),
                        JournalCodec.encode(new JournalRecord.BaseSaved())));
    }

    @Test
    void a_required_field_that_is_null_is_refused() throws Exception {
        Path file = written(EVERY_KIND.subList(0, 3));
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, lines.get(0) + "\n" + lines.get(2).replace("\"path\":\"sessions/ä.jsonl\"",
                "\"path\":null") + "\n");
        SafeAbortException e = assertThrows(SafeAbortException.class, () -> Journal.read(file));
        assertTrue(e.getMessage().contains("field 'path' is missing or not text"), e.getMessage());
    }

    @Test
    void a_torn_last_line_is_skipped_even_when_cut_inside_a_multibyte_character() throws Exception {
        Path file = written(EVERY_KIND.subList(0, 3));
        byte[] whole = Files.readAllBytes(file);
        String text = new String(whole, StandardCharsets.UTF_8);
        int lastLineStart = text.substring(0, text.length() - 1).lastIndexOf('\n') + 1;
        // Cut the last line right after the first byte of 'ä' (two bytes in UTF-8).
        int cut = text.substring(0, text.indexOf('ä')).getBytes(StandardCharsets.UTF_8).length + 1;
        assertTrue(cut > lastLineStart);
        Files.write(file, Arrays.copyOf(whole, cut));
        assertEquals(EVERY_KIND.subList(0, 2), Journal.read(file));
    }

    @Test
    void a_journal_of_another_version_is_refused_with_exit_5_naming_the_file() throws Exception {
        Path file = dir.resolve("old.journal");
        Files.writeString(file, "{\"op\":\"start\",\"command\":\"sync --apply\",\"local\":\"/l\",\"cloud\":\"/c\"}\n");
        SafeAbortException e = assertThrows(SafeAbortException.class, () -> JournalRecovery.recover(file));
        assertEquals(5, e.status().code());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("journal_version"),
                e.getMessage());
        assertTrue(Files.exists(file), "a journal it cannot read is kept");
    }

    @Test
    void a_damaged_middle_line_or_an_unknown_record_is_refused_not_skipped() throws Exception {
        Path file = written(EVERY_KIND.subList(0, 3));
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, lines.get(0) + "\n{\"op\":\"intent\",\"i\":\n" + lines.get(2) + "\n");
        SafeAbortException damaged = assertThrows(SafeAbortException.class, () -> Journal.read(file));
        assertTrue(damaged.getMessage().contains("line 2"), damaged.getMessage());

        Files.writeString(file, lines.get(0) + "\n{\"op\":\"teleport\"}\n");
        SafeAbortException unknown = assertThrows(SafeAbortException.class, () -> Journal.read(file));
        assertTrue(unknown.getMessage().contains("unknown record 'teleport'"), unknown.getMessage());

        Files.writeString(file, lines.get(0) + "\n" + lines.get(2).replace("\"COPY\"", "\"MOVE\"") + "\n");
        SafeAbortException kind = assertThrows(SafeAbortException.class, () -> Journal.read(file));
        assertTrue(kind.getMessage().contains("'kind' has the unknown value 'MOVE'"), kind.getMessage());
    }

    @Test
    void a_journal_not_starting_with_its_start_record_is_refused() throws Exception {
        Path file = written(EVERY_KIND.subList(0, 3));
        List<String> lines = Files.readAllLines(file);
        Files.writeString(file, lines.get(1) + "\n" + lines.get(0) + "\n");
        SafeAbortException e = assertThrows(SafeAbortException.class, () -> Journal.read(file));
        assertTrue(e.getMessage().contains("does not begin with a start record"), e.getMessage());
    }
}
