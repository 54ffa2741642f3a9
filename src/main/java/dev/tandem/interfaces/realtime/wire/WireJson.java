package dev.tandem.interfaces.realtime.wire;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conversions between {@code google.protobuf.Value} (how the client sends free-form JSON: presence and activity
 * state, error details) and JSON-P values (how services hold it), so that services never see protobuf types.
 */
public final class WireJson {

    private WireJson() {}

    /**
     * The JSON value of a protobuf value. An unset value reads as JSON null, like the client's own conversion.
     *
     * @throws IllegalArgumentException for a number JSON cannot hold (NaN, infinity)
     */
    public static JsonValue toJson(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> JsonValue.NULL;
            case BOOL_VALUE -> value.getBoolValue() ? JsonValue.TRUE : JsonValue.FALSE;
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRING_VALUE -> Json.createValue(value.getStringValue());
            case STRUCT_VALUE -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                value.getStructValue().getFieldsMap().forEach((k, v) -> object.add(k, toJson(v)));
                yield object.build();
            }
            case LIST_VALUE -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                value.getListValue().getValuesList().forEach(v -> array.add(toJson(v)));
                yield array.build();
            }
        };
    }

    /** The protobuf value of a JSON value. */
    public static Value toProto(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
            case TRUE -> Value.newBuilder().setBoolValue(true).build();
            case FALSE -> Value.newBuilder().setBoolValue(false).build();
            case NUMBER ->
                Value.newBuilder()
                        .setNumberValue(((JsonNumber) value).doubleValue())
                        .build();
            case STRING ->
                Value.newBuilder()
                        .setStringValue(((JsonString) value).getString())
                        .build();
            case OBJECT -> {
                Struct.Builder struct = Struct.newBuilder();
                ((JsonObject) value).forEach((k, v) -> struct.putFields(k, toProto(v)));
                yield Value.newBuilder().setStructValue(struct).build();
            }
            case ARRAY -> {
                ListValue.Builder list = ListValue.newBuilder();
                ((JsonArray) value).forEach(v -> list.addValues(toProto(v)));
                yield Value.newBuilder().setListValue(list).build();
            }
        };
    }

    /** A wire map (e.g. presence state) as JSON values, keeping the wire's order. */
    public static Map<String, JsonValue> toJson(Map<String, Value> values) {
        Map<String, JsonValue> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, toJson(v)));
        return Collections.unmodifiableMap(result);
    }

    /** JSON values as a wire map, keeping their order. */
    public static Map<String, Value> toProto(Map<String, JsonValue> values) {
        Map<String, Value> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, toProto(v)));
        return result;
    }

    private static JsonValue number(double number) {
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("JSON has no number " + number);
        }
        // Whole numbers stay integral, so that they print as 3, not 3.0, wherever JSON text is made of them.
        if (number == Math.rint(number) && Math.abs(number) < 0x1p53) {
            return Json.createValue((long) number);
        }
        return Json.createValue(number);
    }
}
