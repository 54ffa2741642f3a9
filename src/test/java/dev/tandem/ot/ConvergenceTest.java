package dev.tandem.ot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.transform.OperationPair;
import dev.tandem.ot.transform.OperationTransformer;
import dev.tandem.ot.transform.TransformationException;
import dev.tandem.ot.transform.TransformationFunction;
import dev.tandem.ot.transform.TransformationRegistry;
import dev.tandem.ot.tree.InvalidOperationException;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ObjectValue;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * TP1 over the fixtures for every registered pair: applying s then c' equals applying c then s'.
 * Cases where the client's own function does not converge are listed in {@link KnownClientDefects};
 * the test checks that every failure is one of them (and counts them). By default the fixtures use
 * inserts of up to two characters; with {@code -Dot.exhaustive=true} also three.
 */
class ConvergenceTest {

    static final boolean FULL = Boolean.getBoolean("ot.exhaustive");
    private static final ObjectValue BASE = Fixtures.model();
    private final OperationTransformer transformer = OperationTransformer.standard();

    @TestFactory
    Stream<DynamicTest> tp1ForEveryPair() {
        return TransformationRegistry.standard().functions().stream()
                .map(f -> DynamicTest.dynamicTest(f.getClass().getSimpleName(), () -> checkPair(f)));
    }

    private void checkPair(TransformationFunction<?, ?> f) throws IOException {
        List<DiscreteOperation> serverOps = Fixtures.operations(f.serverType(), "s", FULL);
        List<DiscreteOperation> clientOps = Fixtures.operations(f.clientType(), "c", FULL);
        List<String> unexpected = new ArrayList<>();
        int known = 0;
        int checked = 0;
        String dump = System.getProperty("ot.dumpCases");
        try (Writer out = dump == null
                ? Writer.nullWriter()
                : Files.newBufferedWriter(Path.of(dump, f.getClass().getSimpleName() + ".jsonl"))) {
            for (DiscreteOperation s : serverOps) {
                for (DiscreteOperation c : clientOps) {
                    OperationPair pair;
                    try {
                        pair = transformer.transform(s, c);
                    } catch (TransformationException e) {
                        unexpected.add("threw " + e.getMessage());
                        continue;
                    }
                    if (dump != null) {
                        out.write("{\"s\":"
                                + OpJson.json(s)
                                + ",\"c\":"
                                + OpJson.json(c)
                                + ",\"s1\":"
                                + OpJson.json(pair.serverOp())
                                + ",\"c1\":"
                                + OpJson.json(pair.clientOp())
                                + "}\n");
                    }
                    checked++;
                    Object viaServer = applyBoth(s, pair.clientOp());
                    Object viaClient = applyBoth(c, pair.serverOp());
                    if (!viaServer.equals(viaClient)) {
                        if (KnownClientDefects.diverges(s, c)) {
                            known++;
                        } else {
                            unexpected.add("s="
                                    + s
                                    + " c="
                                    + c
                                    + " -> s'="
                                    + pair.serverOp()
                                    + " c'="
                                    + pair.clientOp()
                                    + "\n   s;c' = "
                                    + viaServer
                                    + "\n   c;s' = "
                                    + viaClient);
                        }
                    }
                }
            }
        }
        assertTrue(checked > 0);
        assertEquals(
                List.of(),
                unexpected.subList(0, Math.min(Integer.getInteger("ot.show", 5), unexpected.size())),
                unexpected.size() + " non-convergent cases (" + known + " known client defects)");
    }

    /**
     * The resulting model, or an {@code "invalid: ..."} string if the second operation cannot
     * apply.
     */
    private static Object applyBoth(Operation first, Operation second) {
        ModelTree tree = new ModelTree(BASE);
        tree.apply(first);
        try {
            tree.apply(second);
        } catch (InvalidOperationException e) {
            return "invalid: " + e.getMessage();
        }
        return tree.toValue();
    }
}
