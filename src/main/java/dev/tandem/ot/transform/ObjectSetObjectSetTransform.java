package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectSetOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectSetOperation} against a client {@code ObjectSetOperation} on the
 * same target.
 *
 * <p>Tie-break: the server's set wins and the client's becomes a no-op; if the client's deep
 * equality (ids included, see {@link ClientEquality}) finds the values equal, both become no-ops.
 */
public final class ObjectSetObjectSetTransform
        implements TransformationFunction<ObjectSetOperation, ObjectSetOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_SET;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_SET;
    }

    @Override
    public OperationPair transform(ObjectSetOperation s, ObjectSetOperation c) {
        if (!ClientEquality.deepEquals(s.values(), c.values())) {
            return new OperationPair(s, c.asNoOp());
        }
        return new OperationPair(s.asNoOp(), c.asNoOp());
    }
}
