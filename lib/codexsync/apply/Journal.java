// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.SafeAbortException;
import codexsync.fs.AppendLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-ahead journal of one writing run (D21): {@code <temp_dir>/journal/<machine_id>.journal}, one
 * {@link JournalRecord} per line ({@link JournalCodec}). A record the run acts on is forced to disk before the
 * action, so after a crash the journal always knows at least as much as the disk shows. The file exists only while
 * a run is open or after one was interrupted; finishing deletes it. This class is the journal's only writer
 * ({@link #append}) and only reader ({@link #read}).
 */
public final class Journal implements AutoCloseable {
    public static final String FOLDER = "journal";

    private final AppendLog log;
    private boolean open = true;

    private Journal(AppendLog log) {
        this.log = log;
    }

    /** Where this machine's journal lives: the one place that names it. */
    public static Path fileFor(Path tempDir, String machineId) {
        return tempDir.resolve(FOLDER).resolve(machineId + ".journal");
    }

    /** Starts a journal; refuses when one exists (an interrupted run must be recovered first). */
    static Journal start(Path file, JournalRecord.Start start) throws IOException {
        Journal j = new Journal(AppendLog.createNew(file));
        j.append(start, true);
        return j;
    }

    public Path file() {
        return log.file();
    }

    /** Appends one record; {@code durable} forces it (and all before it) to disk before returning. */
    void append(JournalRecord record, boolean durable) throws IOException {
        log.append(JournalCodec.encode(record), durable);
    }

    /** The run ended consistently: the journal is deleted, so no later run sees an interrupted one. */
    void finish() throws IOException {
        close();
        AppendLog.delete(log.file());
    }

    /** Releases the file handle but KEEPS the journal: the next writing run recovers from it. */
    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            log.close();
        }
    }

    /**
     * Every complete record of {@code file}. A last line without its newline was cut by a crash mid-append and is
     * skipped (the run had not acted on it: it acts only after a record is on disk). Anything else that is not a
     * record of this version — a damaged line, a start record missing or of another journal version — is refused
     * with exit 5 naming the file: guessing what an interrupted run did could overwrite the wrong file.
     */
    static List<JournalRecord> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // a torn last line, possibly cut inside a multi-byte character
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw unreadable(file, 1, "it is not UTF-8 text");
        }
        List<JournalRecord> records = new ArrayList<>();
        int from = 0;
        int lineNo = 1;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from), lineNo++) {
            String line = text.substring(from, nl);
            from = nl + 1;
            try {
                JournalRecord r = JournalCodec.decode(line);
                if (records.isEmpty() != (r instanceof JournalRecord.Start)) {
                    throw new IllegalArgumentException(records.isEmpty() ? "it does not begin with a start record"
                            : "a second start record");
                }
                records.add(r);
            } catch (IllegalArgumentException e) {
                throw unreadable(file, lineNo, e.getMessage());
            }
        }
        return records;
    }

    private static SafeAbortException unreadable(Path file, int line, String why) {
        return new SafeAbortException("cannot read the journal of an interrupted run, " + file + " line " + line
                + ": " + why + "; nothing was written", file + ":" + line,
                "finish it with the codexsync version that wrote it; or, if no codexsync run is active, check the files "
                        + "it names by hand (their old versions are in the newest backup snapshot) and move the "
                        + "journal aside");
    }
}
