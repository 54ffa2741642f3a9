package dev.tandem.model;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserId;
import dev.tandem.model.ModelStore.LoggedOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.persistence.StoreException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How sessions come to a live model and leave it: open (read permission needed), resync of a reconnected session
 * (replay of what it missed, then live operations), close, force close, and permission changes. Admits them to the
 * {@link ModelRoster} and tracks them in the model's operation processor.
 *
 * <p>Runs only in tasks of the model's {@link ModelWriter}, which hold every task but an operation until the
 * operations before it are committed and acknowledged: what a session is told here is committed state. A method that
 * returns true may have left the model without sessions: its caller unloads it if it is idle.
 */
final class ModelSessions {

    private final StoredModel stored;
    private final ModelContext context;
    private final ModelOperationProcessor processor;
    private final ModelRoster roster;
    private final ModelPolicies policies;

    ModelSessions(
            StoredModel stored,
            ModelContext context,
            ModelOperationProcessor processor,
            ModelRoster roster,
            ModelPolicies policies) {
        this.stored = stored;
        this.context = context;
        this.processor = processor;
        this.roster = roster;
        this.policies = policies;
    }

    /** Opens the model for a participant, which gets its current state (last modified at {@code modifiedAt}). */
    boolean open(ModelParticipant participant, Instant modifiedAt) {
        ModelPermissions granted = admit(participant, "no permission to read model " + stored.modelId());
        if (granted == null) {
            return true; // it may have been loaded for this request alone
        }
        String sessionId = participant.sessionId();
        String prefix = Long.toString(context.store().nextValueIdPrefix(stored.ref()), Character.MAX_RADIX);
        processor.trackClient(sessionId, processor.version());
        roster.join(participant, granted);
        participant.opened(new OpenedModel(
                stored.modelId(),
                stored.collectionId(),
                prefix,
                processor.version(),
                stored.createdAt(),
                modifiedAt,
                processor.tree().toValue(),
                roster.collaborators(),
                roster.references(),
                granted));
        Collaborator joined = new Collaborator(sessionId, participant.user());
        roster.forOthers(sessionId, p -> p.collaboratorOpened(joined));
        return false;
    }

    /** Starts the resync of a reconnected participant whose client has the model at {@code contextVersion}. */
    boolean resync(ModelParticipant participant, long contextVersion) {
        // Revoked while the client was away: the client reports this as a resync error with this message.
        ModelPermissions granted =
                admit(participant, "the permission to read model " + stored.modelId() + " was revoked");
        if (granted == null) {
            return true;
        }
        String sessionId = participant.sessionId();
        long current = processor.version();
        if (contextVersion < 1 || contextVersion > current) {
            participant.openFailed(new Refusal(
                    Refusal.Reason.CONFLICT,
                    "invalid_version",
                    "model " + stored.modelId() + " is at version " + current + ", the client says " + contextVersion));
            return true; // it may have been loaded for this request alone
        }
        // Every operation of this model is committed (a task that is not a submission waits for that).
        List<LoggedOperation> missed = context.operationsAfter(stored, contextVersion);
        long logEnd = contextVersion + missed.size();
        if (logEnd != current) {
            throw new StoreException(
                    "model " + stored.modelId() + ": log ends at " + logEnd + ", memory is at " + current, null);
        }
        Set<String> named = new LinkedHashSet<>();
        for (LoggedOperation logged : missed) {
            named.add(logged.sessionId());
        }
        // The client rebases its in-flight operations across the replayed ones before resending them, so they arrive
        // based on the current version or a later one: that is where it is tracked (older history may be pruned).
        // Not all of them, though: see ModelRoster.contextVersionOf().
        processor.trackClient(sessionId, current);
        participant.resyncStarted(current, named, granted);
        for (LoggedOperation logged : missed) {
            // The original session id: if it is the client's own old session, the client takes it for its ack.
            participant.remoteOperation(
                    logged.sessionId(), logged.version() - 1, logged.committedAt(), logged.operation());
        }
        participant.flush();
        roster.startResync(participant, granted, current);
        return false;
    }

    /** The client of a resynchronizing participant caught up: it stays as a collaborator if {@code open}. */
    boolean completeResync(ModelParticipant participant, boolean open) {
        String sessionId = participant.sessionId();
        if (!roster.completeResync(participant, open)) {
            // Closed meanwhile (its socket went away or the model failed): only a closing client still listens.
            if (!open) {
                participant.resyncCompleted(ResyncedModel.CLOSED);
            }
            return false;
        }
        if (!open) {
            processor.untrackClient(sessionId);
            participant.resyncCompleted(ResyncedModel.CLOSED);
            roster.forOthers(sessionId, p -> p.collaboratorResyncCompleted(sessionId));
            return true;
        }
        participant.resyncCompleted(
                new ResyncedModel(roster.collaborators(), roster.resyncingSessions(), roster.references()));
        Collaborator joined = new Collaborator(sessionId, participant.user());
        roster.forOthers(sessionId, p -> {
            p.collaboratorOpened(joined);
            p.collaboratorResyncCompleted(sessionId);
        });
        return false;
    }

    /** Closes the model for a participant; with {@code reply} it hears so. */
    void close(ModelParticipant participant, boolean reply) {
        if (roster.member(participant.sessionId()) == participant) {
            remove(participant);
        }
        if (reply) {
            participant.closed();
        }
    }

    /** Closes the model for a participant on the server's initiative. */
    void forceClose(ModelParticipant participant, ForceCloseReason reason, String message) {
        if (roster.member(participant.sessionId()) == participant) {
            remove(participant);
        }
        participant.forceClosed(reason, message);
    }

    /** Resolves every session's permissions again: those that changed are told, those that lost read are closed. */
    void refreshPermissions() {
        policies.reloadPermissions();
        for (ModelParticipant p : roster.members()) {
            ModelPermissions now = resolve(p);
            if (now.equals(roster.permissions(p.sessionId()))) {
                continue;
            }
            if (!now.read()) {
                remove(p);
                p.forceClosed(
                        ForceCloseReason.PERMISSION_ERROR,
                        "the permission to read model " + stored.modelId() + " was revoked");
            } else {
                roster.grant(p.sessionId(), now);
                p.permissionsChanged(now);
            }
        }
    }

    /** Removes a member without telling it; the others hear it closed. */
    void remove(ModelParticipant participant) {
        processor.untrackClient(participant.sessionId());
        roster.remove(participant.sessionId());
    }

    /**
     * What a participant that asks to join may do, or null if it may not join: it is a member already, or may not
     * read (it hears {@code readRefused}). Refused as a member, it leaves the model with a session, so that the
     * caller's check for an idle model finds none.
     */
    private ModelPermissions admit(ModelParticipant participant, String readRefused) {
        if (roster.member(participant.sessionId()) != null) {
            participant.openFailed(new Refusal(
                    Refusal.Reason.CONFLICT,
                    "model_already_open",
                    "this session already has model " + stored.modelId() + " open"));
            return null;
        }
        ModelPermissions granted = resolve(participant);
        if (!granted.read()) {
            participant.openFailed(new UnauthorizedException(readRefused));
            return null;
        }
        return granted;
    }

    /** What this participant's user may do now. */
    private ModelPermissions resolve(ModelParticipant participant) {
        return policies.permissionsOf(DomainUserId.of(participant.user()));
    }
}
