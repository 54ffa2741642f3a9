package dev.tandem.model;

import dev.tandem.model.ModelPlacement.Placed;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.ot.operation.Operation;

/**
 * Where a session's calls on a model go: to the model's {@link LiveModel} if this node has it, or through the
 * {@link ModelRelay} to the node that owns it. An open or a resync places the model ({@link ModelPlacement#place}:
 * loaded here, claiming it, or owned elsewhere); from then on the relay knows the participants it forwards, and every
 * later call of such a participant goes the same way, so a session never talks to two writers of one model.
 *
 * <p>It holds no state: the live models and claims are the placement's, the forwarded participants the relay's. Any
 * thread may call it; each live model takes the call as a task of its single writer.
 */
final class ModelRouter {

    private final ModelPlacement placement;
    private final ModelRelay relay;

    ModelRouter(ModelPlacement placement, ModelRelay relay) {
        this.placement = placement;
        this.relay = relay;
    }

    /** See {@link ModelService#open}: here, or through the node that owns the model. */
    void open(ModelKey key, ModelParticipant participant) {
        Placed placed = placement.place(key);
        if (placed.elsewhere() != null) {
            relay.open(placed.elsewhere(), key, participant);
        } else {
            openHere(placed, key, participant);
        }
    }

    /** Opens the model for a participant if this node owns it; false, doing nothing, if another node does. */
    boolean openHere(ModelKey key, ModelParticipant participant) {
        Placed placed = placement.place(key);
        if (placed.elsewhere() != null) {
            return false;
        }
        openHere(placed, key, participant);
        return true;
    }

    private static void openHere(Placed placed, ModelKey key, ModelParticipant participant) {
        if (placed.model() == null) {
            participant.openFailed(new ModelNotFoundException(key.modelId()));
        } else {
            placed.model().open(participant);
        }
    }

    /** See {@link ModelService#resync}: here, or through the node that owns the model. */
    void resync(ModelKey key, ModelParticipant participant, long contextVersion) {
        Placed placed = placement.place(key);
        if (placed.elsewhere() != null) {
            relay.resync(placed.elsewhere(), key, participant, contextVersion);
        } else {
            resyncHere(placed, key, participant, contextVersion);
        }
    }

    /** Resynchronizes a participant if this node owns the model; false, doing nothing, if another node does. */
    boolean resyncHere(ModelKey key, ModelParticipant participant, long contextVersion) {
        Placed placed = placement.place(key);
        if (placed.elsewhere() != null) {
            return false;
        }
        resyncHere(placed, key, participant, contextVersion);
        return true;
    }

    private static void resyncHere(Placed placed, ModelKey key, ModelParticipant participant, long contextVersion) {
        if (placed.model() == null) {
            participant.openFailed(new ModelNotFoundException(key.modelId()));
        } else {
            placed.model().resync(participant, contextVersion);
        }
    }

    /** See {@link ModelService#submit}. */
    void submit(ModelKey key, ModelParticipant participant, int sequenceNumber, long contextVersion, Operation op) {
        if (relay.submit(participant, sequenceNumber, contextVersion, op)) {
            return;
        }
        LiveModel model = placement.get(key);
        if (model == null) {
            participant.forceClosed(ForceCloseReason.UNKNOWN, "the model is not open");
            return;
        }
        model.submit(participant, sequenceNumber, contextVersion, op);
    }

    /** See {@link ModelService#forceClose}. */
    void forceClose(ModelKey key, ModelParticipant participant, ForceCloseReason reason, String message) {
        if (relay.forceClose(participant, reason, message)) {
            return;
        }
        LiveModel model = placement.get(key);
        if (model == null) {
            participant.forceClosed(reason, message);
            return;
        }
        model.forceClose(participant, reason, message);
    }

    /** See {@link ModelService#reference}. */
    void reference(ModelKey key, ModelParticipant participant, ReferenceEvent event) {
        if (relay.reference(participant, event)) {
            return;
        }
        LiveModel model = placement.get(key);
        if (model != null) {
            model.reference(participant, event);
        }
    }

    /** See {@link ModelService#close}. */
    void close(ModelKey key, ModelParticipant participant, boolean reply) {
        if (relay.close(participant, reply)) {
            return;
        }
        LiveModel model = placement.get(key);
        if (model == null) {
            if (reply) {
                participant.closed();
            }
            return;
        }
        model.close(participant, reply);
    }

    /** See {@link ModelService#resyncComplete}. */
    void resyncComplete(ModelKey key, ModelParticipant participant, boolean open) {
        if (relay.resyncComplete(participant, open)) {
            return;
        }
        LiveModel model = placement.get(key);
        if (model == null) {
            if (!open) {
                participant.resyncCompleted(ResyncedModel.CLOSED);
            }
            return;
        }
        model.resyncComplete(participant, open);
    }

    /** A collection's permissions changed: its models open here resolve their sessions' again. */
    void collectionPermissionsChanged(String domainRef, String collectionId) {
        for (LiveModel model : placement.all()) {
            if (model.domainRef().equals(domainRef) && model.collectionId().equals(collectionId)) {
                model.permissionsChanged();
            }
        }
    }

    /** The model's permissions changed: if it is open here, its sessions' are resolved again. */
    void permissionsChanged(ModelKey key) {
        LiveModel model = placement.get(key);
        if (model != null) {
            model.permissionsChanged();
        }
    }

    /**
     * Deletes the model through the node that has it open, if another node does: its sessions there are force-closed.
     *
     * @return true if that node deleted it; false if no other node has it open (or it did not answer in time), and the
     *     caller deletes it from storage
     */
    boolean deleteElsewhere(ModelKey key) {
        String owner = placement.knownOwnerElsewhere(key);
        return owner != null && relay.delete(owner, key);
    }
}
