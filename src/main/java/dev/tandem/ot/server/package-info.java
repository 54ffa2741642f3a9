/**
 * Server-side concurrency control: the per-model sequencing of client operations.
 *
 * <p>{@link dev.tandem.ot.server.ServerConcurrencyControl} tracks each client's context version and
 * its branched state path, transforms incoming operations onto the server's history, and keeps a
 * pending operation until it is committed or rolled back. {@link
 * dev.tandem.ot.server.ModelOperationProcessor} combines it with a {@link
 * dev.tandem.ot.tree.ModelTree}, which is what a single-writer LiveModel drives.
 */
package dev.tandem.ot.server;
