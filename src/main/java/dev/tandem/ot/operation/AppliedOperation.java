package dev.tandem.ot.operation;

/**
 * What an operation did when applied: the form stored in history and sent in {@code
 * AppliedOperationData}.
 */
public sealed interface AppliedOperation permits AppliedDiscreteOperation, AppliedCompoundOperation {

    /** The operation that undoes this one, as the client's history playback computes it. */
    AppliedOperation inverse();
}
