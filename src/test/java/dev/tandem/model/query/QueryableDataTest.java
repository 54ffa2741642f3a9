package dev.tandem.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tandem.model.query.ModelQueryStore.Row;
import dev.tandem.model.query.QueryableData.Leaf;
import dev.tandem.ot.value.ArrayValue;
import dev.tandem.ot.value.BooleanValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.DateValue;
import dev.tandem.ot.value.NullValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.ot.value.StringValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queryable form of model data: plain JSON, leaves with unambiguous paths, and projections. */
class QueryableDataTest {

    private static ObjectValue object(Object... keyValues) {
        Map<String, DataValue> children = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            children.put((String) keyValues[i], (DataValue) keyValues[i + 1]);
        }
        return new ObjectValue("o", children);
    }

    private final ObjectValue root = object(
            "title", new StringValue("1", "Hi"),
            "n", new NumberValue("2", 2.5),
            "nan", new NumberValue("3", Double.NaN),
            "ok", new BooleanValue("4", true),
            "none", new NullValue("5"),
            "list", new ArrayValue("6", List.of(new StringValue("7", "a"), object("x", new NumberValue("8", 1)))),
            "a.b", new StringValue("9", "dotted"),
            "a", object("b", new StringValue("10", "nested")),
            "odd[0]\\", new NumberValue("11", 3),
            "when", new DateValue("12", Instant.ofEpochMilli(1234)));

    @Test
    void plainJsonHasNoIdsAndConvergencesDateForm() {
        assertEquals(
                "{\"title\":\"Hi\",\"n\":2.5,\"nan\":null,\"ok\":true,\"none\":null,\"list\":[\"a\",{\"x\":1.0}],"
                        + "\"a.b\":\"dotted\",\"a\":{\"b\":\"nested\"},\"odd[0]\\\\\":3.0,"
                        + "\"when\":{\"$$convergence_type\":\"date\",\"date\":1234}}",
                QueryableData.of(root).json().toString());
    }

    @Test
    void leavesHaveDistinctPathsThatFieldsEncodeTheSameWay() {
        List<Leaf> leaves = QueryableData.of(root).leaves();
        assertEquals(
                List.of(
                        "title",
                        "n",
                        "nan",
                        "ok",
                        "none",
                        "list[0]",
                        "list[1].x",
                        "a\\.b",
                        "a.b",
                        "odd\\[0]\\\\",
                        "when.$$convergence_type",
                        "when.date"),
                leaves.stream().map(Leaf::path).toList());
        assertEquals(new Leaf("n", 2.5, null, null), leaves.get(1));
        assertEquals(new Leaf("ok", null, null, true), leaves.get(3));
        assertEquals(new Leaf("none", null, null, null), leaves.get(4));
        assertEquals("a\\.b", QueryableData.path(List.of("a.b")));
        assertEquals("a.b", QueryableData.path(List.of("a", "b")));
        assertEquals("list[1].x", QueryableData.path(List.of("list", 1, "x")));
        assertNull(QueryableData.path(List.of("x".repeat(QueryableData.MAX_PATH_BYTES + 1))));
    }

    @Test
    void projectionsTakeTheirKeyAndLeaveOutMissingFields() {
        Row row = new Row(
                "m1", Instant.EPOCH, 7, Instant.EPOCH, QueryableData.of(root).json());
        SelectQuery query = QueryParser.parse(
                "SELECT title AS t, a.b, `a.b`, list[1].x, list[5], nope, @id, " + "@version AS v FROM c");
        assertEquals(
                "{\"t\":\"Hi\",\"a.b\":\"dotted\",\"list[1].x\":1.0,\"@id\":\"m1\",\"v\":7}",
                ModelQueryService.project(query, row).toString());
        assertEquals(row.data(), ModelQueryService.project(QueryParser.parse("SELECT * FROM c"), row));
    }
}
