package dev.tandem.interfaces.realtime.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireJsonTest {

    private static Value string(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    private static Value number(double d) {
        return Value.newBuilder().setNumberValue(d).build();
    }

    @Test
    void convertsEveryKindBothWays() {
        Value nested = Value.newBuilder()
                .setStructValue(Struct.newBuilder()
                        .putFields("s", string("x"))
                        .putFields("n", number(2.5))
                        .putFields("i", number(3))
                        .putFields("b", Value.newBuilder().setBoolValue(true).build())
                        .putFields(
                                "z",
                                Value.newBuilder()
                                        .setNullValue(NullValue.NULL_VALUE)
                                        .build())
                        .putFields(
                                "l",
                                Value.newBuilder()
                                        .setListValue(ListValue.newBuilder()
                                                .addValues(string("a"))
                                                .addValues(number(-1)))
                                        .build()))
                .build();
        JsonValue json = WireJson.toJson(nested);
        assertEquals(
                Json.createReader(new java.io.StringReader(
                                "{\"s\":\"x\",\"n\":2.5,\"i\":3,\"b\":true,\"z\":null,\"l\":[\"a\",-1]}"))
                        .readValue(),
                json);
        assertEquals(nested, WireJson.toProto(json));
    }

    @Test
    void keepsTheOrderOfMaps() {
        Map<String, JsonValue> json = WireJson.toJson(Map.of("only", string("one")));
        assertEquals(List.of("only"), List.copyOf(json.keySet()));
        assertEquals(string("one"), WireJson.toProto(json).get("only"));
    }

    @Test
    void readsAnUnsetValueAsNullAndRefusesNumbersJsonLacks() {
        assertEquals(JsonValue.NULL, WireJson.toJson(Value.getDefaultInstance()));
        assertThrows(IllegalArgumentException.class, () -> WireJson.toJson(number(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> WireJson.toJson(number(Double.POSITIVE_INFINITY)));
    }
}
