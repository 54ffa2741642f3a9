/**
 * Real-time models: {@link dev.tandem.model.ModelService} opens, creates, closes and deletes them, and each open model
 * is one {@link dev.tandem.model.LiveModel}, the single writer that sequences its operations: transform (the
 * {@code dev.tandem.ot} core), apply, hand the batch to the node's {@link dev.tandem.model.OperationLog}, which commits
 * the batches of all models that appended meanwhile in one transaction (group commit across models), then acknowledge
 * the submitter and broadcast to the other openers through their {@link dev.tandem.model.ModelParticipant}.
 * {@link dev.tandem.model.ModelStore} keeps models, their versions, snapshots and the log: a group commit is one row of
 * {@code model_log} ({@link dev.tandem.model.LogRound}), which the operation log later files into each model's log many
 * rounds at a time.
 *
 * <p>Collections ({@link dev.tandem.model.CollectionService}, {@link dev.tandem.model.CollectionStore}) carry world and
 * per-user permissions and may override the domain's {@link dev.tandem.model.SnapshotPolicy}; a model may carry its
 * own ({@link dev.tandem.model.ModelAccess} resolves them). The live model enforces them (read to open, write to
 * edit), takes snapshots by the policy, and unloads after an idle time. Nothing here knows the wire protocol.
 */
package dev.tandem.model;
