// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.Json;
import codexsync.core.JsonOut;
import codexsync.fs.StagedWrite;
import codexsync.plan.BaseEntry;
import codexsync.plan.Fingerprint;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes a per-machine state file (format in {@link BaseStateStore}) straight from the records to the JSON stream,
 * paths in sorted order: the same text the document built as maps and handed to {@link Json#write} gave, without
 * that copy. A 20,000-path state is megabytes; building a map per path and fingerprint and letting Gson inspect
 * each one at run time cost more than half a second of every writing run.
 */
final class StateFileWriter {
    /** Placeholders in the top-level document for the per-path maps, which are streamed from the state. */
    static final Object FILES = new Object();
    static final Object HANDOFF = new Object();

    /** What was written: its size and CRC-32C, which name the file's content for {@link StateParseCache}. */
    record Written(long size, long crc32c) {
    }

    private StateFileWriter() {
    }

    /**
     * Writes {@code document} (its small top-level keys in order, with {@link #FILES} and {@link #HANDOFF} where the
     * per-path maps go) through {@link StagedWrite}: staged beside the file, flushed, renamed.
     */
    static Written write(Path file, Map<String, Object> document, MachineState state) throws IOException {
        try (StagedWrite w = StagedWrite.openUnhashed(file)) {
            CRC32C sum = new CRC32C();
            CountingOutputStream bytes = new CountingOutputStream(new CheckedOutputStream(w.stream(), sum));
            Writer text = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16);
            JsonOut json = Json.streamingWriter(text);
            json.beginObject();
            for (Map.Entry<String, Object> e : document.entrySet()) {
                json.name(e.getKey());
                if (e.getValue() == FILES) {
                    writeFiles(json, state.base().files());
                } else if (e.getValue() == HANDOFF) {
                    json.beginObject();
                    json.name("files");
                    writeFingerprints(json, state.handoff());
                    json.name("deleted");
                    writeFingerprints(json, state.tombstones());
                    json.endObject();
                } else {
                    json.anyValue(e.getValue());
                }
            }
            json.endObject();
            json.flush();
            text.write('\n');
            text.flush(); // not close(): the staged stream is closed by commit
            w.commit();
            return new Written(bytes.count, sum.getValue());
        }
    }

    /** Counts the bytes passed on. */
    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    private static void writeFiles(JsonOut json, Map<String, BaseEntry> files) throws IOException {
        json.beginObject();
        for (String path : sorted(files)) {
            BaseEntry entry = files.get(path);
            json.name(path).beginObject();
            json.name("local");
            writeFingerprint(json, entry.local());
            json.name("cloud");
            writeFingerprint(json, entry.cloud());
            json.endObject();
        }
        json.endObject();
    }

    private static void writeFingerprints(JsonOut json, Map<String, Fingerprint> entries) throws IOException {
        json.beginObject();
        for (String path : sorted(entries)) {
            json.name(path);
            writeFingerprint(json, entries.get(path));
        }
        json.endObject();
    }

    /** {"size", "mtime_ns", "sha256"} (a null hash kept), or null. */
    static void writeFingerprint(JsonOut json, Fingerprint f) throws IOException {
        if (f == null) {
            json.nullValue();
            return;
        }
        json.beginObject();
        json.name("size").value(f.size());
        json.name("mtime_ns").value(f.mtimeNs());
        json.name("sha256").value(f.sha256());
        json.endObject();
    }

    /** The keys in the order a TreeMap kept them (String's natural order), as the state file has always listed them. */
    private static List<String> sorted(Map<String, ?> map) {
        List<String> keys = new ArrayList<>(map.keySet());
        keys.sort(null);
        return keys;
    }
}
