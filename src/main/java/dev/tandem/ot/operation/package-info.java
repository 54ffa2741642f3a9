/**
 * Operations as immutable records, addressed to a value by its id, and their applied forms.
 *
 * <p>{@link dev.tandem.ot.operation.DiscreteOperation}s mirror the client's discrete operations
 * (the rc.7 wire messages {@code *OperationData}); a {@link
 * dev.tandem.ot.operation.CompoundOperation} is a batch applied and versioned as one. {@link
 * dev.tandem.ot.operation.AppliedOperation}s are what actually happened, with the old values needed
 * to step history backwards (the wire's {@code Applied*OperationData}). A no-op keeps its own
 * fields (value, indices) so the client's history decoder never meets a missing value.
 */
package dev.tandem.ot.operation;
