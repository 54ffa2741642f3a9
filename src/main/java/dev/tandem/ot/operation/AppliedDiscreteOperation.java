package dev.tandem.ot.operation;

/**
 * The applied form of one discrete operation: what happened to the target, with the old values
 * needed to undo it.
 */
public sealed interface AppliedDiscreteOperation extends AppliedOperation
        permits AppliedStringSpliceOperation,
                AppliedStringSetOperation,
                AppliedArrayInsertOperation,
                AppliedArrayRemoveOperation,
                AppliedArrayReplaceOperation,
                AppliedArrayMoveOperation,
                AppliedArraySetOperation,
                AppliedObjectAddPropertyOperation,
                AppliedObjectSetPropertyOperation,
                AppliedObjectRemovePropertyOperation,
                AppliedObjectSetOperation,
                AppliedNumberDeltaOperation,
                AppliedNumberSetOperation,
                AppliedBooleanSetOperation,
                AppliedDateSetOperation {

    /** The id of the target value. */
    String id();

    /** Whether nothing happened (a transformed no-op, or a target id that no longer exists). */
    boolean noOp();

    @Override
    AppliedDiscreteOperation inverse();
}
