// SPDX-License-Identifier: GPL-3.0-or-later
package codexsync.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming face of the JSON dialect: values as they come, numbers and errors as {@link Json} gives them. */
class JsonStreamTest {
    @Test
    void reads_an_object_member_by_member_with_the_same_values_as_the_whole_document_parse() throws Exception {
        String text = "{\"n\": 12, \"d\": 2.5, \"big\": 18446744073709551616, \"s\": \"ä\", \"x\": null,"
                + " \"o\": {\"k\": [1, true, null]}, \"skip\": {\"deep\": [1, {\"a\": 2}]}}";
        List<Object> seen = new ArrayList<>();
        try (JsonStream json = new JsonStream(new StringReader(text))) {
            assertEquals(JsonStream.Kind.OBJECT, json.peek());
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (name.equals("skip")) {
                    json.skipValue();
                } else {
                    seen.add(name);
                    seen.add(json.nextValue());
                }
            }
            json.endObject();
            assertEquals(JsonStream.Kind.END, json.peek());
        }
        Map<String, Object> whole = Json.parseObject(text);
        assertEquals(Arrays.asList("n", whole.get("n"), "d", whole.get("d"), "big", whole.get("big"), "s", "ä", "x",
                null, "o", whole.get("o")), seen);
        assertEquals(12L, seen.get(1));
        assertEquals(2.5, seen.get(3));
    }

    @Test
    void broken_text_and_a_value_of_another_type_are_illegal_arguments() throws Exception {
        try (JsonStream json = new JsonStream(new StringReader("{\"a\": "))) {
            json.beginObject();
            json.nextName();
            assertThrows(IllegalArgumentException.class, json::nextValue);
        }
        try (JsonStream json = new JsonStream(new StringReader("[1]"))) {
            assertThrows(IllegalArgumentException.class, json::beginObject);
        }
        try (JsonStream json = new JsonStream(new StringReader("{\"a\": \"text\"}"))) {
            json.beginObject();
            json.nextName();
            assertThrows(IllegalArgumentException.class, json::nextNumber);
        }
    }
}
