package dev.tandem.model;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ReferenceValue;
import java.time.Instant;
import java.util.Collection;

/**
 * One session's view of an open model: the live model calls it to deliver everything that session must see, in
 * commit order. Calls come from the model's single writer thread, one at a time; an implementation sends the
 * corresponding protocol message and must not block for long (it delays every other participant of the model).
 */
public interface ModelParticipant {

    /** The protocol session id of the opener. */
    String sessionId();

    /** The user behind the session. */
    DomainUserView user();

    /** The model is open for this participant; called before anything else reaches it. */
    void opened(OpenedModel model);

    /**
     * The model could not be opened, and {@code refusal} says why: a {@link ModelNotFoundException}, an
     * {@link UnauthorizedException}, or a {@link Refusal.Reason#CONFLICT} ({@code model_already_open},
     * {@code invalid_version}). Nothing else will follow.
     */
    void openFailed(Refusal refusal);

    /**
     * A resynchronization started: the participant is at {@code currentVersion} on the server's side, the operations
     * the session missed follow as {@link #remoteOperation}s (named sessions are listed first, so that their users can
     * be announced before), then any live operations. Called before anything else reaches it.
     */
    void resyncStarted(long currentVersion, Collection<String> replayedSessions, ModelPermissions permissions);

    /** The participant's resynchronization completed; with {@link ResyncedModel#CLOSED} it is closed now. */
    void resyncCompleted(ResyncedModel model);

    /** Another session started resynchronizing this model (it will open it when done, or not). */
    void collaboratorResyncStarted(Collaborator collaborator);

    /** Another session finished resynchronizing this model. */
    void collaboratorResyncCompleted(String sessionId);

    /**
     * The participant's own operation was committed durably at {@code version} (the pre-apply version). May be held
     * back until {@link #flush()}, like {@link #remoteOperation}.
     */
    void acknowledged(int sequenceNumber, long version, Instant timestamp);

    /**
     * Another session's operation, committed durably at {@code contextVersion}. May be held back until
     * {@link #flush()}, so that everything one commit produces for a session can leave in one write.
     */
    void remoteOperation(String sessionId, long contextVersion, Instant timestamp, Operation operation);

    /**
     * {@link #remoteOperation} from a session that is open on the model and was announced to this participant (in
     * its open or resync response, or by {@link #collaboratorOpened}): the common case, in which an implementation
     * may skip what it does for an author it was never told about. A model with hundreds of participants makes this
     * call hundreds of thousands of times a second.
     */
    default void remoteOperationFromCollaborator(
            String sessionId, long contextVersion, Instant timestamp, Operation operation) {
        remoteOperation(sessionId, contextVersion, timestamp, operation);
    }

    /**
     * An operation the server made (the admin API replaced the data), committed durably at {@code contextVersion}, on
     * behalf of {@code author}: a stand-in session that never opened the model, whose user the client may not know.
     */
    default void serverOperation(Collaborator author, long contextVersion, Instant timestamp, Operation operation) {
        remoteOperation(author.sessionId(), contextVersion, timestamp, operation);
    }

    /**
     * Sends whatever acknowledgements, operations and reference events the participant held back. An implementation
     * may hold those (so that what one commit produces for a session leaves in one write) as long as anything else it
     * sends goes after them. The model calls this after each committed batch it delivered, after a replay, and after
     * a run of reference events (at the latest at the end of its turn).
     */
    default void flush() {}

    /** Another session opened the model. */
    void collaboratorOpened(Collaborator collaborator);

    /** Another session closed the model (its references are gone with it). */
    void collaboratorClosed(String sessionId);

    /** Another session shared a reference, or set one it had not shared before. May be held until flush. */
    void referenceShared(String sessionId, String key, ReferenceValue value);

    /** Another session moved one of its shared references. May be held until flush. */
    void referenceSet(String sessionId, String key, ReferenceValue value);

    /** Another session cleared a shared reference (it stays shared, with no value). May be held until flush. */
    void referenceCleared(String sessionId, String valueId, String key);

    /** Another session stopped sharing a reference. May be held until flush. */
    void referenceUnshared(String sessionId, String valueId, String key);

    /** The participant's permissions on the model changed (it can still read it, or it would be force-closed). */
    void permissionsChanged(ModelPermissions permissions);

    /** The participant's own close request completed: every earlier operation was acknowledged before this. */
    void closed();

    /** The server closed the model for this participant; nothing else will follow. */
    void forceClosed(ForceCloseReason reason, String message);

    /**
     * The node that owns the model left the cluster (or could not be reached) while this participant had the model
     * open through it: nothing more comes from it. The session should resynchronize, which places the model on its
     * next owner; by default the model is closed for the participant.
     */
    default void ownerLost() {
        forceClosed(ForceCloseReason.UNKNOWN, "the node that had the model open left the cluster");
    }
}
