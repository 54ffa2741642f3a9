package dev.tandem.model;

import static dev.tandem.model.RelayLink.CLOSE;
import static dev.tandem.model.RelayLink.COLLECTION_PERMISSIONS_CHANGED;
import static dev.tandem.model.RelayLink.COMMANDS;
import static dev.tandem.model.RelayLink.DELETE;
import static dev.tandem.model.RelayLink.FORCE_CLOSE;
import static dev.tandem.model.RelayLink.NOT_OWNER;
import static dev.tandem.model.RelayLink.OPEN;
import static dev.tandem.model.RelayLink.PERMISSIONS_CHANGED;
import static dev.tandem.model.RelayLink.REFERENCE;
import static dev.tandem.model.RelayLink.REPLACE;
import static dev.tandem.model.RelayLink.RESYNC;
import static dev.tandem.model.RelayLink.RESYNC_COMPLETE;
import static dev.tandem.model.RelayLink.SUBMIT;

import dev.tandem.common.Refusal;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.ot.operation.Operation;
import dev.tandem.persistence.StoreException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The origin half of the {@link ModelRelay}, on the node a client is connected to: its sessions on models that another
 * node owns. The {@link ModelRouter} forwards such a participant here when it opens or resynchronizes; from then on
 * every call the session makes on the model (submit, reference, close, force close, resync complete) is sent to the
 * owner as a command, and the owner's events for the participant come back and are delivered to it in order, each
 * message's worth followed by a flush. It also asks the owner of a model for what is not tied to a session: a delete,
 * a replacement of the data (REST's edit), and tells every node of a permission change.
 *
 * <p>State, all its own: the forwarded participants (by participant and by forwarding id; a participant is in both or
 * neither, and leaves both when it closes, is sent back ({@link RelayLink#NOT_OWNER}) or loses its owner) and the
 * requests that wait for an answer. Any thread may call it; the events of the owners are handled on one serial
 * executor ({@link ModelRelay}), so a participant gets them in the order they were sent.
 */
final class RelayOrigin {

    private static final Logger LOG = Logger.getLogger(RelayOrigin.class.getName());

    /** How long a node waits for another to delete or replace a model it has open. */
    private static final long REPLY_TIMEOUT_SECONDS = 30;

    private final RelayLink link;
    /** Where a participant the owner sent back is placed again. */
    private final LiveModels live;

    private final AtomicLong ids = new AtomicLong();
    private final Map<ModelParticipant, Forwarded> forwarded = new ConcurrentHashMap<>();
    private final Map<Long, Forwarded> forwardedById = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Boolean>> asked = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<RelayCodec.Reader>> results = new ConcurrentHashMap<>();

    /** A participant of this node on a model another node owns. */
    private record Forwarded(long id, ModelKey key, ModelParticipant participant, String owner) {}

    RelayOrigin(RelayLink link, LiveModels live) {
        this.link = link;
        this.live = live;
    }

    /** Opens the model for a participant through its owner, {@code owner}. */
    void open(String owner, ModelKey key, ModelParticipant participant) {
        Forwarded f = forward(owner, key, participant);
        send(
                f,
                new RelayCodec.Writer()
                        .kind(OPEN)
                        .number(f.id())
                        .string(key.domainRef())
                        .string(key.modelId())
                        .string(participant.sessionId())
                        .user(participant.user()));
    }

    /** Resynchronizes a participant through the model's owner, {@code owner}. */
    void resync(String owner, ModelKey key, ModelParticipant participant, long contextVersion) {
        Forwarded f = forward(owner, key, participant);
        send(
                f,
                new RelayCodec.Writer()
                        .kind(RESYNC)
                        .number(f.id())
                        .string(key.domainRef())
                        .string(key.modelId())
                        .string(participant.sessionId())
                        .user(participant.user())
                        .number(contextVersion));
    }

    private Forwarded forward(String owner, ModelKey key, ModelParticipant participant) {
        Forwarded f = new Forwarded(ids.incrementAndGet(), key, participant, owner);
        Forwarded earlier = forwarded.put(participant, f);
        if (earlier != null) {
            forwardedById.remove(earlier.id());
        }
        forwardedById.put(f.id(), f);
        return f;
    }

    /** Sends the operation to the owner if the participant is forwarded; false if its model is on this node. */
    boolean submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation) {
        Forwarded f = forwarded.get(participant);
        if (f == null) {
            return false;
        }
        send(
                f,
                new RelayCodec.Writer()
                        .kind(SUBMIT)
                        .number(f.id())
                        .integer(sequenceNumber)
                        .number(contextVersion)
                        .operation(operation));
        return true;
    }

    boolean reference(ModelParticipant participant, ReferenceEvent event) {
        Forwarded f = forwarded.get(participant);
        if (f == null) {
            return false;
        }
        send(
                f,
                new RelayCodec.Writer()
                        .kind(REFERENCE)
                        .number(f.id())
                        .string(event.kind().name())
                        .string(event.valueId())
                        .string(event.key())
                        .reference(event.value())
                        .number(event.contextVersion()));
        return true;
    }

    boolean close(ModelParticipant participant, boolean reply) {
        Forwarded f = forwarded.get(participant);
        if (f == null) {
            return false;
        }
        if (!reply) {
            done(f); // nothing more comes for it
        }
        send(f, new RelayCodec.Writer().kind(CLOSE).number(f.id()).bool(reply));
        return true;
    }

    boolean forceClose(ModelParticipant participant, ForceCloseReason reason, String message) {
        Forwarded f = forwarded.get(participant);
        if (f == null) {
            return false;
        }
        send(
                f,
                new RelayCodec.Writer()
                        .kind(FORCE_CLOSE)
                        .number(f.id())
                        .string(reason.name())
                        .string(message));
        return true;
    }

    boolean resyncComplete(ModelParticipant participant, boolean open) {
        Forwarded f = forwarded.get(participant);
        if (f == null) {
            return false;
        }
        send(f, new RelayCodec.Writer().kind(RESYNC_COMPLETE).number(f.id()).bool(open));
        return true;
    }

    private void send(Forwarded f, RelayCodec.Writer command) {
        try {
            link.send(f.owner(), COMMANDS, command.toBytes());
        } catch (RuntimeException e) {
            // the data grid stopped (this node is shutting down) or the owner is gone: the session resyncs
            LOG.log(Level.FINE, "forwarding to the owner of model " + f.key().modelId() + " failed", e);
            ownerLost(f);
            return;
        }
        // A message to a member that left is dropped without a word. The member list changes before the leave is
        // handled (ownerLeft), so either that finds this forwarding, or this check finds the member gone: a
        // forwarding made while its owner was leaving never waits for an answer that cannot come.
        if (!link.isMember(f.owner())) {
            ownerLost(f);
        }
    }

    private void done(Forwarded f) {
        forwarded.remove(f.participant(), f);
        forwardedById.remove(f.id(), f);
    }

    private void ownerLost(Forwarded f) {
        if (forwarded.remove(f.participant(), f)) {
            forwardedById.remove(f.id(), f);
            f.participant().ownerLost();
        }
    }

    /** The events of one message from an owner, delivered to their participant in order, then flushed. */
    void events(byte[] message) {
        RelayCodec.Reader in = new RelayCodec.Reader(message);
        long id = in.number();
        Forwarded f = forwardedById.get(id);
        if (f == null) {
            return; // closed here meanwhile (its socket went): nothing left to tell
        }
        ModelParticipant p = f.participant();
        try {
            while (in.hasMore()) {
                int kind = in.kind();
                if (kind == NOT_OWNER) {
                    done(f);
                    // Placed again: on this node if it claims the model now, else through the new owner.
                    if (in.bool()) {
                        live.router().resync(f.key(), p, in.number());
                    } else {
                        live.router().open(f.key(), p);
                    }
                    return;
                }
                RelayedParticipant.deliver(kind, in, p, () -> done(f));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an event for a session of model " + f.key().modelId() + " failed", e);
        }
        p.flush();
    }

    /** Every participant forwarded to {@code gone}, which left the cluster, hears that its model's owner is lost. */
    void ownerLeft(String gone) {
        for (Forwarded f : forwarded.values()) {
            if (f.owner().equals(gone)) {
                ownerLost(f);
            }
        }
    }

    /**
     * Asks {@code owner} to replace a model's data with plain JSON data ({@link ModelAdministration#replaceData}), as
     * one operation of {@code author} through the model's writer there; waits for the answer.
     *
     * @return the model's version afterwards, or -1 if the owner no longer has the model (ask again: it may be here)
     * @throws Refusal the owner's refusal (no such model, too large...)
     * @throws StoreException if the owner did not answer in time
     */
    long replace(String owner, ModelKey key, Collaborator author, String plainData) {
        long id = ids.incrementAndGet();
        CompletableFuture<RelayCodec.Reader> answer = new CompletableFuture<>();
        results.put(id, answer);
        try {
            link.send(
                    owner,
                    COMMANDS,
                    new RelayCodec.Writer()
                            .kind(REPLACE)
                            .number(id)
                            .string(key.domainRef())
                            .string(key.modelId())
                            .string(author.sessionId())
                            .user(author.user())
                            .string(plainData)
                            .toBytes());
            RelayCodec.Reader in = answer.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (in.bool()) {
                return in.number();
            }
            String reason = in.string();
            if (reason.isEmpty()) {
                return -1;
            }
            throw new Refusal(Refusal.Reason.valueOf(reason), in.string(), in.string());
        } catch (TimeoutException | ExecutionException e) {
            throw new StoreException("member " + owner + " did not replace model " + key.modelId() + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while member " + owner + " replaced model " + key.modelId(), e);
        } finally {
            results.remove(id);
        }
    }

    /** A replace's result arrived ({@link RelayLink#RESULTS}): it goes to the request that waits for it, if any. */
    void resultArrived(byte[] message) {
        RelayCodec.Reader in = new RelayCodec.Reader(message);
        CompletableFuture<RelayCodec.Reader> waiting = results.remove(in.number());
        if (waiting != null) {
            waiting.complete(in);
        }
    }

    /**
     * Asks {@code owner} to delete a model it has open (closing its sessions there); waits for the answer.
     *
     * @return true if it did; false if it no longer has the model open, or did not answer in time
     */
    boolean delete(String owner, ModelKey key) {
        long id = ids.incrementAndGet();
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        asked.put(id, answer);
        try {
            link.send(
                    owner,
                    COMMANDS,
                    new RelayCodec.Writer()
                            .kind(DELETE)
                            .number(id)
                            .string(key.domainRef())
                            .string(key.modelId())
                            .toBytes());
            return answer.get(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "member " + owner + " did not delete model " + key.modelId() + "; deleting it here",
                    e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            asked.remove(id);
        }
    }

    /** A reply arrived ({@link RelayLink#REPLIES}): it goes to the request that waits for it, if any. */
    void replyArrived(byte[] message) {
        RelayCodec.Reader in = new RelayCodec.Reader(message);
        CompletableFuture<Boolean> waiting = asked.remove(in.number());
        if (waiting != null) {
            waiting.complete(in.bool());
        }
    }

    /** Tells the other members that the model's permissions changed, for whichever has it open. */
    void permissionsChanged(ModelKey key) {
        link.toOthers(new RelayCodec.Writer()
                .kind(PERMISSIONS_CHANGED)
                .number(0)
                .string(key.domainRef())
                .string(key.modelId())
                .toBytes());
    }

    /** Tells the other members that a collection's permissions changed, for its models they have open. */
    void collectionPermissionsChanged(String domainRef, String collectionId) {
        link.toOthers(new RelayCodec.Writer()
                .kind(COLLECTION_PERMISSIONS_CHANGED)
                .number(0)
                .string(domainRef)
                .string(collectionId)
                .toBytes());
    }

    /** How many participants of this node are forwarded now. */
    int count() {
        return forwarded.size();
    }
}
