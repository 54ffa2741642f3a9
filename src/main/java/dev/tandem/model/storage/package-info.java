/**
 * How models are kept in the database: the persistence format of model data, operations and applied operations.
 *
 * <p>{@link dev.tandem.model.storage.ModelJson} turns the OT types ({@code dev.tandem.ot}) into compact, versioned
 * JSON text and back, exactly. It knows nothing about tables or transactions; the repositories that store the text
 * belong beside the persistence code.
 */
package dev.tandem.model.storage;
