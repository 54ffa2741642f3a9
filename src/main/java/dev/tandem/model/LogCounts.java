package dev.tandem.model;

/**
 * What the node's operation log has committed since start: transactions, model batches and operations in them.
 * Operations per transaction is what group commit buys; batches per transaction, how many models shared a commit.
 * {@code filed} counts operations moved into the per-model log since start, {@code unfiled} those committed and
 * waiting to be (at least).
 */
public record LogCounts(long transactions, long batches, long operations, long filed, long unfiled) {}
