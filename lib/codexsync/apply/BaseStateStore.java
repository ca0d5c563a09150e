// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.config.MachineIds;
import codexsync.config.StatePaths;
import codexsync.core.InvalidInputException;
import codexsync.core.Json;
import codexsync.core.JsonStream;
import codexsync.core.RuntimeFailureException;
import codexsync.fs.AtomicFiles;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the per-machine state files (D27): {@code <state dir>/machines/<machine_id>.json}, one file per
 * machine, written only by that machine, last in its run, atomically ({@link AtomicFiles}):
 * <pre>{"data_version": 2, "machine_id": "...", "host_name": "...", "finished_at": "&lt;ISO instant&gt;",
 *  "files": {"&lt;rel&gt;": {"local": {"size": N, "mtime_ns": N, "sha256": "..."|null} | null, "cloud": {...} | null}},
 *  "handoff": {"files": {"&lt;rel&gt;": {"size": N, "mtime_ns": N, "sha256": "..."}}, "deleted": {...same...}},
 *  "installation_id": "&lt;uuid&gt;"}</pre>
 * {@code installation_id} names the installation that owns the file (the one that wrote it last), so a second
 * machine that was given the same machine id is told instead of taking this history for its own ({@link #owner});
 * a file without it (written before installation ids existed) has no owner yet. Keys this version does not know are
 * kept on save. The old single manifest ({@code state.manifest_file}, data_version 1, D11) is read only while
 * this machine has no file of its own, so its entry migrates once and the shared file is never written again. A
 * missing file, or a 0.1.1 manifest without {@code machines}, reads as "never synchronised"; a malformed entry for one
 * path reads as "never synced" for that path (logged); this machine's own file (or the old manifest) that is not
 * JSON, has a broken structure or another {@code data_version} is exit 4 naming the file and how to reset it. Another
 * machine's unreadable file is a warning, never a failure: it is not ours to repair. Reading never writes. It lives
 * in {@code apply} because it is the lowest layer allowed to use both {@code plan} (the {@link BaseState} type) and
 * {@code fs} (atomic writes); {@code app} reads through it for {@code plan}, {@code status} and {@code doctor}.
 */
public final class BaseStateStore {
    /** The per-machine file's format. */
    public static final int DATA_VERSION = 2;
    /** The old single manifest's format (D11), read once to migrate. */
    public static final int LEGACY_DATA_VERSION = 1;
    /** The top-level key naming the installation that owns a per-machine state file. */
    public static final String INSTALLATION_ID = "installation_id";
    private static final Logger LOG = LoggerFactory.getLogger(BaseStateStore.class);

    /** This machine's base state; empty when it has never synchronised. */
    public BaseState load(Path manifestFile, String machineId) {
        return loadState(manifestFile, machineId).base();
    }

    /**
     * This machine's whole state: its own file when it has one, else its entry in the old single manifest
     * (migration: the next save writes its own file, after which the old manifest is no longer read), else empty.
     */
    public MachineState loadState(Path manifestFile, String machineId) {
        Path own = StatePaths.machineStateFile(manifestFile, machineId);
        if (Files.exists(own)) {
            return readMachineFile(own, machineId);
        }
        if (!Files.exists(manifestFile)) {
            return MachineState.empty(machineId);
        }
        BaseState legacy = loadLegacy(manifestFile, machineId);
        if (!legacy.files().isEmpty()) {
            LOG.info("base state of {} read from the old single manifest {}; the next sync --apply moves it to {}",
                    machineId, manifestFile, own);
        }
        return new MachineState(machineId, null, null, legacy, Map.of(), Map.of(), manifestFile);
    }

    /** The other machines' state files, and a warning for each one that cannot be read. */
    public record Others(List<MachineState> states, List<String> warnings) {
    }

    /**
     * Every other machine's state file in the machine folder, by machine id. Files a cloud client or codexsync's
     * staging left there (names starting with '.', conflict copies) are not machine files and are skipped.
     */
    public Others others(Path manifestFile, String machineId) {
        Path dir = StatePaths.machineStateDir(manifestFile);
        List<MachineState> states = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Others(states, warnings);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            warnings.add("cannot list the machine state folder " + dir + ": " + e.getMessage());
            return new Others(states, warnings);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = machineIdOf(name);
            if (id == null || id.equals(machineId)) {
                continue;
            }
            try {
                states.add(readMachineFile(file, id));
            } catch (InvalidInputException e) {
                warnings.add("another machine's state file cannot be read (it is skipped): " + e.getMessage());
            }
        }
        return new Others(states, warnings);
    }

    /** The machine id a file in the machine folder belongs to, or null when it is not a machine state file. */
    static String machineIdOf(String fileName) {
        if (fileName.startsWith(".") || !fileName.endsWith(".json") || fileName.contains("sync-conflict")
                || fileName.contains(" ")) {
            return null;
        }
        String id = fileName.substring(0, fileName.length() - ".json".length());
        return id.equals(MachineIds.sanitise(id)) ? id : null;
    }

    /**
     * What an existing state file holds, read and validated exactly as {@link #loadState} reads it (same exit-4
     * refusals), so doctor can never call valid what sync refuses, or the other way round. Never writes.
     *
     * @param file      the file read: this machine's own, else the old manifest, else null (never synchronised)
     * @param migrated  true when this machine's base state still lives only in the old single manifest
     * @param ownFiles  how many path entries this machine's base state holds
     * @param legacy011 true when the file read is a codexSync 0.1.1 manifest without per-machine entries (read as
     *                  never synchronised)
     */
    public record Contents(Path file, boolean migrated, int ownFiles, Instant finishedAt, boolean legacy011) {
    }

    public Contents inspect(Path manifestFile, String machineId) {
        MachineState s = loadState(manifestFile, machineId);
        boolean migrated = s.source() != null && s.source().equals(manifestFile);
        boolean legacy011 = migrated && !readDocument(manifestFile, LEGACY_DATA_VERSION).containsKey("machines");
        return new Contents(s.source(), migrated, s.base().files().size(), s.finishedAt(), legacy011);
    }

    /**
     * Who owns this machine id's state file: the installation id, last sync and host it records. Empty when there is
     * no per-machine file yet (a base state only in the old single manifest has no owner either). Reads the file as
     * {@link #loadState} does, with the same exit-4 refusals. Never writes.
     *
     * @param installationId null when the file predates installation ids
     */
    public record Owner(Path file, String installationId, Instant finishedAt, String hostName) {
    }

    public java.util.Optional<Owner> owner(Path manifestFile, String machineId) {
        Path own = StatePaths.machineStateFile(manifestFile, machineId);
        if (!Files.exists(own)) {
            return java.util.Optional.empty();
        }
        Parsed parsed = parsed(own, machineId);
        MachineState state = parsed.state();
        Object id = parsed.topLevel().get(INSTALLATION_ID);
        return java.util.Optional.of(new Owner(own, id instanceof String s && !s.isBlank() ? s : null,
                state.finishedAt(), state.hostName()));
    }

    /** Convenience for a base state without a handoff record or owner (tests, tools): see {@link #save}. */
    public void save(Path manifestFile, BaseState state) {
        save(manifestFile, new MachineState(state.machineId(), null, null, state, Map.of(), Map.of(), null), null);
    }

    /**
     * Writes this machine's own state file atomically, keeping any top-level key of the previous file this version
     * does not know, and recording {@code installationId} as the file's owner (null keeps the previous file's owner,
     * if any). Refuses (exit 4) to overwrite an own file it cannot parse, so a damaged file is never silently
     * replaced. Never writes the old single manifest.
     */
    public void save(Path manifestFile, MachineState state, String installationId) {
        Path file = StatePaths.machineStateFile(manifestFile, state.machineId());
        // Only the previous file's top-level keys survive (files and handoff are written anew): from the parse
        // this run already made when the file is unchanged since, else read (and refused when unreadable).
        Map<String, Object> previous = Files.exists(file) ? previousTopLevel(file, state.machineId()) : Map.of();
        // The per-path maps are streamed from the state (StateFileWriter); the small keys are kept in this order.
        Map<String, Object> out = Json.object("data_version", DATA_VERSION, "machine_id", state.machineId(),
                "host_name", state.hostName(),
                "finished_at", state.finishedAt() == null ? null : state.finishedAt().toString(),
                "files", StateFileWriter.FILES,
                "handoff", StateFileWriter.HANDOFF);
        if (installationId != null) {
            out.put(INSTALLATION_ID, installationId);
        }
        previous.forEach(out::putIfAbsent);
        if (sameAsOnDisk(file, state, out)) {
            // Nothing but the finish time would change: the file stays as it is, so a no-change run does not make
            // the cloud client upload megabytes of state again (status shows the last run that changed it).
            LOG.debug("base state {} unchanged: not rewritten", file);
            return;
        }
        try {
            AtomicFiles.createFolders(file.getParent());
            StateFileWriter.Written written = StateFileWriter.write(file, out, state);
            PARSED.remove(file.toAbsolutePath().normalize());
            keepWritten(file, written, out, state);
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot write the base state " + file + ": " + e.getMessage(),
                    file.toString(), "check that the workspace folder is writable", e);
        }
    }

    /**
     * Whether the file on disk, as parsed earlier in this run and unchanged since, already says everything
     * {@code state} and the small keys {@code document} would write, but for {@code finished_at}.
     */
    private static boolean sameAsOnDisk(Path file, MachineState state, Map<String, Object> document) {
        Parsed known = earlierParse(file, state.machineId(), versionOf(file));
        if (known == null || !known.complete()) {
            return false; // a file whose malformed entries the parse skipped is rewritten without them
        }
        MachineState disk = known.state();
        if (!disk.base().files().equals(state.base().files()) || !disk.handoff().equals(state.handoff())
                || !disk.tombstones().equals(state.tombstones())) {
            return false;
        }
        Map<String, Object> small = new LinkedHashMap<>(document);
        small.remove("files");
        small.remove("handoff");
        return smallKeysAsJson(small).equals(smallKeysAsJson(known.topLevel()));
    }

    /** The keys but finished_at, as JSON reads them back (so 2 and 2L, or key order, make no difference). */
    private static Map<String, Object> smallKeysAsJson(Map<String, Object> keys) {
        Map<String, Object> copy = new LinkedHashMap<>(keys);
        copy.remove("finished_at");
        return Json.parseObject(Json.writeCompact(copy));
    }

    /**
     * Keeps what a parse of the file just written would give (the small keys as written, host and finish time read
     * from them as {@link MachineStateReader} reads them), so the next run, even a preview, need not parse it.
     */
    private static void keepWritten(Path file, StateFileWriter.Written written, Map<String, Object> document,
                                    MachineState state) {
        StateParseCache cache = StateParseCache.current();
        if (cache == null) {
            return;
        }
        Map<String, Object> top = new LinkedHashMap<>(document);
        top.remove("files");
        top.remove("handoff");
        String host = MachineStateReader.hostName(top);
        Instant finished;
        try {
            finished = MachineStateReader.finishedAt(top);
        } catch (java.time.format.DateTimeParseException e) {
            return; // a kept unreadable time: the next run parses and reports it
        }
        cache.keep(file, written.size(), written.crc32c(), new MachineState(state.machineId(), host, finished,
                state.base(), state.handoff(), state.tombstones(), file), top);
    }

    /**
     * A state file as last parsed ({@code complete}: no malformed entry was skipped), with what tells whether the file
     * is still that version: its size, mtime and
     * (where the OS has them) inode and change time, which no writer can set back. A run asks for the same files
     * several times (the machine-id claim, the handoff check, the plan, the save); a 20,000-path state file is
     * megabytes of JSON, so it is parsed once and its typed, immutable form reused.
     */
    private record Parsed(List<Object> version, MachineState state, Map<String, Object> topLevel, Bytes bytes,
                          boolean complete) {
        Parsed kept() {
            return new Parsed(version, state, topLevel, null, complete);
        }
    }

    /** The size and CRC-32C of the JSON a parse was made from, until that parse is kept on disk (then null). */
    private record Bytes(long size, long crc32c) {
    }

    private static final int PARSED_KEPT = 16;
    private static final Map<Path, Parsed> PARSED = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(PARSED_KEPT, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Path, Parsed> eldest) {
                    return size() > PARSED_KEPT;
                }
            });

    private static List<Object> versionOf(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes a =
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            Object changed;
            try {
                changed = Files.getAttribute(file, "unix:ctime");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                changed = "-"; // no change time here (Windows): size, mtime and file key decide
            }
            return java.util.Arrays.asList(a.size(), a.lastModifiedTime(), a.fileKey(), changed);
        } catch (IOException e) {
            return null; // unreadable attributes: parse, which reports the problem
        }
    }

    /** The parse of {@code file} made earlier when the file has not changed since, else null. */
    private static Parsed earlierParse(Path file, String machineId, List<Object> version) {
        Parsed known = PARSED.get(file.toAbsolutePath().normalize());
        return version != null && known != null && known.version().equals(version)
                && known.state().machineId().equals(machineId) ? known : null;
    }

    private static Parsed parsed(Path file, String machineId) {
        List<Object> version = versionOf(file);
        StateParseCache cache = StateParseCache.current();
        Parsed known = earlierParse(file, machineId, version);
        if (known == null) {
            StateCacheFormat.Entry kept = cache == null ? null : cache.read(file);
            known = kept != null && kept.state().machineId().equals(machineId)
                    ? new Parsed(version, kept.state(), kept.topLevel(), null, true) // only complete parses are kept
                    : parseJson(file, machineId, version);
        }
        // Kept on disk once a writing run holds it: a parse made earlier in this run (before the run's read-only
        // checks passed) is kept now, under the sum of the bytes it was made from.
        if (known.bytes() != null && cache != null && cache.writable()) {
            cache.keep(file, known.bytes().size(), known.bytes().crc32c(), known.state(), known.topLevel());
            known = known.kept();
        }
        if (version != null) {
            PARSED.put(file.toAbsolutePath().normalize(), known);
        }
        return known;
    }

    /**
     * Parses the JSON, summing the bytes parsed; a parse that skipped malformed entries is never kept (the next run
     * parses it again and warns again).
     */
    private static Parsed parseJson(Path file, String machineId, List<Object> version) {
        MachineStateReader.Result read;
        StateParseCache.SummedInput bytes = null;
        try {
            bytes = new StateParseCache.SummedInput(Files.newInputStream(file));
            try (JsonStream json = new JsonStream(new java.io.BufferedReader(new java.io.InputStreamReader(bytes,
                    StandardCharsets.UTF_8.newDecoder()), 1 << 16))) {
                read = new MachineStateReader(file, machineId, why -> broken(file, why)).read(json);
                bytes.drain();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(file, e);
        }
        return new Parsed(version, read.state(), read.topLevel(),
                read.skipped() == 0 ? new Bytes(bytes.size(), bytes.crc32c()) : null, read.skipped() == 0);
    }

    /** The document's own small keys (everything but the per-path maps), kept on save. */
    private static Map<String, Object> topLevelOf(Map<String, Object> doc) {
        Map<String, Object> top = new LinkedHashMap<>(doc);
        top.remove("files");
        top.remove("handoff");
        return java.util.Collections.unmodifiableMap(top);
    }

    private static MachineState readMachineFile(Path file, String machineId) {
        return parsed(file, machineId).state();
    }

    private static Map<String, Object> previousTopLevel(Path file, String machineId) {
        Parsed known = earlierParse(file, machineId, versionOf(file));
        return known != null ? known.topLevel() : topLevelOf(readDocument(file, DATA_VERSION));
    }

    /** This machine's entry in the old single manifest (D11, data_version 1); empty when it has none. */
    private static BaseState loadLegacy(Path file, String machineId) {
        Map<String, Object> doc = readDocument(file, LEGACY_DATA_VERSION);
        Object machines = doc.get("machines");
        if (machines == null) {
            // A 0.1.1 manifest holds one baseline for every machine; taking it as ours was 0.1.1's worst bug.
            LOG.info("base state {} has no per-machine entries (codexSync 0.1.1 format): treated as never synchronised",
                    file);
            return BaseState.empty(machineId);
        }
        if (!(machines instanceof Map<?, ?> machineMap)) {
            throw broken(file, "\"machines\" is not a JSON object");
        }
        Object mine = machineMap.get(machineId);
        if (mine == null) {
            return BaseState.empty(machineId);
        }
        if (!(mine instanceof Map<?, ?> mineMap) || !(mineMap.get("files") instanceof Map<?, ?> fileMap)) {
            throw broken(file, "the entry for machine '" + machineId + "' has no \"files\" object");
        }
        return new BaseState(machineId, parseFiles(file, fileMap));
    }

    private static Map<String, BaseEntry> parseFiles(Path file, Map<?, ?> fileMap) {
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
        return Map.copyOf(entries);
    }

    private static Map<String, Object> readDocument(Path file, int expectedVersion) {
        Map<String, Object> doc;
        // Parsed as it is read: the file's text is never held whole beside the parsed document.
        try (Reader text = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            doc = Json.parseObject(text);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(file, e);
        }
        checkDataVersion(file, doc.get("data_version"), expectedVersion);
        return new LinkedHashMap<>(doc);
    }

    static void checkDataVersion(Path file, Object version, int expectedVersion) {
        if (!(version instanceof Long v) || v != expectedVersion) {
            throw new InvalidInputException("base state " + file + " has data_version " + version + "; this version of "
                    + "codexsync reads only data_version " + expectedVersion + " there", file.toString(),
                    "use the codexsync version that wrote it, or move the file aside (the next sync then behaves as "
                            + "a first sync)");
        }
    }

    /** A state file that could not be read or parsed, in the words every reader of it uses. */
    private static InvalidInputException unreadable(Path file, Exception e) {
        if (e instanceof MalformedInputException) {
            return unreadable(file, "it is not UTF-8 text");
        }
        if (e instanceof IllegalArgumentException) {
            return unreadable(file, "it is not valid JSON (" + e.getMessage() + ")");
        }
        return unreadable(file, e.getMessage());
    }

    private static InvalidInputException unreadable(Path file, String why) {
        return new InvalidInputException("cannot read the base state " + file + ": " + why, file.toString(),
                "move the file aside (e.g. add .bad to its name); the next sync then behaves as a first sync");
    }

    private static InvalidInputException broken(Path file, String why) {
        return unreadable(file, "its structure is broken: " + why);
    }

    /** One path's entry, or null when it is malformed (then the path counts as never synced). */
    static BaseEntry parseEntry(Object value) {
        if (!(value instanceof Map<?, ?> m) || !m.containsKey("local") || !m.containsKey("cloud")) {
            return null;
        }
        Fingerprint local = parseFingerprint(m.get("local"));
        Fingerprint cloud = parseFingerprint(m.get("cloud"));
        // A side recorded but unreadable, or neither side recorded: malformed.
        boolean broken = (local == null && m.get("local") != null) || (cloud == null && m.get("cloud") != null);
        return broken || (local == null && cloud == null) ? null : new BaseEntry(local, cloud);
    }

    private static Fingerprint parseFingerprint(Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("size") instanceof Long size)
                || !(m.get("mtime_ns") instanceof Long mtime) || size < 0) {
            return null;
        }
        Object sha = m.get("sha256");
        if (sha != null && !(sha instanceof String s && isSha256Hex(s))) {
            return null;
        }
        return new Fingerprint(size, mtime, (String) sha);
    }

    /** 64 hex digits; by hand, not String.matches, which compiles a regex for each of tens of thousands of calls. */
    static boolean isSha256Hex(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
