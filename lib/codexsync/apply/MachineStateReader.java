// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.InvalidInputException;
import codexsync.core.JsonStream;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one per-machine state file (format in {@link BaseStateStore}) straight from the JSON stream into its records:
 * a 20,000-path file is megabytes of JSON, and building a map per path first made reading it twice as slow. Same
 * rules as before: a malformed path entry or handoff entry is skipped with a warning (the path counts as never
 * synced); a file that is not JSON, has another {@code data_version}, names another machine or has no
 * {@code "files"} object is refused. The document's other top-level keys are kept for the next save.
 */
final class MachineStateReader {
    private static final Logger LOG = LoggerFactory.getLogger(MachineStateReader.class);

    /** The state, and the file's top-level keys other than the per-path maps. */
    /** @param skipped how many malformed entries were skipped (each with a warning) */
    record Result(MachineState state, Map<String, Object> topLevel, int skipped) {
    }

    private final Path file;
    private final String machineId;
    private final Function<String, InvalidInputException> broken;
    private int skipped;

    /** {@code broken} turns "what is wrong" into the store's refusal of the file. */
    MachineStateReader(Path file, String machineId, Function<String, InvalidInputException> broken) {
        this.file = file;
        this.machineId = machineId;
        this.broken = broken;
    }

    /** Reads the document; IOException and IllegalArgumentException (not JSON) are the caller's to word. */
    Result read(JsonStream json) throws IOException {
        Map<String, Object> top = new LinkedHashMap<>();
        Map<String, BaseEntry> files = null;
        Map<String, Fingerprint> handoff = Map.of();
        Map<String, Fingerprint> tombstones = Map.of();
        if (json.peek() != JsonStream.Kind.OBJECT) {
            throw new IllegalArgumentException("expected a JSON object but found " + json.peek());
        }
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            if (top.containsKey(key) || key.equals("files") && files != null) {
                throw new IllegalArgumentException("duplicate key: " + key + " at " + json.path());
            }
            if (key.equals("files") && json.peek() == JsonStream.Kind.OBJECT) {
                files = readFiles(json);
            } else if (key.equals("handoff") && json.peek() == JsonStream.Kind.OBJECT) {
                json.beginObject();
                while (json.hasNext()) {
                    switch (json.nextName()) {
                        case "files" -> handoff = readHandoff(json, files);
                        case "deleted" -> tombstones = readHandoff(json, null);
                        default -> json.skipValue();
                    }
                }
                json.endObject();
            } else {
                top.put(key, json.nextValue());
            }
        }
        json.endObject();
        if (json.peek() != JsonStream.Kind.END) {
            throw new IllegalArgumentException("more after the JSON object at " + json.path());
        }
        BaseStateStore.checkDataVersion(file, top.get("data_version"), BaseStateStore.DATA_VERSION);
        Object id = top.get("machine_id");
        if (id != null && !machineId.equals(id)) {
            throw broken.apply("it names machine '" + id + "', not '" + machineId + "' as its file name does");
        }
        if (files == null) {
            throw broken.apply("it has no \"files\" object");
        }
        Instant finished;
        try {
            finished = finishedAt(top);
        } catch (DateTimeParseException e) {
            throw broken.apply("\"finished_at\" is not an ISO-8601 instant: " + top.get("finished_at"));
        }
        String host = hostName(top);
        top.remove("files");
        top.remove("handoff");
        MachineState state = new MachineState(machineId, host, finished, new BaseState(machineId, files), handoff,
                tombstones, file);
        return new Result(state, Collections.unmodifiableMap(top), skipped);
    }

    /** The top-level {@code finished_at} when it is a string, else null; a string that is no instant throws. */
    static Instant finishedAt(Map<String, Object> top) {
        return top.get("finished_at") instanceof String t ? Instant.parse(t) : null;
    }

    /** The top-level {@code host_name} when it is a string, else null. */
    static String hostName(Map<String, Object> top) {
        return top.get("host_name") instanceof String s ? s : null;
    }

    private Map<String, BaseEntry> readFiles(JsonStream json) throws IOException {
        Map<String, BaseEntry> entries = new HashMap<>();
        json.beginObject();
        while (json.hasNext()) {
            String path = json.nextName();
            BaseEntry entry = readEntry(json);
            if (entry == null) {
                LOG.warn("base state {}: malformed entry for {} ignored (treated as never synced)", file, path);
                skipped++;
            } else {
                entries.put(path, entry);
            }
        }
        json.endObject();
        return Collections.unmodifiableMap(entries);
    }

    /** {"local": fingerprint|null, "cloud": fingerprint|null}, both keys present, not both null; else null. */
    private static BaseEntry readEntry(JsonStream json) throws IOException {
        if (json.peek() != JsonStream.Kind.OBJECT) {
            json.skipValue();
            return null;
        }
        boolean hasLocal = false;
        boolean hasCloud = false;
        boolean broken = false;
        Fingerprint local = null;
        Fingerprint cloud = null;
        json.beginObject();
        while (json.hasNext()) {
            String side = json.nextName();
            if (!side.equals("local") && !side.equals("cloud")) {
                json.skipValue();
                continue;
            }
            Fingerprint f = null;
            if (json.peek() == JsonStream.Kind.NULL) {
                json.skipValue();
            } else {
                f = readFingerprint(json);
                broken |= f == null;
            }
            if (side.equals("local")) {
                hasLocal = true;
                local = f;
            } else {
                hasCloud = true;
                cloud = f;
            }
        }
        json.endObject();
        if (!hasLocal || !hasCloud || broken || local == null && cloud == null) {
            return null;
        }
        return new BaseEntry(local, cloud == null || local == null ? cloud : shared(cloud, local));
    }

    /** {"size": whole >= 0, "mtime_ns": whole, "sha256": 64 hex digits | null | absent}; else null. */
    private static Fingerprint readFingerprint(JsonStream json) throws IOException {
        if (json.peek() != JsonStream.Kind.OBJECT) {
            json.skipValue();
            return null;
        }
        Long size = null;
        Long mtime = null;
        String sha = null;
        boolean broken = false;
        json.beginObject();
        while (json.hasNext()) {
            String name = json.nextName();
            JsonStream.Kind kind = json.peek();
            switch (name) {
                case "size", "mtime_ns" -> {
                    Object n = kind == JsonStream.Kind.NUMBER ? json.nextNumber() : skip(json);
                    if (n instanceof Long l) {
                        if (name.equals("size")) {
                            size = l;
                        } else {
                            mtime = l;
                        }
                    } else {
                        broken = true;
                    }
                }
                case "sha256" -> {
                    if (kind == JsonStream.Kind.STRING) {
                        sha = json.nextString();
                        broken |= !BaseStateStore.isSha256Hex(sha);
                    } else {
                        broken |= kind != JsonStream.Kind.NULL;
                        json.skipValue();
                    }
                }
                default -> json.skipValue();
            }
        }
        json.endObject();
        return broken || size == null || mtime == null || size < 0 ? null : new Fingerprint(size, mtime, sha);
    }

    /**
     * {@code f}, or {@code same} when they are equal, or {@code f} holding {@code same}'s hash string when only the
     * hash is equal. A state file repeats the same fingerprint up to three times per path (local, cloud, handoff);
     * one object each keeps a 100,000-path state tens of megabytes smaller, which every garbage collection of the
     * run would otherwise copy.
     */
    private static Fingerprint shared(Fingerprint f, Fingerprint same) {
        if (f.equals(same)) {
            return same;
        }
        return f.sha256() != null && f.sha256().equals(same.sha256())
                ? new Fingerprint(f.size(), f.mtimeNs(), same.sha256()) : f;
    }

    /** {@code files}: the base state read so far (or null), whose equal cloud fingerprints the record shares. */
    private Map<String, Fingerprint> readHandoff(JsonStream json, Map<String, BaseEntry> files) throws IOException {
        if (json.peek() == JsonStream.Kind.NULL) {
            json.skipValue();
            return Map.of();
        }
        if (json.peek() != JsonStream.Kind.OBJECT) {
            throw broken.apply("the handoff record is not a JSON object");
        }
        Map<String, Fingerprint> out = new HashMap<>();
        json.beginObject();
        while (json.hasNext()) {
            String path = json.nextName();
            Fingerprint f = readFingerprint(json);
            if (f == null || f.sha256() == null) {
                LOG.warn("state file {}: malformed handoff entry for {} ignored", file, path);
                skipped++;
                continue;
            }
            BaseEntry base = files == null ? null : files.get(path);
            out.put(path, base == null || base.cloud() == null ? f : shared(f, base.cloud()));
        }
        json.endObject();
        return Collections.unmodifiableMap(out);
    }

    private static Object skip(JsonStream json) throws IOException {
        json.skipValue();
        return null;
    }
}
