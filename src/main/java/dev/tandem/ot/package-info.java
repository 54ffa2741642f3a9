/**
 * Tandem's operational-transformation (OT) core, wire-compatible with the transformation functions
 * of the Convergence JavaScript client 1.0.0-rc.12.
 *
 * <p>Sub-packages:
 *
 * <ul>
 *   <li>{@link dev.tandem.ot.value}: immutable data values with ids; they know nothing of operations;
 *   <li>{@link dev.tandem.ot.operation}: the operations (immutable records) and their applied forms
 *       for history; they carry values;
 *   <li>{@link dev.tandem.ot.tree}: the mutable {@code ModelTree} of one model, which applies
 *       operations to its values;
 *   <li>{@link dev.tandem.ot.transform}: one transformation function per (server op, client op)
 *       pair, their registry and the {@code OperationTransformer};
 *   <li>{@link dev.tandem.ot.reference}: reference values (index, range, property, element) and
 *       their transforms;
 *   <li>{@link dev.tandem.ot.server}: the server concurrency control and a processor combining it
 *       with a tree.
 * </ul>
 *
 * Dependencies run one way, value &larr; operation &larr; {tree, reference, transform} &larr;
 * server, with no cycle ({@code ArchitectureTest}). This package tree imports nothing but the JDK: no Jakarta, no protobuf, no other Tandem package.
 */
package dev.tandem.ot;
