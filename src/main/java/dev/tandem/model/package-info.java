/**
 * Real-time models. {@link dev.tandem.model.ModelService} is the facade: it creates, opens, closes, deletes and reads
 * models ({@link dev.tandem.model.ModelAdministration} adds what the admin API writes from plain JSON data). Each open
 * model is one {@link dev.tandem.model.LiveModel}. {@link dev.tandem.model.LiveModels} starts what the live models of
 * the node run on: the writers' threads ({@link dev.tandem.model.ModelThreads}), the node's
 * {@link dev.tandem.model.OperationLog}, the {@link dev.tandem.model.ModelPlacement} that keeps the loaded models (at
 * most one instance per model) and {@link dev.tandem.model.ModelRouter}, which sends a session's calls to its model;
 * {@link dev.tandem.model.ModelLoader} loads a model by replaying its newest snapshot and the operations logged after
 * it.
 *
 * <p>A live model is read in parts. Its {@link dev.tandem.model.ModelWriter} is the single writer: it runs the
 * model's {@link dev.tandem.model.ModelTask}s one at a time and owns the group commit: transform and apply (the
 * {@code dev.tandem.ot} core), hand the batch to the operation log, which commits the batches of all models that
 * appended meanwhile in one transaction, then acknowledge the submitter and broadcast to the other openers through
 * their {@link dev.tandem.model.ModelParticipant}. {@link dev.tandem.model.ModelEdits} applies what changes the data
 * and references (operations, reference events, the server's replacements); {@link dev.tandem.model.ModelSessions}
 * lets sessions open, resynchronize and close; {@link dev.tandem.model.ModelRoster} is who has the model open and the
 * references they share; {@link dev.tandem.model.ModelPolicies} holds permissions, snapshots and idle unload. All of
 * them are the writer's alone: only its tasks touch them, one at a time, so a model needs no lock.
 * {@link dev.tandem.model.ModelStore} keeps models, their versions, snapshots and the log: a group commit is one row
 * of {@code model_log} ({@link dev.tandem.model.LogRound}), which the operation log later files into each model's log
 * many rounds at a time ({@link dev.tandem.model.LogFiling}).
 *
 * <p>In a cluster each model has one owner node, the only one with a {@code LiveModel} for it:
 * {@link dev.tandem.model.ModelOwners} claims models in a cluster-wide directory and takes over the claims of nodes
 * that left (fencing their writer first); {@link dev.tandem.model.ModelPlacement} loads a model only while this node
 * holds its claim, and {@link dev.tandem.model.FenceRecovery} drops every model, while nothing loads, when another
 * node fenced this one's writer. {@link dev.tandem.model.ModelRelay} carries what a session on another node does to
 * the owner and the owner's events back: {@link dev.tandem.model.RelayOrigin} on the session's node,
 * {@link dev.tandem.model.RelayOwner} (with a {@link dev.tandem.model.RelayedParticipant} per session) at the owner,
 * {@link dev.tandem.model.RelayLink} and {@link dev.tandem.model.RelayCodec} for what crosses.
 * {@link dev.tandem.model.ModelRouter} decides, per call, whether a model is here or elsewhere; nothing above it
 * knows.
 *
 * <p>The stores are interfaces ({@link dev.tandem.model.ModelStore}, {@link dev.tandem.model.CollectionStore}); the
 * core knows nothing else of them, and tests give it stores in memory. Their JDBC implementations,
 * {@link dev.tandem.model.JdbcModelStore} (with {@link dev.tandem.model.JdbcModelLog} for the log's tables, the hot
 * path) and {@link dev.tandem.model.JdbcCollectionStore} (with {@link dev.tandem.model.PolicyColumns}), run their
 * statements through {@link dev.tandem.persistence.Jdbc}: each method is one JTA transaction through the bean's
 * proxy, except the group commit and filing, which commit local transactions on the log's own data source. Every
 * failure of the database is a {@link dev.tandem.persistence.StoreException}.
 *
 * <p>Collections ({@link dev.tandem.model.CollectionService}, {@link dev.tandem.model.CollectionStore}) carry world and
 * per-user permissions and may override the domain's {@link dev.tandem.model.SnapshotPolicy}; a model may carry its
 * own ({@link dev.tandem.model.ModelAccess} resolves them with identity's {@code PermissionResolver}, the model
 * before its collection). The live model enforces them (read to open, write to
 * edit), takes snapshots by the policy, and unloads after an idle time. Nothing here knows the wire protocol.
 *
 * <p>Refusals ({@link dev.tandem.model.ModelNotFoundException}, {@link dev.tandem.model.UnauthorizedException},
 * {@link dev.tandem.model.CollectionNotFoundException}, ...) are {@link dev.tandem.common.Refusal}s carrying the code
 * Convergence's client knows; the delivery channels map them. A participant that cannot open a model hears why as
 * a refusal too ({@link dev.tandem.model.ModelParticipant#openFailed}). New data over the size limit, which the OT
 * core reports as its {@link dev.tandem.ot.tree.ModelTooLargeException}, leaves the model as
 * {@link dev.tandem.model.ModelSizeLimitException}; an operation over it closes the model for its session instead.
 */
package dev.tandem.model;
