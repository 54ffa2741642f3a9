package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectRemovePropertyOperation} against a client {@code
 * ObjectSetPropertyOperation} on the same target.
 *
 * <p>Tie-break: the client's set of a property the server removed becomes an add-property of the
 * client's value, and the server's remove becomes a no-op (the set survives).
 */
public final class ObjectRemovePropertyObjectSetPropertyTransform
        implements TransformationFunction<ObjectRemovePropertyOperation, ObjectSetPropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectRemovePropertyOperation s, ObjectSetPropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        return new OperationPair(s.asNoOp(), new ObjectAddPropertyOperation(c.id(), c.noOp(), c.key(), c.value()));
    }
}
