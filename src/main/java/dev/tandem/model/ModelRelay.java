package dev.tandem.model;

import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.MembershipChange;
import dev.tandem.common.Refusal;
import dev.tandem.common.SerialExecutor;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.ot.operation.Operation;
import dev.tandem.persistence.StoreException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;

/**
 * Sessions of this node on models that another node owns, and sessions of other nodes on models this node owns: the
 * two ends of one forwarding, so that a client cannot tell where its model's writer is. Each end is a class of its
 * own, which owns its state; this bean starts them, hands them what arrives, and tells them when a member leaves.
 *
 * <p><b>Origin</b> ({@link RelayOrigin}, the node the client is connected to): the {@link ModelRouter} opens or
 * resynchronizes a participant there when {@link ModelOwners} names another owner, and every later call of the
 * session goes to the owner as a command; the owner's events for the participant come back and are delivered to it.
 *
 * <p><b>Owner</b> ({@link RelayOwner}): a command to open makes a {@link RelayedParticipant}, which the live model
 * treats like any other participant; its events go back to the origin. An owner that no longer owns the model
 * answers {@link RelayLink#NOT_OWNER}, and the origin places the participant again.
 *
 * <p>Ordering: the cluster delivers one member's messages on a channel in the order they were sent
 * ({@link ClusterMembership#send}); each end handles them on one {@link SerialExecutor} over the model writers' pool
 * (managed threads, which may use the database), so commands reach the live model, and events the participant, in the
 * order they were sent. Acknowledgements keep their meaning: the owner sends one only after the commit. What crosses,
 * and on which channel, is {@link RelayLink}'s.
 *
 * <p>A member that leaves takes its forwarded sessions with it: at the owner they are closed; at the origin each
 * participant hears {@link ModelParticipant#ownerLost()}, and its client resynchronizes with the model's next owner.
 */
@ApplicationScoped
public class ModelRelay {

    @Inject
    ClusterMembership membership;

    @Inject
    LiveModels live;

    @Resource
    ContextService contexts;

    private RelayLink link;
    private RelayOrigin origin;
    private RelayOwner owner;
    private Executor commands;
    private Executor events;

    /**
     * Listens from the start (after the schema's migration, which observes this event first), so that commands from
     * other nodes find their receiver.
     */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation does the work (start())
    }

    @PostConstruct
    void start() {
        link = new RelayLink(membership);
        origin = new RelayOrigin(link, live);
        owner = new RelayOwner(link, live);
        if (!membership.clustered()) {
            return;
        }
        // The data grid's threads are not the application's: a task handed to the writers' pool from one of them is
        // handed over in the application's context, captured here, at start, so that a pool thread created for it
        // runs with that context (JNDI, transactions) for life, as one created by a request does.
        Executor pool = live.pool();
        Executor inContext = contexts == null // outside a container (tests)
                ? pool
                : contexts.createContextualProxy((Executor) pool::execute, Executor.class);
        commands = new SerialExecutor(inContext);
        events = new SerialExecutor(inContext);
        membership.listen(RelayLink.COMMANDS, (from, message) -> {
            link.received(message);
            commands.execute(() -> owner.command(from, message));
        });
        membership.listen(RelayLink.EVENTS, (from, message) -> {
            link.received(message);
            events.execute(() -> origin.events(message));
        });
        // Answers complete a waiting request at once, on the data grid's thread: the waiter does the work.
        membership.listen(RelayLink.RESULTS, (from, message) -> {
            link.received(message);
            origin.resultArrived(message);
        });
        membership.listen(RelayLink.REPLIES, (from, message) -> {
            link.received(message);
            origin.replyArrived(message);
        });
    }

    // --- the origin's calls (see RelayOrigin) ---

    /** Opens the model for a participant through its owner, {@code owner}. */
    void open(String owner, ModelKey key, ModelParticipant participant) {
        origin.open(owner, key, participant);
    }

    /** Resynchronizes a participant through the model's owner, {@code owner}. */
    void resync(String owner, ModelKey key, ModelParticipant participant, long contextVersion) {
        origin.resync(owner, key, participant, contextVersion);
    }

    /** Sends the operation to the owner if the participant is forwarded; false if its model is on this node. */
    boolean submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation) {
        return origin.submit(participant, sequenceNumber, contextVersion, operation);
    }

    /** Sends the reference event to the owner if the participant is forwarded; false if its model is here. */
    boolean reference(ModelParticipant participant, ReferenceEvent event) {
        return origin.reference(participant, event);
    }

    /** Sends the close to the owner if the participant is forwarded; false if its model is here. */
    boolean close(ModelParticipant participant, boolean reply) {
        return origin.close(participant, reply);
    }

    /** Sends the force close to the owner if the participant is forwarded; false if its model is here. */
    boolean forceClose(ModelParticipant participant, ForceCloseReason reason, String message) {
        return origin.forceClose(participant, reason, message);
    }

    /** Sends the end of a resync to the owner if the participant is forwarded; false if its model is here. */
    boolean resyncComplete(ModelParticipant participant, boolean open) {
        return origin.resyncComplete(participant, open);
    }

    /**
     * Replaces a model's data through its owner; see {@link RelayOrigin#replace}.
     *
     * @return the model's version afterwards, or -1 if the owner no longer has the model
     * @throws Refusal the owner's refusal
     * @throws StoreException if the owner did not answer in time
     */
    long replace(String owner, ModelKey key, Collaborator author, String plainData) {
        return origin.replace(owner, key, author, plainData);
    }

    /**
     * Deletes a model through {@code owner}, which has it open; see {@link RelayOrigin#delete}.
     *
     * @return true if it did; false if it no longer has the model open, or did not answer in time
     */
    boolean delete(String owner, ModelKey key) {
        return origin.delete(owner, key);
    }

    /** Tells the other members that the model's permissions changed, for whichever has it open. */
    void permissionsChanged(ModelKey key) {
        origin.permissionsChanged(key);
    }

    /** Tells the other members that a collection's permissions changed, for its models they have open. */
    void collectionPermissionsChanged(String domainRef, String collectionId) {
        origin.collectionPermissionsChanged(domainRef, collectionId);
    }

    // --- members leaving ---

    /**
     * A member left: the sessions it forwarded here close (their clients resynchronize through another node), and
     * this node's sessions on models it owned hear that their owner is lost.
     */
    void memberLeft(@Observes MembershipChange change) {
        if (change.kind() == MembershipChange.Kind.LEFT && commands != null) {
            // off the data grid's event thread: closing sessions reaches the database and the clients' sockets
            String gone = change.member().id();
            commands.execute(() -> {
                owner.originLeft(gone);
                origin.ownerLeft(gone);
            });
        }
    }

    /** How many sessions of this node go to models on other nodes, and of other nodes come to models here. */
    public record Counts(int forwarded, int relayed) {}

    /** What this node's relay sent to and received from other nodes since it started: messages and their bytes. */
    public record Traffic(long messagesSent, long bytesSent, long messagesReceived, long bytesReceived) {}

    public Traffic traffic() {
        return new Traffic(link.messagesSent(), link.bytesSent(), link.messagesReceived(), link.bytesReceived());
    }

    public Counts counts() {
        return new Counts(origin.count(), owner.count());
    }
}
