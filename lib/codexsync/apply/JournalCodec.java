// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.apply.JournalRecord.BackedUp;
import codexsync.apply.JournalRecord.BaseSaved;
import codexsync.apply.JournalRecord.Done;
import codexsync.apply.JournalRecord.Intent;
import codexsync.apply.JournalRecord.Kind;
import codexsync.apply.JournalRecord.Staged;
import codexsync.apply.JournalRecord.Start;
import codexsync.apply.JournalRecord.Stopped;
import codexsync.core.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping between {@link JournalRecord}s and journal lines: one compact JSON object per record, its kind
 * in {@code op}. Decoding is strict: an unknown {@code op}, a missing or mistyped field is an
 * {@link IllegalArgumentException} saying which, so a journal codexsync did not write is refused, never half-read.
 */
final class JournalCodec {
    private JournalCodec() {
    }

    static String encode(JournalRecord record) {
        Map<String, Object> m = new LinkedHashMap<>();
        // Java 17 has no pattern switch: one instanceof per record kind (JournalRecordTest round-trips every kind).
        if (record instanceof Start s) {
            m.put("op", "start");
            m.put("journal_version", s.version());
            m.put("command", s.command());
            m.put("machine_id", s.machineId());
            m.put("started", s.started());
            m.put("local", text(s.local()));
            m.put("cloud", text(s.cloud()));
            m.put("backup_dir", text(s.backupDir()));
            m.put("manifest_file", text(s.manifestFile()));
            m.put("snapshot", s.snapshot());
            m.put("actions", s.actions());
        } else if (record instanceof BackedUp b) {
            m.put("op", "backed_up");
            m.put("snapshot", b.snapshot());
            m.put("files", b.files());
        } else if (record instanceof Intent i) {
            m.put("op", "intent");
            m.put("i", i.index());
            m.put("kind", i.kind().name());
            m.put("side", i.side().name());
            m.put("path", i.path());
            m.put("old_sha256", i.oldSha256());
            m.put("src_size", i.sourceSize());
            m.put("src_mtime_ns", i.sourceMtimeNs());
            m.put("src_snapshot", i.sourceSnapshot());
            m.put("src_entry", i.sourceEntry());
            m.put("new_sha256", i.newSha256());
        } else if (record instanceof Staged st) {
            m.put("op", "staged");
            m.put("i", st.index());
            m.put("staging", st.staging());
            m.put("new_sha256", st.newSha256());
        } else if (record instanceof Done d) {
            m.put("op", "done");
            m.put("i", d.index());
            m.put("outcome", d.outcome().name());
            m.put("sha256", d.sha256());
        } else if (record instanceof Stopped s) {
            m.put("op", "stopped");
            m.put("done", s.done());
            m.put("of", s.of());
        } else {
            m.put("op", "base_saved");
        }
        return Json.writeCompact(m);
    }

    /** The record a line holds; {@link IllegalArgumentException} naming the problem when it is not one. */
    static JournalRecord decode(String line) {
        Fields f = new Fields(Json.parseObject(line));
        String op = f.string("op", false);
        return switch (op) {
            case "start" -> {
                int version = (int) f.number("journal_version");
                if (version != JournalRecord.VERSION) {
                    throw new IllegalArgumentException("it has journal_version " + version + "; this codexsync reads "
                            + "only journal_version " + JournalRecord.VERSION);
                }
                yield new Start(version, f.string("command", false), f.string("machine_id", false),
                        f.string("started", false), f.path("local"), f.path("cloud"), f.path("backup_dir"),
                        f.path("manifest_file"), f.string("snapshot", true), (int) f.number("actions"));
            }
            case "backed_up" -> new BackedUp(f.string("snapshot", false), (int) f.number("files"));
            case "intent" -> new Intent((int) f.number("i"), f.choice("kind", Kind.class),
                    f.choice("side", Side.class), f.string("path", false), f.string("old_sha256", true),
                    f.number("src_size"), f.number("src_mtime_ns"), f.string("src_snapshot", true),
                    f.string("src_entry", true), f.string("new_sha256", true));
            case "staged" -> new Staged((int) f.number("i"), f.string("staging", false),
                    f.string("new_sha256", false));
            case "done" -> new Done((int) f.number("i"), f.choice("outcome", ActionOutcome.Kind.class),
                    f.string("sha256", true));
            case "stopped" -> new Stopped((int) f.number("done"), (int) f.number("of"));
            case "base_saved" -> new BaseSaved();
            default -> throw new IllegalArgumentException("unknown record '" + op + "'");
        };
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }

    /** Typed access to one decoded line's fields. */
    private record Fields(Map<String, Object> map) {
        String string(String key, boolean nullable) {
            Object v = map.get(key);
            if (v == null && nullable) {
                return null;
            }
            if (!(v instanceof String s)) {
                throw new IllegalArgumentException("field '" + key + "' is missing or not text");
            }
            return s;
        }

        long number(String key) {
            if (!(map.get(key) instanceof Number n)) {
                throw new IllegalArgumentException("field '" + key + "' is missing or not a number");
            }
            return n.longValue();
        }

        Path path(String key) {
            String s = string(key, true);
            return s == null || s.isBlank() ? null : Path.of(s);
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String s = string(key, false);
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field '" + key + "' has the unknown value '" + s + "'", e);
            }
        }
    }
}
