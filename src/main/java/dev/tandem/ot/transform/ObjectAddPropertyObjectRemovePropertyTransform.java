package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectAddPropertyOperation} against a client {@code
 * ObjectRemovePropertyOperation} on the same target.
 *
 * <p>An add and a remove of the same key cannot be concurrent: fails loudly. Different keys pass
 * unchanged.
 */
public final class ObjectAddPropertyObjectRemovePropertyTransform
        implements TransformationFunction<ObjectAddPropertyOperation, ObjectRemovePropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_ADD_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectAddPropertyOperation s, ObjectRemovePropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        throw new TransformationException(
                "add-property and remove-property cannot target the same property: " + s + ", " + c);
    }
}
