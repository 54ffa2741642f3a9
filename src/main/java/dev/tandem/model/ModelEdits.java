package dev.tandem.model;

import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.ModelTask.Replace;
import dev.tandem.model.ModelTask.Submit;
import dev.tandem.model.ModelWriter.Pending;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.server.CommittedOperation;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.tree.ModelTooLargeException;
import dev.tandem.ot.value.ObjectValue;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What changes a live model's data and references: a session's operation, a session's reference event, and a
 * replacement of the data by the server. Each is checked (permission, a version the session may name, the size
 * limit), transformed and applied by the OT core's processor, its references rebased, and appended to the writer's
 * batch, which acknowledges and broadcasts it once committed. A session that sends what cannot be applied is closed
 * after what it sent before was acknowledged.
 *
 * <p>Writer-confined, like the {@link LiveModel} it is part of: only its {@link ModelWriter}'s tasks call it, one at a
 * time, so the processor and the roster it shares with the model need no locks. Whether the model is still loaded is
 * the live model's to check first; whether it is idle after a session was closed here, too (the methods say when).
 */
final class ModelEdits {

    private static final Logger LOG = Logger.getLogger(ModelEdits.class.getName());

    private final StoredModel stored;
    private final ModelStore store;
    private final OperationLog log;
    private final ModelOperationProcessor processor;
    private final ModelRoster roster;
    private final ModelSessions sessions;
    private final ModelWriter writer;

    ModelEdits(
            ModelContext context,
            StoredModel stored,
            ModelOperationProcessor processor,
            ModelRoster roster,
            ModelSessions sessions,
            ModelWriter writer) {
        this.stored = stored;
        this.store = context.store();
        this.log = context.log();
        this.processor = processor;
        this.roster = roster;
        this.sessions = sessions;
        this.writer = writer;
    }

    /**
     * Applies a session's operation and appends it to the writer's batch.
     *
     * @return true if the session was closed instead (the model may be idle now)
     */
    boolean submit(Submit submit) {
        ModelParticipant submitter = submit.participant();
        String sessionId = submitter.sessionId();
        if (roster.member(sessionId) != submitter) {
            return false; // closed meanwhile: the client no longer waits for this ack
        }
        if (!log.takesOperations()) {
            // The server is stopping and its sockets close once what was applied is acknowledged: applying this one
            // now could commit it after its session's socket closed, and the client cannot take an operation it
            // never got the ack of back in its resync (it closes the model). Not applied, it stays in flight in the
            // client, which sends it again after it reconnects. Later ones of the session are dropped too (the flag
            // never goes back), so what the session had applied is a prefix of what it sent, as the client expects.
            return false;
        }
        if (!roster.mayWrite(sessionId)) {
            // Its client applied it locally; nobody else sees it, and the session closes, acknowledged up to here.
            refuse(submitter, ForceCloseReason.UNAUTHORIZED, "no permission to write model " + stored.modelId());
            return true;
        }
        CommittedOperation committed;
        try {
            committed = processor.process(
                    sessionId, roster.contextVersionOf(sessionId, submit.contextVersion()), submit.operation());
            processor.commit();
        } catch (RuntimeException e) {
            // The operation is rejected and changed nothing; earlier accepted ones are acknowledged first. A client
            // that sends nonsense is routine (FINE); one that hits the size limit is news for the operator.
            LOG.log(
                    e instanceof ModelTooLargeException ? Level.INFO : Level.FINE,
                    "operation from session {0} on model {1} (domain {2}) refused: {3}",
                    new Object[] {sessionId, stored.modelId(), stored.domainRef(), e.getMessage()});
            refuse(
                    submitter,
                    ForceCloseReason.ERROR_APPLYING_OPERATION,
                    "the operation could not be applied: " + e.getMessage());
            return true;
        }
        roster.rebaseReferences(committed.operation());
        writer.append(new Pending(submitter, submit.sequenceNumber(), committed, Instant.now(), null));
        return false;
    }

    /**
     * A session's reference event: transformed to the model's version and kept, or dropped.
     *
     * @return true if the session was closed instead (the model may be idle now)
     */
    boolean reference(ModelParticipant participant, ReferenceEvent event) {
        String sessionId = participant.sessionId();
        if (roster.open(sessionId) != participant) {
            return false;
        }
        roster.holdReferenceEvent();
        if (event.kind() != ReferenceEvent.Kind.SHARE && event.kind() != ReferenceEvent.Kind.SET) {
            roster.dropReference(sessionId, event);
            return false;
        }
        Optional<ReferenceValue> rebased;
        try {
            rebased = processor.transformReference(sessionId, event.contextVersion(), event.value());
        } catch (RuntimeException e) {
            // A version the session is past or the model has not reached (only a broken or hostile client sends
            // one): that session is closed with the reason, as for an operation that cannot be applied. Left to the
            // writer, it closed the model for every session and logged a stack trace.
            LOG.log(Level.FINE, "reference from {0} on {1} rejected: {2}", new Object[] {
                sessionId, stored.modelId(), e.toString()
            });
            refuse(
                    participant,
                    ForceCloseReason.INVALID_REFERENCE_EVENT,
                    "the reference could not be applied: " + e.getMessage());
            return true;
        }
        // Empty if it pointed at something another session removed meanwhile.
        rebased.ifPresent(value -> roster.setReference(sessionId, event, value));
        return false;
    }

    /** Closes the model for a session that sent what cannot be applied, after acknowledging what it sent before. */
    private void refuse(ModelParticipant participant, ForceCloseReason reason, String message) {
        writer.commitAndWait();
        sessions.remove(participant);
        participant.forceClosed(reason, message);
    }

    /**
     * Replaces the data as one operation of its author, committed and broadcast like a session's; completes the
     * task's future with the version afterwards, or with what refused it.
     *
     * @throws RuntimeException if the commit failed: the model fails as for any lost commit
     */
    void replace(Replace replace) {
        ObjectValue data;
        try {
            data = replace.data().apply(Long.toString(store.nextValueIdPrefix(stored.ref()), Character.MAX_RADIX));
        } catch (RuntimeException e) {
            replace.done().completeExceptionally(e);
            return;
        }
        Optional<Operation> replacing = Replace.operation(processor.tree(), data);
        if (replacing.isEmpty()) {
            replace.done().complete(processor.version());
            return;
        }
        String sessionId = replace.author().sessionId();
        CommittedOperation committed;
        processor.trackClient(sessionId, processor.version());
        try {
            committed = processor.process(sessionId, processor.version(), replacing.get());
            processor.commit();
        } catch (RuntimeException e) {
            replace.done().completeExceptionally(e);
            return;
        } finally {
            processor.untrackClient(sessionId);
        }
        roster.rebaseReferences(committed.operation());
        writer.append(new Pending(null, 0, committed, Instant.now(), replace.author()));
        try {
            writer.commitAndWait();
        } catch (RuntimeException e) {
            replace.done().completeExceptionally(e);
            throw e;
        }
        replace.done().complete(processor.version());
    }
}
