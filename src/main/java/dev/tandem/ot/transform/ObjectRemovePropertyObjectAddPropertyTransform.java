package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectRemovePropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectRemovePropertyOperation} against a client {@code
 * ObjectAddPropertyOperation} on the same target.
 *
 * <p>A remove and an add of the same key cannot be concurrent: fails loudly. Different keys pass
 * unchanged.
 */
public final class ObjectRemovePropertyObjectAddPropertyTransform
        implements TransformationFunction<ObjectRemovePropertyOperation, ObjectAddPropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_REMOVE_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_ADD_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectRemovePropertyOperation s, ObjectAddPropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        throw new TransformationException(
                "remove-property and add-property cannot target the same property: " + s + ", " + c);
    }
}
