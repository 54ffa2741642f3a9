/**
 * The model's data: immutable {@link dev.tandem.ot.value.DataValue} records, what operations carry and snapshots
 * return. The mutable tree that applies operations to them is {@link dev.tandem.ot.tree.ModelTree}; nothing here
 * knows about operations.
 *
 * <p>Value ids are opaque strings minted by clients ({@code <valueIdPrefix>:<n>}) or by the server; they are stored
 * verbatim and must be unique within one model.
 */
package dev.tandem.ot.value;
