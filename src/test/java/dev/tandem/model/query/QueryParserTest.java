package dev.tandem.model.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The query language, data-driven from {@code model-query/parser-cases.txt}, plus the bounds on hostile input. */
class QueryParserTest {

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/model-query/parser-cases.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int lineNumber = 0;
            for (String line : text.split("\n")) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String name = "line " + lineNumber + ": " + line;
                int valid = line.indexOf(" => ");
                int invalid = line.indexOf(" !! ");
                if (valid >= 0) {
                    String query = line.substring(0, valid);
                    String expected = line.substring(valid + 4);
                    tests.add(DynamicTest.dynamicTest(
                            name,
                            () -> assertEquals(
                                    expected, QueryParser.parse(query).describe())));
                } else if (invalid >= 0) {
                    String query = line.substring(0, invalid);
                    String[] expected = line.substring(invalid + 4).split(" ", 2);
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        InvalidQueryException e = assertThrows(
                                InvalidQueryException.class, () -> QueryParser.parse(query), () -> "parsed: " + query);
                        assertTrue(e.getMessage().contains(expected[1]), e.getMessage());
                        assertEquals(Integer.parseInt(expected[0]), e.position(), e.getMessage());
                    }));
                } else {
                    throw new IllegalStateException("line " + lineNumber + " has neither => nor !!");
                }
            }
        }
        return tests.stream();
    }

    @Test
    void limitAndOffsetAreBoundedByTheCaller() {
        assertEquals(
                100L, QueryParser.parse("SELECT * FROM c LIMIT 100", 100, 5).limit());
        InvalidQueryException limit =
                assertThrows(InvalidQueryException.class, () -> QueryParser.parse("SELECT * FROM c LIMIT 101", 100, 5));
        assertEquals(22, limit.position());
        InvalidQueryException offset =
                assertThrows(InvalidQueryException.class, () -> QueryParser.parse("SELECT * FROM c OFFSET 6", 100, 5));
        assertEquals(23, offset.position());
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        String deep = "SELECT * FROM c WHERE " + "(".repeat(2000) + "a = 1" + ")".repeat(2000);
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> QueryParser.parse(deep));
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
        String negations = "SELECT * FROM c WHERE " + "NOT ".repeat(2000) + "a = 1";
        assertThrows(InvalidQueryException.class, () -> QueryParser.parse(negations));
        String minus = "SELECT * FROM c WHERE a = " + "-".repeat(2000) + "1";
        assertThrows(InvalidQueryException.class, () -> QueryParser.parse(minus));
    }

    @Test
    void nestingWithinTheBoundParses() {
        String nested = "SELECT * FROM c WHERE " + "(".repeat(20) + "a = 1" + ")".repeat(20);
        assertEquals("select * from c where (= a 1)", QueryParser.parse(nested).describe());
    }

    @Test
    void longQueriesListsAndFieldCountsAreBounded() {
        String tooLong = "SELECT * FROM c WHERE a = '" + "x".repeat(QueryParser.MAX_LENGTH) + "'";
        assertThrows(InvalidQueryException.class, () -> QueryParser.parse(tooLong));

        StringBuilder list = new StringBuilder("SELECT * FROM c WHERE a IN [0");
        for (int i = 1; i <= QueryParser.MAX_IN_VALUES; i++) {
            list.append(',').append(i);
        }
        InvalidQueryException in = assertThrows(InvalidQueryException.class, () -> QueryParser.parse(list + "]"));
        assertTrue(in.getMessage().contains("values in a list"), in.getMessage());

        StringBuilder fields = new StringBuilder("SELECT * FROM c WHERE f0 = 0");
        for (int i = 1; i <= QueryParser.MAX_FIELDS; i++) {
            fields.append(" OR f").append(i).append(" = 0");
        }
        InvalidQueryException many =
                assertThrows(InvalidQueryException.class, () -> QueryParser.parse(fields.toString()));
        assertTrue(many.getMessage().contains("different fields"), many.getMessage());
        // the same field named many times is one join
        assertEquals(
                1,
                QueryParser.parse("SELECT a FROM c WHERE a = 1 OR a = 2 ORDER BY a")
                        .projections()
                        .size());
    }

    @Test
    void aNullQueryIsInvalid() {
        assertEquals(
                0,
                assertThrows(InvalidQueryException.class, () -> QueryParser.parse(null))
                        .position());
    }
}
