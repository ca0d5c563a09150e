// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.Json;
import codexsync.fs.AppendLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write-ahead journal of one writing run (D21): {@code <temp_dir>/journal/<machine_id>.journal}, one compact
 * JSON object per line, payload-free (paths, sizes, hashes; never file contents). A record the run acts on is
 * forced to disk before the action, so after a crash the journal always knows at least as much as the disk shows.
 * The file exists only while a run is open or after one was interrupted; closing deletes it.
 */
public final class Journal implements AutoCloseable {
    public static final String FOLDER = "journal";

    private final AppendLog log;
    private boolean open = true;

    private Journal(AppendLog log) {
        this.log = log;
    }

    public static Path fileFor(Path tempDir, String machineId) {
        return tempDir.resolve(FOLDER).resolve(machineId + ".journal");
    }

    /** Starts a journal; refuses when one exists (an interrupted run must be recovered first). */
    public static Journal start(Path file, Map<String, Object> startRecord) throws IOException {
        Journal j = new Journal(AppendLog.createNew(file));
        j.append(startRecord, true);
        return j;
    }

    static Journal reopen(Path file) throws IOException {
        return new Journal(AppendLog.reopen(file));
    }

    public Path file() {
        return log.file();
    }

    /** Appends one record; {@code durable} forces it (and all before it) to disk before returning. */
    public void append(Map<String, Object> record, boolean durable) throws IOException {
        log.append(Json.writeCompact(record), durable);
    }

    /** The run ended consistently: the journal is deleted, so no later run sees an interrupted one. */
    public void finish() throws IOException {
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

    /** Reads every complete record; a torn last line (crash mid-write) is skipped. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(Json.parseObject(line));
            } catch (IllegalArgumentException torn) {
                // Only the last line can be torn; anything after it was never written.
                break;
            }
        }
        return records;
    }

    /** A record with its {@code op} first. */
    static Map<String, Object> record(String op, Object... keyValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("op", op);
        for (int i = 0; i < keyValues.length; i += 2) {
            r.put((String) keyValues[i], keyValues[i + 1]);
        }
        return r;
    }
}
