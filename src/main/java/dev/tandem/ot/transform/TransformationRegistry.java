package dev.tandem.ot.transform;

import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.OperationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one registry of transformation functions, keyed by (server type, client type). Registering a
 * second function for a pair throws; asking for an unknown pair throws {@link
 * UnknownTransformationException}.
 */
public final class TransformationRegistry {

    private static final int TYPES = OperationType.values().length;

    private final TransformationFunction<?, ?>[] functions = new TransformationFunction<?, ?>[TYPES * TYPES];

    /** An empty registry; most callers want {@link #standard()}. */
    public TransformationRegistry() {}

    /**
     * A registry holding the 51 functions the client defines.
     *
     * @return a new registry
     */
    public static TransformationRegistry standard() {
        TransformationRegistry registry = new TransformationRegistry();
        registry.register(new ArrayInsertArrayInsertTransform());
        registry.register(new ArrayInsertArrayMoveTransform());
        registry.register(new ArrayInsertArrayRemoveTransform());
        registry.register(new ArrayInsertArrayReplaceTransform());
        registry.register(new ArrayInsertArraySetTransform());
        registry.register(new ArrayMoveArrayInsertTransform());
        registry.register(new ArrayMoveArrayMoveTransform());
        registry.register(new ArrayMoveArrayRemoveTransform());
        registry.register(new ArrayMoveArrayReplaceTransform());
        registry.register(new ArrayMoveArraySetTransform());
        registry.register(new ArrayRemoveArrayInsertTransform());
        registry.register(new ArrayRemoveArrayMoveTransform());
        registry.register(new ArrayRemoveArrayRemoveTransform());
        registry.register(new ArrayRemoveArrayReplaceTransform());
        registry.register(new ArrayRemoveArraySetTransform());
        registry.register(new ArrayReplaceArrayInsertTransform());
        registry.register(new ArrayReplaceArrayMoveTransform());
        registry.register(new ArrayReplaceArrayRemoveTransform());
        registry.register(new ArrayReplaceArrayReplaceTransform());
        registry.register(new ArrayReplaceArraySetTransform());
        registry.register(new ArraySetArrayInsertTransform());
        registry.register(new ArraySetArrayMoveTransform());
        registry.register(new ArraySetArrayRemoveTransform());
        registry.register(new ArraySetArrayReplaceTransform());
        registry.register(new ArraySetArraySetTransform());
        registry.register(new BooleanSetBooleanSetTransform());
        registry.register(new DateSetDateSetTransform());
        registry.register(new NumberDeltaNumberDeltaTransform());
        registry.register(new NumberDeltaNumberSetTransform());
        registry.register(new NumberSetNumberDeltaTransform());
        registry.register(new NumberSetNumberSetTransform());
        registry.register(new ObjectAddPropertyObjectAddPropertyTransform());
        registry.register(new ObjectAddPropertyObjectRemovePropertyTransform());
        registry.register(new ObjectAddPropertyObjectSetPropertyTransform());
        registry.register(new ObjectAddPropertyObjectSetTransform());
        registry.register(new ObjectRemovePropertyObjectAddPropertyTransform());
        registry.register(new ObjectRemovePropertyObjectRemovePropertyTransform());
        registry.register(new ObjectRemovePropertyObjectSetPropertyTransform());
        registry.register(new ObjectRemovePropertyObjectSetTransform());
        registry.register(new ObjectSetObjectAddPropertyTransform());
        registry.register(new ObjectSetObjectRemovePropertyTransform());
        registry.register(new ObjectSetObjectSetPropertyTransform());
        registry.register(new ObjectSetObjectSetTransform());
        registry.register(new ObjectSetPropertyObjectAddPropertyTransform());
        registry.register(new ObjectSetPropertyObjectRemovePropertyTransform());
        registry.register(new ObjectSetPropertyObjectSetPropertyTransform());
        registry.register(new ObjectSetPropertyObjectSetTransform());
        registry.register(new StringSetStringSetTransform());
        registry.register(new StringSetStringSpliceTransform());
        registry.register(new StringSpliceStringSetTransform());
        registry.register(new StringSpliceStringSpliceTransform());
        return registry;
    }

    /**
     * Registers a function for its pair.
     *
     * @param function the function
     * @throws IllegalStateException if the pair already has one
     */
    public void register(TransformationFunction<?, ?> function) {
        Objects.requireNonNull(function, "function");
        int key = key(function.serverType(), function.clientType());
        if (functions[key] != null) {
            throw new IllegalStateException("a transformation function is already registered for ("
                    + function.serverType()
                    + ", "
                    + function.clientType()
                    + "): "
                    + functions[key].getClass().getName());
        }
        functions[key] = function;
    }

    /**
     * The function for a pair.
     *
     * @param serverType the server operation type
     * @param clientType the client operation type
     * @return the function
     * @throws UnknownTransformationException if none is registered
     */
    public TransformationFunction<?, ?> find(OperationType serverType, OperationType clientType) {
        TransformationFunction<?, ?> function = functions[key(serverType, clientType)];
        if (function == null) {
            throw new UnknownTransformationException(
                    "no transformation function for (" + serverType + ", " + clientType + ")");
        }
        return function;
    }

    /** The registered functions. */
    public List<TransformationFunction<?, ?>> functions() {
        List<TransformationFunction<?, ?>> list = new ArrayList<>();
        for (TransformationFunction<?, ?> f : functions) {
            if (f != null) {
                list.add(f);
            }
        }
        return list;
    }

    /**
     * Transforms two discrete operations on the same target with the registered function.
     *
     * @param s the server operation
     * @param c the client operation
     * @return {@code s'} and {@code c'}
     * @throws UnknownTransformationException if the pair has no function
     * @throws TransformationException if the pair describes an impossible state
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public OperationPair transform(DiscreteOperation s, DiscreteOperation c) {
        TransformationFunction function = find(s.type(), c.type());
        return function.transform(s, c);
    }

    private static int key(OperationType s, OperationType c) {
        return s.ordinal() * TYPES + c.ordinal();
    }
}
