package dev.tandem.ot.transform;

import dev.tandem.ot.operation.ObjectAddPropertyOperation;
import dev.tandem.ot.operation.ObjectSetPropertyOperation;
import dev.tandem.ot.operation.OperationType;

/**
 * Transforms a server {@code ObjectAddPropertyOperation} against a client {@code
 * ObjectSetPropertyOperation} on the same target.
 *
 * <p>An add and a set of the same key cannot be concurrent (one saw the key absent, the other
 * present): fails loudly. Different keys pass unchanged.
 */
public final class ObjectAddPropertyObjectSetPropertyTransform
        implements TransformationFunction<ObjectAddPropertyOperation, ObjectSetPropertyOperation> {

    @Override
    public OperationType serverType() {
        return OperationType.OBJECT_ADD_PROPERTY;
    }

    @Override
    public OperationType clientType() {
        return OperationType.OBJECT_SET_PROPERTY;
    }

    @Override
    public OperationPair transform(ObjectAddPropertyOperation s, ObjectSetPropertyOperation c) {
        if (!s.key().equals(c.key())) {
            return new OperationPair(s, c);
        }
        throw new TransformationException(
                "add-property and set-property cannot target the same property: " + s + ", " + c);
    }
}
