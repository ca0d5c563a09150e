// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.apply;

import codexsync.core.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one mapping between {@link JournalRecord}s and journal lines: one compact JSON object per record, its kind
 * in {@code op} (the record's name in snake case), then its components in declaration order under their snake-case
 * names ({@code source…} shortened to {@code src_…}; {@code version} is {@code journal_version}, {@code index} is
 * {@code i}). Reading the record components keeps the format and the records from ever drifting apart. Decoding is
 * strict: an unknown {@code op}, a missing or mistyped field (null only where the component is
 * {@link JournalRecord.Nullable}) is an {@link IllegalArgumentException} saying which, so a journal codexsync did not
 * write is refused, never half-read.
 */
final class JournalCodec {
    private static final Map<String, Class<?>> BY_OP = new LinkedHashMap<>();

    static {
        for (Class<?> type : JournalRecord.class.getPermittedSubclasses()) {
            BY_OP.put(snake(type.getSimpleName()), type);
        }
    }

    private JournalCodec() {
    }

    static String encode(JournalRecord record) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", snake(record.getClass().getSimpleName()));
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object v = invoke(c, record);
            m.put(field(c), v instanceof Path || v instanceof Enum<?> ? v.toString() : v);
        }
        return Json.writeCompact(m);
    }

    /** The record a line holds; {@link IllegalArgumentException} naming the problem when it is not one. */
    static JournalRecord decode(String line) {
        Map<String, Object> map = Json.parseObject(line);
        String op = map.get("op") instanceof String s ? s : null;
        Class<?> type = BY_OP.get(op);
        if (type == null) {
            throw new IllegalArgumentException(op == null ? "field 'op' is missing or not text"
                    : "unknown record '" + op + "'");
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int k = 0; k < components.length; k++) {
            types[k] = components[k].getType();
            args[k] = value(components[k], map.get(field(components[k])));
        }
        try {
            return (JournalRecord) type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a " + type.getSimpleName(), e); // a bug, not bad input
        }
    }

    private static Object value(RecordComponent c, Object v) {
        String key = field(c);
        Class<?> type = c.getType();
        if (type == int.class || type == long.class) {
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("field '" + key + "' is missing or not a number");
            }
            if (key.equals("journal_version") && n.longValue() != JournalRecord.VERSION) {
                throw new IllegalArgumentException("it has journal_version " + n.longValue() + "; this codexsync "
                        + "reads only journal_version " + JournalRecord.VERSION);
            }
            return type == int.class ? (Object) n.intValue() : (Object) n.longValue();
        }
        if (v == null && (type == Path.class || c.isAnnotationPresent(JournalRecord.Nullable.class))) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + key + "' is missing or not text");
        }
        if (type == Path.class) {
            return s.isBlank() ? null : Path.of(s);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(s)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("field '" + key + "' has the unknown value '" + s + "'");
        }
        return s;
    }

    /** A component's JSON name: the on-disk names of journal_version 2. */
    private static String field(RecordComponent c) {
        return switch (c.getName()) {
            case "version" -> "journal_version";
            case "index" -> "i";
            default -> snake(c.getName()).replaceFirst("^source_", "src_");
        };
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Object invoke(RecordComponent c, JournalRecord record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e); // a bug: record accessors are public
        }
    }
}
