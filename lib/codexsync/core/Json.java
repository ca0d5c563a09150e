// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

import com.google.gson.Gson;
import com.google.gson.JsonIOException;
import com.google.gson.stream.MalformedJsonException;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON dialect for the whole product (reports, base state, backup manifests, journals): pretty,
 * UTF-8 friendly (no HTML escaping of non-ASCII or {@code <>}), nulls kept so documents have a stable shape,
 * whole numbers read back as {@code Long}.
 */
public final class Json {
    /**
     * The Gson instances, made on first use: building one loads about a hundred Gson classes (~40 ms in a fresh JVM),
     * and most runs use only {@link #object} or the streaming reader and writer, which need none.
     */
    private static final class Pretty {
        static final Gson GSON = new GsonBuilder()
                .setPrettyPrinting()
                .disableHtmlEscaping()
                .serializeNulls()
                .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
                .create();
    }

    private static final class Compact {
        static final Gson GSON = new GsonBuilder()
                .disableHtmlEscaping()
                .serializeNulls()
                .create();
    }

    private Json() {
    }

    /**
     * A JSON object written as a literal: keys and values alternating, kept in this order, null values kept (which
     * {@code Map.of} refuses); the map stays mutable for keys added later.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a key without a value: " + keysAndValues[keysAndValues.length - 1]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Pretty JSON of maps, lists, records, strings and numbers. */
    public static String write(Object value) {
        return Pretty.GSON.toJson(value);
    }

    /**
     * Pretty JSON written straight to {@code out} (the same text as {@link #write}), so a large document such as a
     * base state with 100,000 paths never exists as one String.
     */
    public static void write(Object value, Appendable out) throws IOException {
        try {
            Pretty.GSON.toJson(value, out);
        } catch (JsonIOException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /**
     * A streaming writer in this dialect (the same text as {@link #write}): for a document too large to build as
     * maps first, written a value at a time. The caller closes or flushes it.
     */
    public static JsonOut streamingWriter(Writer out) throws IOException {
        return new JsonOut(Pretty.GSON.newJsonWriter(out));
    }

    /** Writes one value (maps, lists, records, strings, numbers, null) into {@code out} as {@link #write} would. */
    static void writeValue(Object value, JsonWriter out) throws IOException {
        if (value == null) {
            out.nullValue();
            return;
        }
        try {
            Pretty.GSON.toJson(value, value.getClass(), out);
        } catch (JsonIOException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** Single-line JSON, e.g. for one log record or one journal line. */
    public static String writeCompact(Object value) {
        return Compact.GSON.toJson(value);
    }

    /**
     * Parses a JSON object. Throws {@link IllegalArgumentException} with the parser's own words when the text
     * is not a JSON object, so callers can name the file and say how to fix it.
     */
    public static Map<String, Object> parseObject(String text) {
        try {
            return parseObject(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // a StringReader does not fail
        }
    }

    /**
     * {@link #parseObject(String)} reading from {@code in} as it parses (no copy of the whole text); a failure to
     * read, such as bytes that are not UTF-8, is the reader's own {@link IOException}.
     */
    public static Map<String, Object> parseObject(Reader in) throws IOException {
        try {
            Map<String, Object> map = Pretty.GSON.fromJson(in, new TypeToken<Map<String, Object>>() { }.getType());
            if (map == null) {
                throw new IllegalArgumentException("empty document");
            }
            return map;
        } catch (JsonParseException e) {
            IOException readFailure = readFailure(e);
            if (readFailure != null) {
                throw readFailure;
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The reader's own failure (e.g. bytes that are not UTF-8) that Gson wrapped, or null for a syntax error. */
    private static IOException readFailure(JsonParseException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IOException io && !(c instanceof MalformedJsonException)) {
                return io;
            }
        }
        return null;
    }
}
