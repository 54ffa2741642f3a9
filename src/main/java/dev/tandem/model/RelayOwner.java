package dev.tandem.model;

import static dev.tandem.model.RelayLink.CLOSE;
import static dev.tandem.model.RelayLink.COLLECTION_PERMISSIONS_CHANGED;
import static dev.tandem.model.RelayLink.DELETE;
import static dev.tandem.model.RelayLink.EVENTS;
import static dev.tandem.model.RelayLink.FORCE_CLOSE;
import static dev.tandem.model.RelayLink.NOT_OWNER;
import static dev.tandem.model.RelayLink.OPEN;
import static dev.tandem.model.RelayLink.PERMISSIONS_CHANGED;
import static dev.tandem.model.RelayLink.REFERENCE;
import static dev.tandem.model.RelayLink.REPLACE;
import static dev.tandem.model.RelayLink.REPLIES;
import static dev.tandem.model.RelayLink.RESULTS;
import static dev.tandem.model.RelayLink.RESYNC;
import static dev.tandem.model.RelayLink.RESYNC_COMPLETE;
import static dev.tandem.model.RelayLink.SUBMIT;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.ot.tree.ModelTooLargeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The owner half of the {@link ModelRelay}, on the node that owns a model: it serves the sessions of other nodes. A
 * command to open makes a {@link RelayedParticipant}, which the live model treats like any other participant; its
 * events go back to the origin. An owner that no longer owns the model (it unloaded it and another node took it)
 * answers {@link RelayLink#NOT_OWNER}, and the origin places the participant again. It also carries out what other
 * nodes ask of a model it has open: delete it, replace its data, resolve permissions again.
 *
 * <p>State, all its own: the relayed participants, by their origin's member and forwarding id. The commands are
 * handled on one serial executor ({@link ModelRelay}), in the order each origin sent them; the relayed participants
 * are called by their model's writer and send their events from there, and leave the map when they close.
 * Acknowledgements keep their meaning: the live model sends one only after the commit.
 */
final class RelayOwner {

    private static final Logger LOG = Logger.getLogger(RelayOwner.class.getName());

    private final RelayLink link;
    private final LiveModels live;
    private final Map<RelayedParticipant.Key, RelayedParticipant> relayed = new ConcurrentHashMap<>();

    RelayOwner(RelayLink link, LiveModels live) {
        this.link = link;
        this.live = live;
    }

    /** One command of member {@code from} ({@link RelayLink#COMMANDS}). */
    void command(String from, byte[] message) {
        RelayCodec.Reader in = new RelayCodec.Reader(message);
        int kind = in.kind();
        RelayedParticipant.Key key = new RelayedParticipant.Key(from, in.number());
        ModelRouter router = live.router();
        try {
            switch (kind) {
                case OPEN, RESYNC -> admit(kind, key, in);
                case SUBMIT -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        router.submit(p.model(), p, in.integer(), in.number(), in.operation());
                    }
                }
                case REFERENCE -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        ReferenceEvent.Kind what = ReferenceEvent.Kind.valueOf(in.string());
                        router.reference(
                                p.model(),
                                p,
                                new ReferenceEvent(what, in.string(), in.string(), in.reference(), in.number()));
                    }
                }
                case CLOSE -> {
                    boolean reply = in.bool();
                    RelayedParticipant p = reply ? relayed.get(key) : relayed.remove(key);
                    if (p != null) {
                        router.close(p.model(), p, reply);
                    }
                }
                case FORCE_CLOSE -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        router.forceClose(p.model(), p, ForceCloseReason.valueOf(in.string()), in.string());
                    }
                }
                case RESYNC_COMPLETE -> {
                    RelayedParticipant p = relayed.get(key);
                    if (p != null) {
                        router.resyncComplete(p.model(), p, in.bool());
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
                case REPLACE -> replace(from, key.id(), in);
                case PERMISSIONS_CHANGED -> router.permissionsChanged(new ModelKey(in.string(), in.string()));
                case COLLECTION_PERMISSIONS_CHANGED -> router.collectionPermissionsChanged(in.string(), in.string());
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

    /** The owner's side of {@link RelayOrigin#replace}: through the live model here, answered when it committed. */
    private void replace(String from, long request, RelayCodec.Reader in) {
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
            Throwable cause = failed instanceof CompletionException c ? c.getCause() : failed;
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
            link.send(to, RESULTS, answer.toBytes());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "answering member " + to + " failed", e);
        }
    }

    private void reply(String to, long request, boolean answer) {
        try {
            link.send(
                    to,
                    REPLIES,
                    new RelayCodec.Writer().number(request).bool(answer).toBytes());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "replying to member " + to + " failed", e);
        }
    }

    private void sendEvents(RelayedParticipant.Key to, byte[] message) {
        try {
            link.send(to.member(), EVENTS, message);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "sending model events to member " + to.member() + " failed", e);
        }
    }

    /** The sessions {@code gone}, which left the cluster, forwarded here close (their clients resync elsewhere). */
    void originLeft(String gone) {
        for (RelayedParticipant p : relayed.values()) {
            if (p.key().member().equals(gone) && relayed.remove(p.key(), p)) {
                live.router().close(p.model(), p, false);
            }
        }
    }

    /** How many participants of other nodes are relayed here now. */
    int count() {
        return relayed.size();
    }
}
