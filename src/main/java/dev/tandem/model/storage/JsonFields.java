package dev.tandem.model.storage;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The field-level pieces of {@link ModelJson}'s format shared by values and operations: numbers as the format writes
 * them, an operation's head, and typed reading of a field that names the path of what is missing or mistyped.
 */
final class JsonFields {

    private JsonFields() {}

    static void number(JsonGenerator g, String name, double value) {
        boolean negativeZero = value == 0 && Double.doubleToRawLongBits(value) != 0;
        if (Double.isFinite(value) && !negativeZero) {
            // Double.toString round-trips exactly; as a BigDecimal its digits are written as they are, whatever the
            // JSON-P provider's own formatting of doubles
            g.write(name, new BigDecimal(Double.toString(value)));
        } else {
            g.write(name, Double.toString(value));
        }
    }

    static void head(JsonGenerator g, String tag, String id, boolean noOp) {
        g.write("t", tag).write("id", id);
        if (noOp) {
            g.write("no", true);
        }
    }

    static boolean isAbsent(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }

    static JsonValue required(JsonObject o, String key, String path) {
        if (isAbsent(o, key)) {
            throw new IllegalArgumentException(path + "." + key + ": missing");
        }
        return o.get(key);
    }

    static String tag(JsonObject o, String path) {
        return string(o, "t", path);
    }

    static String string(JsonObject o, String key, String path) {
        if (required(o, key, path) instanceof JsonString s) {
            return s.getString();
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a string");
    }

    static int integer(JsonObject o, String key, String path) {
        if (required(o, key, path) instanceof JsonNumber n) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(path + "." + key + ": not a 32-bit integer (" + n + ")");
            }
        }
        throw new IllegalArgumentException(path + "." + key + ": expected an integer");
    }

    static double number(JsonObject o, String key, String path) {
        JsonValue v = required(o, key, path);
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof JsonString s) {
            try {
                return Double.parseDouble(s.getString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(path + "." + key + ": not a number (" + s + ")");
            }
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a number");
    }

    static boolean bool(JsonObject o, String key, String path) {
        JsonValue v = required(o, key, path);
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        throw new IllegalArgumentException(path + "." + key + ": expected a boolean");
    }

    static boolean flag(JsonObject o, String key, String path) {
        return !isAbsent(o, key) && bool(o, key, path);
    }

    static Instant instant(JsonObject o, String key, String path) {
        String text = string(o, key, path);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + "." + key + ": not an ISO-8601 instant (" + text + ")");
        }
    }

    static JsonObject object(JsonObject o, String key, String path) {
        return object(required(o, key, path), path + "." + key);
    }

    static JsonObject object(JsonValue v, String path) {
        if (v instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException(path + ": expected an object");
    }

    static JsonArray array(JsonObject o, String key, String path) {
        if (required(o, key, path) instanceof JsonArray a) {
            return a;
        }
        throw new IllegalArgumentException(path + "." + key + ": expected an array");
    }
}
