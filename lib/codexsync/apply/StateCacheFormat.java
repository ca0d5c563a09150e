// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.Json;
import codexsync.core.JsonStream;
import codexsync.plan.BaseEntry;
import codexsync.plan.BaseState;
import codexsync.plan.Fingerprint;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The binary form of one parsed state file kept by {@link StateParseCache}: what {@link MachineStateReader} made of
 * the JSON, in the order it is needed, with no text to tokenise. It names the JSON it stands for by its path, size
 * and CRC-32C; the reader checks all three against the file before trusting the rest. Equal fingerprints
 * (local = cloud = handoff) are written once and read back as one object, as the JSON reader shares them, and a
 * handoff entry names its path by the base state's entry for it: one path string per path, not two.
 */
final class StateCacheFormat {
    private static final int MAGIC = 0x43585343; // "CXSC"
    private static final int VERSION = 2;
    private static final byte NONE = 0;
    private static final byte NO_HASH = 1;
    private static final byte HASH = 2;
    private static final byte SAME = 3; // the same object as the fingerprint it is compared with

    /** What the cache says of the JSON file it was made from. */
    record Key(String path, long size, long crc32c) {
    }

    /** One parsed state file: the state and its small top-level keys, as {@link MachineStateReader.Result}. */
    record Entry(Key key, MachineState state, Map<String, Object> topLevel) {
    }

    private StateCacheFormat() {
    }

    static void write(DataOutputStream out, Entry entry) throws IOException {
        new StateCacheFormat().writeEntry(out, entry);
    }

    /** The entry, or null when the file is not this format; its key is the caller's to check. */
    static Key readKey(CacheInput in) throws IOException {
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            return null;
        }
        return new Key(readString(in), in.readLong(), in.readLong());
    }

    /** The rest after {@link #readKey}; {@code source} becomes the state's source file. */
    static Entry readRest(CacheInput in, Key key, Path source) throws IOException {
        return new StateCacheFormat().readEntry(in, key, source);
    }

    private void writeEntry(DataOutputStream out, Entry entry) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeString(out, entry.key().path());
        out.writeLong(entry.key().size());
        out.writeLong(entry.key().crc32c());
        MachineState s = entry.state();
        writeString(out, s.machineId());
        writeNullable(out, s.hostName());
        writeNullable(out, s.finishedAt() == null ? null : s.finishedAt().toString());
        writeString(out, Json.writeCompact(entry.topLevel()));
        Map<String, BaseEntry> files = s.base().files();
        Map<String, Integer> index = new HashMap<>(capacity(files.size()));
        out.writeInt(files.size());
        for (Map.Entry<String, BaseEntry> e : files.entrySet()) {
            index.put(e.getKey(), index.size());
            writeString(out, e.getKey());
            writeFingerprint(out, e.getValue().local(), null);
            writeFingerprint(out, e.getValue().cloud(), e.getValue().local());
        }
        writeRecord(out, s.handoff(), files, index);
        writeRecord(out, s.tombstones(), null, Map.of());
    }

    private Entry readEntry(CacheInput in, Key key, Path source) throws IOException {
        String machineId = readString(in);
        String host = readNullable(in);
        String finished = readNullable(in);
        Map<String, Object> top = readTopLevel(readString(in));
        int count = in.readInt();
        Map<String, BaseEntry> files = new HashMap<>(capacity(count));
        String[] paths = new String[Math.min(count, 1 << 16)];
        for (int i = 0; i < count; i++) {
            String path = readString(in);
            Fingerprint local = readFingerprint(in, null);
            files.put(path, new BaseEntry(local, readFingerprint(in, local)));
            if (i >= paths.length) {
                paths = java.util.Arrays.copyOf(paths, Math.min(count, paths.length * 2));
            }
            paths[i] = path;
        }
        files = Collections.unmodifiableMap(files);
        Map<String, Fingerprint> handoff = readRecord(in, files, paths, count);
        Map<String, Fingerprint> tombstones = readRecord(in, null, paths, count);
        MachineState state = new MachineState(machineId, host, finished == null ? null : Instant.parse(finished),
                new BaseState(machineId, files), handoff, tombstones, source);
        return new Entry(key, state, top);
    }

    /**
     * A handoff record: each path as the number of the base state's entry for it ({@code index}), or -1 and the path;
     * an entry equal to the base state's cloud side of its path is marked, not repeated.
     */
    private void writeRecord(DataOutputStream out, Map<String, Fingerprint> record, Map<String, BaseEntry> files,
                             Map<String, Integer> index) throws IOException {
        out.writeInt(record.size());
        for (Map.Entry<String, Fingerprint> e : record.entrySet()) {
            Integer known = index.get(e.getKey());
            out.writeInt(known == null ? -1 : known);
            if (known == null) {
                writeString(out, e.getKey());
            }
            BaseEntry base = files == null ? null : files.get(e.getKey());
            writeFingerprint(out, e.getValue(), base == null ? null : base.cloud());
        }
    }

    private Map<String, Fingerprint> readRecord(CacheInput in, Map<String, BaseEntry> files, String[] paths,
                                                int pathCount) throws IOException {
        int count = in.readInt();
        Map<String, Fingerprint> out = new HashMap<>(capacity(count));
        for (int i = 0; i < count; i++) {
            int known = in.readInt();
            if (known < -1 || known >= pathCount) {
                throw new IOException("a handoff entry names base entry " + known + " of " + pathCount);
            }
            String path = known == -1 ? readString(in) : paths[known];
            BaseEntry base = files == null ? null : files.get(path);
            Fingerprint f = readFingerprint(in, base == null ? null : base.cloud());
            if (f == null) {
                throw new IOException("a handoff entry without a fingerprint");
            }
            out.put(path, f);
        }
        return Collections.unmodifiableMap(out);
    }

    private static void writeFingerprint(DataOutputStream out, Fingerprint f, Fingerprint same) throws IOException {
        if (f == null) {
            out.writeByte(NONE);
        } else if (same != null && f.equals(same)) {
            out.writeByte(SAME);
        } else {
            out.writeByte(f.sha256() == null ? NO_HASH : HASH);
            out.writeLong(f.size());
            out.writeLong(f.mtimeNs());
            if (f.sha256() != null) {
                out.write(f.sha256().getBytes(StandardCharsets.ISO_8859_1)); // 64 hex digits, checked when parsed
            }
        }
    }

    private Fingerprint readFingerprint(CacheInput in, Fingerprint same) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case NONE:
                return null;
            case SAME:
                if (same == null) {
                    throw new IOException("a repeated fingerprint with nothing to repeat");
                }
                return same;
            case NO_HASH:
            case HASH:
                long size = in.readLong();
                long mtime = in.readLong();
                String sha = null;
                if (kind == HASH) {
                    sha = in.readString(64, StandardCharsets.ISO_8859_1);
                    if (same != null && sha.equals(same.sha256())) {
                        sha = same.sha256();
                    }
                }
                return new Fingerprint(size, mtime, sha);
            default:
                throw new IOException("unknown fingerprint kind " + kind);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readTopLevel(String json) throws IOException {
        try (JsonStream stream = new JsonStream(new StringReader(json))) {
            if (stream.peek() != JsonStream.Kind.OBJECT) {
                throw new IOException("the top-level keys are not a JSON object");
            }
            return Collections.unmodifiableMap((Map<String, Object>) stream.nextValue());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    private String readNullable(CacheInput in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    /** Length-prefixed UTF-8 (not writeUTF, which stops at 64 KiB: a Windows long path could pass that). */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(CacheInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 26) {
            throw new IOException("a string of " + n + " bytes");
        }
        return in.readString(n, StandardCharsets.UTF_8);
    }

    /** A map's first capacity for {@code count} entries, never huge: a damaged count must fail reading, not memory. */
    private static int capacity(int count) throws IOException {
        if (count < 0) {
            throw new IOException("a negative count");
        }
        return Math.min(count, 1 << 16) * 4 / 3 + 1;
    }
}
