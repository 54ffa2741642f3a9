/**
 * Transformation of concurrent operations, exactly as the Convergence client 1.0.0-rc.12 does it.
 *
 * <p>One class per (server operation, client operation) pair that the client defines (51 pairs,
 * e.g. {@link dev.tandem.ot.transform.ArrayMoveArrayMoveTransform}), each documenting its
 * tie-break; all are registered in {@link
 * dev.tandem.ot.transform.TransformationRegistry#standard()}, which rejects duplicates and throws
 * {@link dev.tandem.ot.transform.UnknownTransformationException} for a pair it does not know.
 * {@link dev.tandem.ot.transform.OperationTransformer} dispatches: compound operations element by
 * element, no-ops and operations on different targets unchanged, same-target pairs through the
 * registry.
 *
 * <p>The server and the client evaluate the same function with the same roles: the operation
 * already committed (the "server" operation {@code s}) and the concurrent one ({@code c}); the
 * server keeps {@code c'}, the client keeps {@code s'}. Any difference between Tandem's functions
 * and the client's silently forks documents, so client oddities are reproduced on purpose and
 * documented where they appear.
 */
package dev.tandem.ot.transform;
