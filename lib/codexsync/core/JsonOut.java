// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * A JSON document written a value at a time in the product's dialect ({@link Json#streamingWriter}): for documents
 * too large to build as maps first, such as a state file with 100,000 paths. Keeps Gson inside {@code core}.
 */
public final class JsonOut {
    private final JsonWriter out;

    JsonOut(JsonWriter out) {
        this.out = out;
    }

    public JsonOut beginObject() throws IOException {
        out.beginObject();
        return this;
    }

    public JsonOut endObject() throws IOException {
        out.endObject();
        return this;
    }

    public JsonOut name(String name) throws IOException {
        out.name(name);
        return this;
    }

    public JsonOut value(long value) throws IOException {
        out.value(value);
        return this;
    }

    /** A string, or null. */
    public JsonOut value(String value) throws IOException {
        out.value(value);
        return this;
    }

    public JsonOut nullValue() throws IOException {
        out.nullValue();
        return this;
    }

    /** Any value (maps, lists, records, strings, numbers, null) as {@link Json#write} writes it. */
    public JsonOut anyValue(Object value) throws IOException {
        Json.writeValue(value, out);
        return this;
    }

    /** Passes what was written on to the underlying writer. */
    public void flush() throws IOException {
        out.flush();
    }
}
