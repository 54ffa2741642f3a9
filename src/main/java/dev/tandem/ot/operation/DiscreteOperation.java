package dev.tandem.ot.operation;

/**
 * One operation on one value, addressed by the value's id. A no-op ({@link #noOp()}) is carried,
 * versioned and recorded, but changes nothing.
 */
public sealed interface DiscreteOperation extends Operation
        permits StringSpliceOperation,
                StringSetOperation,
                ArrayInsertOperation,
                ArrayRemoveOperation,
                ArrayReplaceOperation,
                ArrayMoveOperation,
                ArraySetOperation,
                ObjectAddPropertyOperation,
                ObjectSetPropertyOperation,
                ObjectRemovePropertyOperation,
                ObjectSetOperation,
                NumberDeltaOperation,
                NumberSetOperation,
                BooleanSetOperation,
                DateSetOperation {

    /** The id of the target value. */
    String id();

    /** Whether this operation has been neutralised by a transformation. */
    boolean noOp();

    /** The kind of operation. */
    OperationType type();

    /** This operation with {@code noOp} set, all other fields unchanged. */
    DiscreteOperation asNoOp();
}
