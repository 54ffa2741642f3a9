/**
 * The mutable model: {@link dev.tandem.ot.tree.ModelTree} indexes every live value of one model by its id, applies
 * operations to it and produces their applied forms (what history stores and undo needs), and keeps the model's size
 * up to date for the size limit.
 *
 * <p>It sits above {@link dev.tandem.ot.value} (the immutable values operations carry) and {@link
 * dev.tandem.ot.operation} (the operations): values know nothing of operations, operations carry values, and only the
 * tree knows both. Single-threaded: a tree belongs to its model's writer.
 */
package dev.tandem.ot.tree;
