// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.config;

import codexsync.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Strictly typed reads from a parsed TOML document. A value of the wrong type is an error naming the key and
 * its line:column (0.1.1 read "false" as true and crashed on "ten"); every key read is remembered so the
 * loader can warn about the ones it does not know.
 */
final class TomlReader {
    private final TomlTable table;
    private final Path file;
    private final Set<String> known = new HashSet<>();

    TomlReader(TomlTable table, Path file) {
        this.table = table;
        this.file = file;
    }

    String string(String key, String fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw bad(key, "must be a string in quotes", key(key) + " = \"...\"");
        }
        return s;
    }

    boolean bool(String key, boolean fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw bad(key, "must be true or false without quotes (got " + describe(v) + ")", key(key) + " = " + fallback);
        }
        return b;
    }

    int integer(String key, int fallback, int min) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long l)) {
            throw bad(key, "must be a whole number without quotes (got " + describe(v) + ")", key(key) + " = " + fallback);
        }
        if (l < min || l > Integer.MAX_VALUE) {
            String range = min == 0 ? "zero or more" : min + " or more";
            throw bad(key, "must be " + range + " (got " + l + ")", key(key) + " = " + fallback);
        }
        return l.intValue();
    }

    List<String> stringList(String key, List<String> fallback) {
        Object v = raw(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof TomlArray array)) {
            throw bad(key, "must be a list of strings (got " + describe(v) + ")", key(key) + " = [\"...\"]");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (!(item instanceof String s)) {
                throw bad(key, "must hold only strings (item " + (i + 1) + " is " + describe(item) + ")",
                        key(key) + " = [\"...\"]");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * An enum value written in lower case, e.g. {@code "mtime_hash_fallback"}. {@code ignoreCase} follows
     * 0.1.1, which lower-cased some keys but compared {@code mode}, {@code direction}, {@code delete_policy}
     * and {@code policy} exactly.
     */
    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback, boolean ignoreCase) {
        String s = string(key, null);
        if (s == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT);
            if (ignoreCase ? name.equalsIgnoreCase(s.trim()) : name.equals(s)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw bad(key, "must be one of " + allowed + " (got \"" + s + "\")",
                key(key) + " = \"" + fallback.name().toLowerCase(Locale.ROOT) + "\"");
    }

    /** Tables such as {@code process_detection.background_process_names}: their own keys. */
    Set<String> tableKeys(String key) {
        Object v = raw(key);
        if (v == null) {
            return Set.of();
        }
        if (!(v instanceof TomlTable t)) {
            throw bad(key, "must be a table", "[" + key + "]");
        }
        return t.keySet();
    }

    void markKnown(String key) {
        known.add(key);
    }

    Set<String> knownKeys() {
        return known;
    }

    String location(String key) {
        TomlPosition pos = table == null ? null : table.inputPositionOf(key);
        if (file == null) {
            return null;
        }
        return pos == null ? file.toString() : file + ":" + pos.line() + ":" + pos.column();
    }

    InvalidInputException bad(String key, String what, String example) {
        return new InvalidInputException("config value '" + key + "' " + what, location(key), "write e.g. " + example);
    }

    private Object raw(String key) {
        known.add(key);
        return table == null ? null : table.get(key);
    }

    private static String key(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof TomlArray) {
            return "a list";
        }
        if (v instanceof TomlTable) {
            return "a table";
        }
        return String.valueOf(v);
    }
}
