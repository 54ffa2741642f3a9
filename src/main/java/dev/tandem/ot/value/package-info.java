/**
 * The model's data: immutable {@link dev.tandem.ot.value.DataValue} records (what operations carry
 * and snapshots return) and the mutable {@link dev.tandem.ot.value.ModelTree}, which indexes every
 * live value by its id and applies operations, producing their applied forms.
 *
 * <p>Value ids are opaque strings minted by clients ({@code <valueIdPrefix>:<n>}) or by the server;
 * they are stored verbatim and must be unique within one model.
 */
package dev.tandem.ot.value;
