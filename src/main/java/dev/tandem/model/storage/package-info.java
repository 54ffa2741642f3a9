/**
 * How models are kept in the database: the persistence format of model data, operations and applied operations.
 *
 * <p>{@link dev.tandem.model.storage.ModelJson} turns the OT types ({@code dev.tandem.ot}) into compact, versioned
 * JSON text and back, exactly, and documents the format. It writes a document's root and delegates the rest:
 * {@code ValueJson} for values, {@code OperationJson} and {@code AppliedOperationJson} for the two forms of each
 * operation, {@code JsonFields} for typed fields. It knows nothing about tables or transactions; the repositories that
 * store the text belong beside the persistence code.
 */
package dev.tandem.model.storage;
