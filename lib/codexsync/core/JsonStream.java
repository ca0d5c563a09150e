// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one large JSON document value by value as it streams in (the base state of 100,000 paths), so the reader
 * builds its own small records instead of a map per object first. A thin face over Gson's reader - the JSON library
 * stays in {@code core} - in the same dialect as {@link Json}: whole numbers as {@code Long}, others as
 * {@code Double}. Syntax errors, and a value of another type than asked for, are {@link IllegalArgumentException}s
 * with the parser's words; a failure to read the text (bytes that are not UTF-8) is the reader's own
 * {@link IOException}.
 */
public final class JsonStream implements Closeable {
    /** What comes next. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, END_OF_OBJECT, END_OF_ARRAY, END }

    private final JsonReader reader;

    public JsonStream(Reader in) {
        this.reader = new JsonReader(in);
    }

    public Kind peek() throws IOException {
        JsonToken t;
        try {
            t = reader.peek();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
        return switch (t) {
            case BEGIN_OBJECT -> Kind.OBJECT;
            case BEGIN_ARRAY -> Kind.ARRAY;
            case STRING -> Kind.STRING;
            case NUMBER -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOLEAN;
            case NULL -> Kind.NULL;
            case END_OBJECT -> Kind.END_OF_OBJECT;
            case END_ARRAY -> Kind.END_OF_ARRAY;
            default -> Kind.END;
        };
    }

    public void beginObject() throws IOException {
        try {
            reader.beginObject();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
    }

    public void endObject() throws IOException {
        try {
            reader.endObject();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
    }

    /** True while the current object or array has another member. */
    public boolean hasNext() throws IOException {
        try {
            return reader.hasNext();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
    }

    public String nextName() throws IOException {
        try {
            return reader.nextName();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
    }

    public String nextString() throws IOException {
        try {
            return reader.nextString();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
    }

    /** The next number as written: a {@code Long} when it is whole and fits, else a {@code Double}. */
    public Number nextNumber() throws IOException {
        String text = nextString();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException notANumber) {
                throw syntax(notANumber);
            }
        }
    }

    public void skipValue() throws IOException {
        try {
            reader.skipValue();
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
    }

    /** The next value whatever it is, as {@link Json#parseObject} would give it (maps keep their order). */
    public Object nextValue() throws IOException {
        try {
            switch (peek()) {
                case OBJECT: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    reader.beginObject();
                    while (reader.hasNext()) {
                        map.put(reader.nextName(), nextValue());
                    }
                    reader.endObject();
                    return map;
                }
                case ARRAY: {
                    List<Object> list = new ArrayList<>();
                    reader.beginArray();
                    while (reader.hasNext()) {
                        list.add(nextValue());
                    }
                    reader.endArray();
                    return list;
                }
                case NUMBER:
                    return nextNumber();
                case BOOLEAN:
                    return reader.nextBoolean();
                case NULL:
                    reader.nextNull();
                    return null;
                default:
                    return reader.nextString();
            }
        } catch (MalformedJsonException | EOFException | IllegalStateException e) {
            throw syntax(e);
        }
    }

    /** Where the reader is, as a JSON path ($.files.x), for messages. */
    public String path() {
        return reader.getPath();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static IllegalArgumentException syntax(Exception e) {
        return new IllegalArgumentException(e.getMessage(), e);
    }
}
