/**
 * Tandem's operational-transformation (OT) core, wire-compatible with the transformation functions
 * of the Convergence JavaScript client 1.0.0-rc.12.
 *
 * <p>Sub-packages:
 *
 * <ul>
 *   <li>{@link dev.tandem.ot.value}: immutable data values with ids and the mutable {@code
 *       ModelTree} that applies operations;
 *   <li>{@link dev.tandem.ot.operation}: the operations (immutable records) and their applied forms
 *       for history;
 *   <li>{@link dev.tandem.ot.transform}: one transformation function per (server op, client op)
 *       pair, their registry and the {@code OperationTransformer};
 *   <li>{@link dev.tandem.ot.reference}: reference values (index, range, property, element) and
 *       their transforms;
 *   <li>{@link dev.tandem.ot.server}: the server concurrency control and a processor combining it
 *       with a tree.
 * </ul>
 *
 * This package tree imports nothing but the JDK: no Jakarta, no protobuf, no other Tandem package.
 */
package dev.tandem.ot;
