package dev.tandem.ot.transform;

import dev.tandem.ot.operation.DiscreteOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms one (server, client) pair of discrete operations on the same target value.
 *
 * @param <S> the server operation's type
 * @param <C> the client operation's type
 */
public interface TransformationFunction<S extends DiscreteOperation, C extends DiscreteOperation> {

    /** The server operation type this function handles. */
    OperationType serverType();

    /** The client operation type this function handles. */
    OperationType clientType();

    /**
     * Transforms the pair. Neither operation is a no-op and both target the same id.
     *
     * @param s the server operation (already committed)
     * @param c the client operation (concurrent with {@code s})
     * @return {@code s'} and {@code c'}
     * @throws TransformationException if the pair describes a state that cannot exist
     */
    OperationPair transform(S s, C c);
}
