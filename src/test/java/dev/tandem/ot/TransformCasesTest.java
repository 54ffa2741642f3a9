package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.transform.OperationPair;
import dev.tandem.ot.transform.OperationTransformer;
import dev.tandem.ot.transform.TransformationException;
import dev.tandem.ot.transform.TransformationFunction;
import dev.tandem.ot.transform.TransformationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven transformation cases: one file per (server, client) pair in {@code
 * src/test/resources/ot/}, named after the pair ({@code array-move-array-move.json}). Each case
 * gives the server and client operations and the expected {@code s'} and {@code c'}, or {@code
 * expectedError} for pairs that describe an impossible state.
 */
class TransformCasesTest {

    private final OperationTransformer transformer = OperationTransformer.standard();

    @TestFactory
    Stream<DynamicContainer> everyPairHasCases() {
        List<DynamicContainer> files = new ArrayList<>();
        for (TransformationFunction<?, ?> f : TransformationRegistry.standard().functions()) {
            String name =
                    kebab(f.getClass().getSimpleName().replace("Transform", "").replace("Operation", ""));
            files.add(DynamicContainer.dynamicContainer(name, cases(name)));
        }
        assertEquals(51, files.size());
        return files.stream();
    }

    private Stream<DynamicTest> cases(String name) {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/ot/" + name + ".json")) {
            if (in == null) {
                throw new AssertionError("missing case file ot/" + name + ".json");
            }
            root = OpJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertFalse(root.get("cases").isEmpty(), name);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
        }
        return tests.stream();
    }

    private void run(JsonNode c) {
        Operation s = OpJson.operation(c.get("server"));
        Operation cl = OpJson.operation(c.get("client"));
        if (c.path("expectedError").asBoolean(false)) {
            assertThrows(TransformationException.class, () -> transformer.transform(s, cl));
            return;
        }
        OperationPair pair = transformer.transform(s, cl);
        assertEquals(OpJson.operation(c.get("expectedServer")), pair.serverOp(), "s'");
        assertEquals(OpJson.operation(c.get("expectedClient")), pair.clientOp(), "c'");
    }

    /** "ArrayMoveArrayMove" to "array-move-array-move". */
    static String kebab(String camel) {
        return camel.replaceAll("(?<!^)(?=[A-Z])", "-").toLowerCase(Locale.ROOT);
    }
}
