// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.AtomicFiles;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the per-machine base state (D11) at {@code state.manifest_file}:
 * <pre>{"data_version": 1, "machines": {"&lt;machine_id&gt;": {"files": {"&lt;rel&gt;":
 *     {"local": {"size": N, "mtime_ns": N, "sha256": "..."|null} | null, "cloud": {...} | null}}}}}</pre>
 * Guarantees: a machine reads and writes only its own entry, and a save keeps every other machine's entry (and
 * any other top-level key) exactly as read; writes are atomic ({@link AtomicFiles}); a missing file or a 0.1.1
 * file without {@code machines} reads as "never synchronised"; a malformed entry for one path reads as "never
 * synced" for that path (logged); a file that is not JSON, or whose structure is broken, or whose
 * {@code data_version} is not {@value #DATA_VERSION}, is exit 4 naming the file and how to reset it. Reading
 * never writes. It lives in {@code apply} because it is the lowest layer allowed to use both {@code plan} (the
 * {@link BaseState} type) and {@code fs} (atomic writes); {@code app} reads through it for {@code plan}.
 */
public final class BaseStateStore {
    public static final int DATA_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(BaseStateStore.class);

    /** This machine's base state; empty when the file does not exist or has no entry for it. */
    public BaseState load(Path file, String machineId) {
        if (!Files.exists(file)) {
            return BaseState.empty(machineId);
        }
        Map<String, Object> doc = readDocument(file);
        Map<?, ?> machineMap = machines(file, doc);
        if (machineMap == null) {
            // A 0.1.1 manifest holds one baseline for every machine; taking it as ours was 0.1.1's worst bug.
            LOG.info("base state {} has no per-machine entries (codexSync 0.1.1 format): treated as never synchronised",
                    file);
            return BaseState.empty(machineId);
        }
        Map<?, ?> fileMap = ownFiles(file, machineMap, machineId);
        if (fileMap == null) {
            return BaseState.empty(machineId);
        }
        Map<String, BaseEntry> entries = new TreeMap<>();
        for (Map.Entry<?, ?> e : fileMap.entrySet()) {
            String path = String.valueOf(e.getKey());
            BaseEntry entry = parseEntry(e.getValue());
            if (entry == null) {
                LOG.warn("base state {}: malformed entry for {} ignored (treated as never synced)", file, path);
            } else {
                entries.put(path, entry);
            }
        }
        return new BaseState(machineId, Map.copyOf(entries));
    }

    /**
     * What an existing base state file holds, read and validated exactly as {@link #load} reads it (same exit-4
     * refusals for unreadable text, invalid JSON, another {@code data_version} or a broken structure), so doctor
     * can never call valid what sync refuses, or the other way round. Never writes.
     *
     * @param perMachine false for a codexSync 0.1.1 file without {@code machines} (read as never synchronised)
     * @param machines how many machines the file records
     * @param ownFiles how many path entries this machine's entry holds, or -1 when it has none
     */
    public record Contents(boolean perMachine, int machines, int ownFiles) {
    }

    /** Reads {@code file} (which must exist) the way {@link #load} does and says what it holds. */
    public Contents inspect(Path file, String machineId) {
        Map<?, ?> machineMap = machines(file, readDocument(file));
        if (machineMap == null) {
            return new Contents(false, 0, -1);
        }
        Map<?, ?> fileMap = ownFiles(file, machineMap, machineId);
        return new Contents(true, machineMap.size(), fileMap == null ? -1 : fileMap.size());
    }

    /** The {@code machines} object, or null for a 0.1.1 file without one. */
    private static Map<?, ?> machines(Path file, Map<String, Object> doc) {
        Object machines = doc.get("machines");
        if (machines == null) {
            return null;
        }
        if (!(machines instanceof Map<?, ?> machineMap)) {
            throw broken(file, "\"machines\" is not a JSON object");
        }
        return machineMap;
    }

    /** This machine's {@code files} object, or null when the machine has no entry. */
    private static Map<?, ?> ownFiles(Path file, Map<?, ?> machineMap, String machineId) {
        Object mine = machineMap.get(machineId);
        if (mine == null) {
            return null;
        }
        if (!(mine instanceof Map<?, ?> mineMap) || !(mineMap.get("files") instanceof Map<?, ?> fileMap)) {
            throw broken(file, "the entry for machine '" + machineId + "' has no \"files\" object");
        }
        return fileMap;
    }

    /**
     * Replaces this machine's entry with {@code state}, keeping everything else in the file. Refuses (exit 4) to
     * overwrite a file it cannot parse, so a damaged file is never silently replaced.
     */
    public void save(Path file, BaseState state) {
        Map<String, Object> doc = Files.exists(file) ? readDocument(file) : new LinkedHashMap<>();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("data_version", DATA_VERSION);
        Map<String, Object> machines = new TreeMap<>();
        Map<?, ?> existing = machines(file, doc);
        if (existing != null) {
            existing.forEach((k, v) -> machines.put(String.valueOf(k), v));
        }
        Map<String, Object> files = new TreeMap<>();
        state.files().forEach((path, entry) -> files.put(path, entryJson(entry)));
        Map<String, Object> mine = new LinkedHashMap<>();
        mine.put("files", files);
        machines.put(state.machineId(), mine);
        out.put("machines", machines);
        doc.forEach((k, v) -> {
            if (!k.equals("data_version") && !k.equals("machines")) {
                out.put(k, v);
            }
        });
        try {
            AtomicFiles.writeString(file, Json.write(out) + "\n");
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write the base state " + file + ": " + e.getMessage(),
                    file.toString(), "check that the workspace folder is writable", e);
        }
    }

    private static Map<String, Object> readDocument(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw unreadable(file, "it is not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(file, e.getMessage());
        }
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw unreadable(file, "it is not valid JSON (" + e.getMessage() + ")");
        }
        Object version = doc.get("data_version");
        if (!(version instanceof Long v) || v != DATA_VERSION) {
            throw new InvalidInputException("base state " + file + " has data_version " + version + "; this version of "
                    + "codexsync reads only data_version " + DATA_VERSION, file.toString(),
                    "use the codexsync version that wrote it, or move the file aside (the next sync then behaves as "
                            + "a first sync)");
        }
        return new LinkedHashMap<>(doc);
    }

    private static InvalidInputException unreadable(Path file, String why) {
        return new InvalidInputException("cannot read the base state " + file + ": " + why, file.toString(),
                "move the file aside (e.g. rename it to manifest.json.bad); the next sync then behaves as a first sync");
    }

    private static InvalidInputException broken(Path file, String why) {
        return unreadable(file, "its structure is broken: " + why);
    }

    /** One path's entry, or null when it is malformed (then the path counts as never synced). */
    static BaseEntry parseEntry(Object value) {
        if (!(value instanceof Map<?, ?> m) || !m.containsKey("local") || !m.containsKey("cloud")) {
            return null;
        }
        Fingerprint[] sides = new Fingerprint[2];
        String[] keys = {"local", "cloud"};
        for (int i = 0; i < 2; i++) {
            Object side = m.get(keys[i]);
            if (side == null) {
                continue;
            }
            sides[i] = parseFingerprint(side);
            if (sides[i] == null) {
                return null;
            }
        }
        if (sides[0] == null && sides[1] == null) {
            return null;
        }
        return new BaseEntry(sides[0], sides[1]);
    }

    private static Fingerprint parseFingerprint(Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("size") instanceof Long size)
                || !(m.get("mtime_ns") instanceof Long mtime) || size < 0) {
            return null;
        }
        Object sha = m.get("sha256");
        if (sha != null && !(sha instanceof String s && s.matches("[0-9a-fA-F]{64}"))) {
            return null;
        }
        return new Fingerprint(size, mtime, (String) sha);
    }

    private static Map<String, Object> entryJson(BaseEntry entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("local", fingerprintJson(entry.local()));
        m.put("cloud", fingerprintJson(entry.cloud()));
        return m;
    }

    private static Map<String, Object> fingerprintJson(Fingerprint f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", f.size());
        m.put("mtime_ns", f.mtimeNs());
        m.put("sha256", f.sha256());
        return m;
    }
}
