package dev.tandem.model;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.MembershipChange;
import dev.tandem.common.Refusal;
import dev.tandem.common.SerialExecutor;
import dev.tandem.identity.DomainUserView;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.tree.ModelTooLargeException;
import dev.tandem.persistence.StoreException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sessions of this node on models that another node owns, and sessions of other nodes on models this node owns: the
 * two ends of one forwarding, so that a client cannot tell where its model's writer is.
 *
 * <p><b>Origin</b> (the node the client is connected to): {@link LiveModels} opens or resynchronizes a participant
 * here when {@link ModelOwners} names another owner. From then on every call the session makes on the model (submit,
 * reference, close, force close, resync complete) is sent to the owner as a command, and the owner's events for the
 * participant come back and are delivered to it in order, each message's worth followed by a flush.
 *
 * <p><b>Owner</b>: a command to open makes a {@link RelayedParticipant}, which the live model treats like any other
 * participant; its events go back to the origin. An owner that no longer owns the model (it unloaded it and another
 * node took it) answers {@link #NOT_OWNER}, and the origin places the participant again.
 *
 * <p>Ordering: the cluster delivers one member's messages on a channel in the order they were sent
 * ({@link ClusterMembership#send}); each end handles them on one {@link SerialExecutor} over the model writers' pool
 * (managed threads, which may use the database), so commands reach the live model, and events the participant, in the
 * order they were sent. Acknowledgements keep their meaning: the owner sends one only after the commit.
 *
 * <p>A member that leaves takes its forwarded sessions with it: at the owner they are closed; at the origin each
 * participant hears {@link ModelParticipant#ownerLost()}, and its client resynchronizes with the model's next owner.
 */
@ApplicationScoped
public class ModelRelay {

    private static final Logger LOG = Logger.getLogger(ModelRelay.class.getName());

    static final String COMMANDS = "model-commands";
    static final String EVENTS = "model-events";

    // Commands, origin to owner: the kind, then the forwarded participant's id at the origin.
    static final int OPEN = 1;
    static final int RESYNC = 2;
    static final int SUBMIT = 3;
    static final int REFERENCE = 4;
    static final int CLOSE = 5;
    static final int FORCE_CLOSE = 6;
    static final int RESYNC_COMPLETE = 7;

    // Commands to whichever node has the model open, not tied to a session.
    static final int DELETE = 8;
    static final int PERMISSIONS_CHANGED = 9;
    static final int COLLECTION_PERMISSIONS_CHANGED = 10;
    static final int REPLACE = 11;

    /**
     * Results of a replace (REST's edit of a model), on their own channel: the request's id, whether it worked, then
     * the version, or the refusal's reason, code and message.
     */
    static final String RESULTS = "model-results";

    /** Replies to commands that wait for one (a delete), on their own channel: the request's id, then the answer. */
    static final String REPLIES = "model-replies";

    /** How long a node waits for another to delete a model it has open. */
    private static final long REPLY_TIMEOUT_SECONDS = 30;

    /** The answer to an open or resync that reached a node that does not own the model. */
    static final int NOT_OWNER = 100;

    @Inject
    ClusterMembership membership;

    @Inject
    LiveModels live;

    @Resource
    ContextService contexts;

    private final AtomicLong ids = new AtomicLong();
    private final Map<ModelParticipant, Forwarded> forwarded = new ConcurrentHashMap<>();
    private final Map<Long, Forwarded> forwardedById = new ConcurrentHashMap<>();
    private final Map<RelayedParticipant.Key, RelayedParticipant> relayed = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Boolean>> asked = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<RelayCodec.Reader>> results = new ConcurrentHashMap<>();
    private Executor commands;
    private Executor events;

    /** A participant of this node on a model another node owns. */
    private record Forwarded(long id, ModelKey key, ModelParticipant participant, String owner) {}

    /**
     * Listens from the start (after the schema's migration, which observes this event first), so that commands from
     * other nodes find their receiver.
     */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation does the work (start())
    }

    @PostConstruct
    void start() {
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
        membership.listen(COMMANDS, (from, message) -> {
            received(message);
            commands.execute(() -> command(from, message));
        });
        membership.listen(EVENTS, (from, message) -> {
            received(message);
            events.execute(() -> events(message));
        });
        membership.listen(RESULTS, (from, message) -> {
            received(message);
            RelayCodec.Reader in = new RelayCodec.Reader(message);
            CompletableFuture<RelayCodec.Reader> waiting = results.remove(in.number());
            if (waiting != null) {
                waiting.complete(in);
            }
        });
        membership.listen(REPLIES, (from, message) -> {
            received(message);
            RelayCodec.Reader in = new RelayCodec.Reader(message);
            CompletableFuture<Boolean> waiting = asked.remove(in.number());
            if (waiting != null) {
                waiting.complete(in.bool());
            }
        });
    }

    // --- origin ---

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
            transmit(f.owner(), COMMANDS, command.toBytes());
        } catch (RuntimeException e) {
            // the data grid stopped (this node is shutting down) or the owner is gone: the session resyncs
            LOG.log(Level.FINE, "forwarding to the owner of model " + f.key().modelId() + " failed", e);
            ownerLost(f);
            return;
        }
        // A message to a member that left is dropped without a word. The member list changes before the leave is
        // handled (memberLeft), so either that finds this forwarding, or this check finds the member gone: a
        // forwarding made while its owner was leaving never waits for an answer that cannot come.
        if (!membership.isMember(f.owner())) {
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
    private void events(byte[] message) {
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
            transmit(
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

    /** The owner's side of {@link #replace}: through the live model here, answered when it committed. */
    private void replaceHere(String from, long request, RelayCodec.Reader in) {
        ModelKey key = new ModelKey(in.string(), in.string());
        Collaborator author = new Collaborator(in.string(), in.user());
        String plainData = in.string();
        LiveModel model = live.get(key);
        if (model == null) {
            result(
                    from,
                    request,
                    new RelayCodec.Writer().number(request).bool(false).string(""));
            return;
        }
        Map<String, ?> data = PlainData.fromJson(plainData);
        model.replace(author, prefix -> PlainData.toObject(data, prefix)).whenComplete((version, failed) -> {
            Throwable cause = failed instanceof java.util.concurrent.CompletionException c ? c.getCause() : failed;
            if (cause instanceof ModelTooLargeException tooLarge) {
                cause = new ModelSizeLimitException(tooLarge);
            }
            if (cause == null && version != null) {
                result(
                        from,
                        request,
                        new RelayCodec.Writer().number(request).bool(true).number(version));
            } else if (cause == null) {
                result(
                        from,
                        request,
                        new RelayCodec.Writer().number(request).bool(false).string("")); // it unloaded meanwhile
            } else if (cause instanceof Refusal refusal) {
                result(
                        from,
                        request,
                        new RelayCodec.Writer()
                                .number(request)
                                .bool(false)
                                .string(refusal.reason().name())
                                .string(refusal.code())
                                .string(String.valueOf(refusal.getMessage())));
            } else {
                LOG.log(Level.WARNING, "replacing model " + key.modelId() + " for member " + from + " failed", cause);
                result(
                        from,
                        request,
                        new RelayCodec.Writer()
                                .number(request)
                                .bool(false)
                                .string(Refusal.Reason.CONFLICT.name())
                                .string("model_replace_failed")
                                .string("the model's owner could not replace its data"));
            }
        });
    }

    /** Sends a replace's result: the request's id first (the answer was written after it). */
    private void result(String to, long request, RelayCodec.Writer answer) {
        try {
            transmit(to, RESULTS, answer.toBytes());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "answering member " + to + " failed", e);
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
            transmit(
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

    /** Tells the other members that the model's permissions changed, for whichever has it open. */
    void permissionsChanged(ModelKey key) {
        toOthers(new RelayCodec.Writer()
                .kind(PERMISSIONS_CHANGED)
                .number(0)
                .string(key.domainRef())
                .string(key.modelId()));
    }

    /** Tells the other members that a collection's permissions changed, for its models they have open. */
    void collectionPermissionsChanged(String domainRef, String collectionId) {
        toOthers(new RelayCodec.Writer()
                .kind(COLLECTION_PERMISSIONS_CHANGED)
                .number(0)
                .string(domainRef)
                .string(collectionId));
    }

    private void toOthers(RelayCodec.Writer command) {
        if (!membership.clustered()) {
            return;
        }
        byte[] message = command.toBytes();
        for (ClusterMember member : membership.members()) {
            if (!member.local()) {
                try {
                    transmit(member.id(), COMMANDS, message);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "telling member " + member.id() + " failed", e);
                }
            }
        }
    }

    // --- owner ---

    private void command(String from, byte[] message) {
        RelayCodec.Reader in = new RelayCodec.Reader(message);
        int kind = in.kind();
        RelayedParticipant.Key key = new RelayedParticipant.Key(from, in.number());
        try {
            switch (kind) {
                case OPEN, RESYNC -> admit(kind, key, in);
                case SUBMIT -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        live.router().submit(p.model(), p, in.integer(), in.number(), in.operation());
                    }
                }
                case REFERENCE -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        ReferenceEvent.Kind what = ReferenceEvent.Kind.valueOf(in.string());
                        live.router()
                                .reference(
                                        p.model(),
                                        p,
                                        new ReferenceEvent(
                                                what, in.string(), in.string(), in.reference(), in.number()));
                    }
                }
                case CLOSE -> {
                    boolean reply = in.bool();
                    RelayedParticipant p = reply ? relayed.get(key) : relayed.remove(key);
                    if (p != null) {
                        live.router().close(p.model(), p, reply);
                    }
                }
                case FORCE_CLOSE -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        live.router().forceClose(p.model(), p, ForceCloseReason.valueOf(in.string()), in.string());
                    }
                }
                case RESYNC_COMPLETE -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        live.router().resyncComplete(p.model(), p, in.bool());
                    }
                }
                case DELETE -> {
                    LiveModel model = live.get(new ModelKey(in.string(), in.string()));
                    long request = key.id();
                    if (model == null) {
                        reply(from, request, false);
                    } else {
                        model.delete().whenComplete((done, failed) -> reply(from, request, failed == null));
                    }
                }
                case REPLACE -> replaceHere(from, key.id(), in);
                case PERMISSIONS_CHANGED -> live.router().permissionsChanged(new ModelKey(in.string(), in.string()));
                case COLLECTION_PERMISSIONS_CHANGED ->
                    live.router().collectionPermissionsChanged(in.string(), in.string());
                default -> LOG.warning(() -> "an unknown model command " + kind + " from member " + from);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a model command from member " + from + " failed", e);
        }
    }

    private void admit(int kind, RelayedParticipant.Key key, RelayCodec.Reader in) {
        ModelKey model = new ModelKey(in.string(), in.string());
        String sessionId = in.string();
        DomainUserView user = in.user();
        RelayedParticipant p = new RelayedParticipant(key, model, sessionId, user, this::sendEvents, relayed::remove);
        relayed.put(key, p);
        boolean here;
        long contextVersion = -1;
        if (kind == OPEN) {
            here = live.router().openHere(model, p);
        } else {
            contextVersion = in.number();
            here = live.router().resyncHere(model, p, contextVersion);
        }
        if (!here) {
            relayed.remove(key, p);
            sendEvents(
                    key,
                    new RelayCodec.Writer()
                            .number(key.id())
                            .kind(NOT_OWNER)
                            .bool(kind == RESYNC)
                            .number(contextVersion)
                            .toBytes());
        }
    }

    private void reply(String to, long request, boolean answer) {
        try {
            transmit(
                    to,
                    REPLIES,
                    new RelayCodec.Writer().number(request).bool(answer).toBytes());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "replying to member " + to + " failed", e);
        }
    }

    private void sendEvents(RelayedParticipant.Key to, byte[] message) {
        try {
            transmit(to.member(), EVENTS, message);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "sending model events to member " + to.member() + " failed", e);
        }
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
            commands.execute(() -> memberLeft(gone));
        }
    }

    private void memberLeft(String gone) {
        for (RelayedParticipant p : relayed.values()) {
            if (p.key().member().equals(gone) && relayed.remove(p.key(), p)) {
                live.router().close(p.model(), p, false);
            }
        }
        for (Forwarded f : forwarded.values()) {
            if (f.owner().equals(gone)) {
                ownerLost(f);
            }
        }
    }

    /** How many sessions of this node go to models on other nodes, and of other nodes come to models here. */
    public record Counts(int forwarded, int relayed) {}

    /** What this node's relay sent to and received from other nodes since it started: messages and their bytes. */
    public record Traffic(long messagesSent, long bytesSent, long messagesReceived, long bytesReceived) {}

    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();

    public Traffic traffic() {
        return new Traffic(messagesSent.sum(), bytesSent.sum(), messagesReceived.sum(), bytesReceived.sum());
    }

    /** Every message of the relay leaves here. */
    private void transmit(String member, String channel, byte[] message) {
        membership.send(member, channel, message);
        messagesSent.increment();
        bytesSent.add(message.length);
    }

    private void received(byte[] message) {
        messagesReceived.increment();
        bytesReceived.add(message.length);
    }

    public Counts counts() {
        return new Counts(forwarded.size(), relayed.size());
    }
}
