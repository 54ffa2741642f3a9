package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectSetPropertyOperation} against a client {@code
 * ObjectAddPropertyOperation} on the same target.
 *
 * <p>A set and an add of the same key cannot be concurrent: fails loudly. Different keys pass
 * unchanged.
 */
public final class ObjectSetPropertyObjectAddPropertyTransform
        implements TransformationFunction<ObjectSetPropertyOperation, ObjectAddPropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_ADD_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectSetPropertyOperation s, ObjectAddPropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        throw new TransformationException(
                "set-property and add-property cannot target the same property: " + s + ", " + c);
    }
}
