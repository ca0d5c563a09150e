// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.backup;

import codexsync.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code .codexsync-snapshot.json} manifest of docs/backup-format.md ({@code codexsync-backup-v1}): which
 * file each entry is, from which side, why it was backed up. Parsing is strict: anything that is not this format
 * is reported as a damaged snapshot rather than guessed at. {@link BackupWriter} writes it.
 */
public final class SnapshotManifest {
    public static final String FILE_NAME = BackupWriter.MANIFEST;
    public static final String FORMAT = BackupWriter.FORMAT;

    /** One {@code files[]} record. {@code sha256} may be null; {@code size}/{@code mtimeNs} are -1 when absent. */
    public record Record(String path, String entry, String side, String reason, long size, long mtimeNs,
                         String sha256) {
    }

    private SnapshotManifest() {
    }

    /** Parses a manifest; {@link IllegalArgumentException} says what is wrong with it. */
    public static List<Record> parse(String text) {
        Map<String, Object> doc = Json.parseObject(text);
        if (!FORMAT.equals(doc.get("format"))) {
            throw new IllegalArgumentException("format is " + doc.get("format") + ", expected " + FORMAT);
        }
        if (!(doc.get("files") instanceof List<?> files)) {
            throw new IllegalArgumentException("\"files\" is missing or not a list");
        }
        List<Record> out = new ArrayList<>();
        for (Object o : files) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("path") instanceof String path)) {
                throw new IllegalArgumentException("a \"files\" record has no \"path\"");
            }
            String entry = m.get("entry") instanceof String e ? e : path;
            Object side = m.get("side");
            if (!"local".equals(side) && !"cloud".equals(side)) {
                throw new IllegalArgumentException("record " + path + " has side " + side + ", expected local or cloud");
            }
            out.add(new Record(path, entry, (String) side, m.get("reason") instanceof String r ? r : null,
                    number(m.get("size")), number(m.get("mtime_ns")),
                    m.get("sha256") instanceof String s ? s : null));
        }
        return out;
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }
}
