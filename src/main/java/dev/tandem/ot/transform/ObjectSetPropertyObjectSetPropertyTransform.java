package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectSetPropertyOperation} against a client {@code
 * ObjectSetPropertyOperation} on the same target.
 *
 * <p>Tie-break: the server's set of the same key wins and the client's becomes a no-op. The client
 * compares the two values by object identity ({@code !==}), so values from two sessions are never
 * equal; Tandem compares by reference too, and only the identical instance makes both no-ops.
 */
public final class ObjectSetPropertyObjectSetPropertyTransform
        implements TransformationFunction<ObjectSetPropertyOperation, ObjectSetPropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectSetPropertyOperation s, ObjectSetPropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        if (s.value() != c.value()) {
            return new OperationPair(s, c.asNoOp());
        }
        return new OperationPair(s.asNoOp(), c.asNoOp());
    }
}
