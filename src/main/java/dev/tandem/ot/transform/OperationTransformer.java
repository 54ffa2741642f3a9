package dev.tandem.ot.transform;

import dev.tandem.ot.operation.CompoundOperation;
import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Transforms any two operations, as the client's {@code OperationTransformer} does:
 *
 * <ul>
 *   <li>a compound server operation: each element in order against the (progressively transformed)
 *       client operation;
 *   <li>a compound client operation: the server operation against each element in order, carrying
 *       the transformed server operation forward;
 *   <li>two discrete operations: unchanged if either is a no-op or they target different ids;
 *       otherwise the registry's function for the pair.
 * </ul>
 *
 * Operations on different ids are never transformed against each other, even when one target lies
 * inside the other (a remove of an array that contains the spliced string): the inner operation
 * becomes a no-op when applied, because its target id is gone.
 */
public final class OperationTransformer {

    private final TransformationRegistry registry;

    /**
     * Creates a transformer.
     *
     * @param registry the functions to use
     */
    public OperationTransformer(TransformationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** A transformer over {@link TransformationRegistry#standard()}. */
    public static OperationTransformer standard() {
        return new OperationTransformer(TransformationRegistry.standard());
    }

    /**
     * Transforms a server operation and a concurrent client operation defined on the same state.
     *
     * @param s the server operation
     * @param c the client operation
     * @return {@code s'} (to apply after {@code c}) and {@code c'} (to apply after {@code s})
     */
    public OperationPair transform(Operation s, Operation c) {
        if (s instanceof CompoundOperation compound) {
            Operation clientOp = c;
            List<DiscreteOperation> serverOps =
                    new ArrayList<>(compound.operations().size());
            for (DiscreteOperation op : compound.operations()) {
                OperationPair pair = transform(op, clientOp);
                serverOps.add((DiscreteOperation) pair.serverOp());
                clientOp = pair.clientOp();
            }
            return new OperationPair(new CompoundOperation(serverOps), clientOp);
        } else if (c instanceof CompoundOperation compound) {
            Operation serverOp = s;
            List<DiscreteOperation> clientOps =
                    new ArrayList<>(compound.operations().size());
            for (DiscreteOperation op : compound.operations()) {
                OperationPair pair = transform(serverOp, op);
                serverOp = pair.serverOp();
                clientOps.add((DiscreteOperation) pair.clientOp());
            }
            return new OperationPair(serverOp, new CompoundOperation(clientOps));
        }
        DiscreteOperation sd = (DiscreteOperation) s;
        DiscreteOperation cd = (DiscreteOperation) c;
        if (sd.noOp() || cd.noOp() || !sd.id().equals(cd.id())) {
            return new OperationPair(s, c);
        }
        return registry.transform(sd, cd);
    }
}
