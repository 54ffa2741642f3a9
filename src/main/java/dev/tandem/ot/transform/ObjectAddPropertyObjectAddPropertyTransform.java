package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectAddPropertyOperation} against a client {@code
 * ObjectAddPropertyOperation} on the same target.
 *
 * <p>Tie-break: two adds of the same key: the server's add becomes a set-property of its value (so
 * it overwrites the client's on the client) and the client's add becomes a no-op. The client
 * compares the two values by object identity ({@code !==}), so values from two sessions are never
 * equal; Tandem compares by reference too, and only the identical instance makes both no-ops.
 */
public final class ObjectAddPropertyObjectAddPropertyTransform
        implements TransformationFunction<ObjectAddPropertyOperation, ObjectAddPropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_ADD_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_ADD_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectAddPropertyOperation s, ObjectAddPropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        if (s.value() != c.value()) {
            return new OperationPair(new ObjectSetPropertyOperation(s.id(), s.noOp(), s.key(), s.value()), c.asNoOp());
        }
        return new OperationPair(s.asNoOp(), c.asNoOp());
    }
}
