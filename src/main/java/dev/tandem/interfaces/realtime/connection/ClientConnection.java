package dev.tandem.interfaces.realtime.connection;

import com.google.protobuf.Int32Value;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.interfaces.realtime.generation.ClientGeneration;
import dev.tandem.interfaces.realtime.generation.FrameCodec;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.core.PingMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client socket: its protocol state, timers, limits, and the server-to-client requests it has outstanding.
 *
 * <p>Threading: the container delivers this socket's frames one at a time, so receive-side state (rate limiter,
 * violation count) needs no locking. Sends can come from any thread (replies, broadcasts, the heartbeat sweep): every
 * message is queued in {@link #outgoing} and written by a {@link #flush()}, and flushes are serialized by
 * {@link #sendLock}, so the messages one thread queues leave in the order it queued them. Fields the sweep reads are
 * volatile.
 */
public final class ClientConnection {

    private static final Logger LOG = Logger.getLogger(ClientConnection.class.getName());

    /** Where a connection is in its life. */
    public enum State {
        /** Open, but no successful {@code ConnectionRequestMessage} yet. */
        AWAITING_HANDSHAKE,
        /** Authenticated; every capability is available. */
        CONNECTED,
        /** Closed or closing; nothing more is sent or processed. */
        CLOSED
    }

    private final Session socket;
    private final String namespace;
    private final String domainId;
    private final String remoteHost;
    private final long openedNanos;
    private final RateLimiter rateLimiter;
    private final FrameWriter writer;
    private final Queue<byte[]> outgoing = new ConcurrentLinkedQueue<>();
    private final Object sendLock = new Object();
    private final AtomicInteger nextRequestId = new AtomicInteger();
    private final Map<Integer, PendingRequest> pendingRequests = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();
    private final KnownIdentities knownIdentities = new KnownIdentities();

    private volatile State state = State.AWAITING_HANDSHAKE;
    private volatile ClientGeneration generation = ClientGeneration.G7;
    // null for G7 clients, whose frames are the server's own: the common path pays one null check per frame
    private volatile FrameCodec codec;
    private volatile Authenticated session;
    private volatile long lastReceivedNanos;
    private volatile long pingSentNanos;
    private int protocolViolations;
    private long floodingSinceNanos;
    private long lastRefusalNanos;

    ClientConnection(
            Session socket,
            String namespace,
            String domainId,
            String remoteHost,
            RealtimeSettings settings,
            long nowNanos) {
        this(socket, FrameWriter.basic(socket), namespace, domainId, remoteHost, settings, nowNanos);
    }

    /** Public for {@code transport}, which opens connections with its own writer; capability adapters never create connections. */
    public ClientConnection(
            Session socket,
            FrameWriter writer,
            String namespace,
            String domainId,
            String remoteHost,
            RealtimeSettings settings,
            long nowNanos) {
        this.socket = socket;
        this.writer = writer;
        this.namespace = namespace;
        this.domainId = domainId;
        this.remoteHost = remoteHost;
        this.openedNanos = nowNanos;
        this.lastReceivedNanos = nowNanos;
        this.rateLimiter = new RateLimiter(settings.maxMessagesPerSecond(), settings.messageBurst(), nowNanos);
    }

    /** The container's id of the socket (not the protocol session id). */
    public String socketId() {
        return socket.getId();
    }

    /** The namespace named in the socket's URL. */
    public String namespace() {
        return namespace;
    }

    /** The domain named in the socket's URL. */
    public String domainId() {
        return domainId;
    }

    /** The client's address as the container saw it. */
    public String remoteHost() {
        return remoteHost;
    }

    public State state() {
        return state;
    }

    /** The authenticated session, once the handshake succeeded. */
    public Optional<Authenticated> session() {
        return Optional.ofNullable(session);
    }

    /** The authenticated session; for handlers that only run after the handshake. */
    public Authenticated requireSession() {
        Authenticated current = session;
        if (current == null) {
            throw new IllegalStateException("connection " + socketId() + " is not authenticated");
        }
        return current;
    }

    /**
     * Per-connection state of a capability (its open models, its identity cache...), created on first use. Keyed by
     * type, so each capability owns exactly one object per connection and nothing outlives the connection.
     */
    public <T> T attachment(Class<T> type, Supplier<T> create) {
        return type.cast(attachments.computeIfAbsent(type, t -> create.get()));
    }

    /** The capability's per-connection state, if it was created. */
    public <T> Optional<T> attachment(Class<T> type) {
        return Optional.ofNullable(attachments.get(type)).map(type::cast);
    }

    /** What this client has been told through identity cache updates; see {@link IdentityCache}. */
    KnownIdentities knownIdentities() {
        return knownIdentities;
    }

    /** The schema generation the client speaks: G7 until its connection request says otherwise. */
    public ClientGeneration generation() {
        return generation;
    }

    /**
     * The codec that translates this client's frames, or {@code null} when they are the server's own (G7).
     *
     * <p>Public for {@code dispatch} (the message router) only; capability adapters do not call it.
     */
    public FrameCodec codec() {
        return codec;
    }

    /**
     * Records the client's generation, recognised from its first frame, before that frame is read: from then on,
     * every frame is translated for it.
     *
     * <p>Public for {@code dispatch} (the message router) only; capability adapters do not call it.
     */
    public void useGeneration(ClientGeneration recognised) {
        this.codec = recognised.codec(this::sendUntranslated);
        this.generation = recognised;
    }

    /** A frame its codec wrote in the client's own generation: queued as is, after what is queued already. */
    private void sendUntranslated(byte[] clientFrame) {
        if (state != State.CLOSED) {
            outgoing.add(clientFrame);
            flush();
        }
    }

    /** Public for {@code handshake} (the login) only; capability adapters do not call it. */
    public void authenticated(Authenticated authenticated) {
        this.session = authenticated;
        this.state = State.CONNECTED;
    }

    /** Public for {@code dispatch} (the message router) only; capability adapters do not call it. */
    public void markReceived(long nowNanos) {
        lastReceivedNanos = nowNanos;
    }

    /** Public for {@code dispatch} (the message router) only; capability adapters do not call it. */
    public boolean tryAcquireMessagePermit(long nowNanos) {
        return rateLimiter.tryAcquire(nowNanos);
    }

    /**
     * Backpressure: holds the thread that delivers this socket's frames until the rate allows one more message,
     * then takes the permit. While it waits the container reads nothing more from this socket, so TCP slows the
     * client down to the rate instead of the server dropping or refusing what it sent. A wait is at most one
     * interval of the rate (the bucket refills continuously); it ends early if the connection closes.
     *
     * <p>Public for {@code dispatch} (the message router) only; capability adapters do not call it.
     */
    public void awaitMessagePermit() {
        long now = System.nanoTime();
        while (!rateLimiter.tryAcquire(now)) {
            if (state == State.CLOSED) {
                return;
            }
            LockSupport.parkNanos(Math.max(10_000L, rateLimiter.nanosUntilPermit(now)));
            now = System.nanoTime();
        }
    }

    /**
     * Notes a request refused for the rate and says for how long the client has been flooding: refusals with less
     * than a second between them make one flooding spell (0 at the first refusal of a spell). A client that backs
     * off after {@code message_rate_exceeded} ends the spell; a burst of pipelined requests is over within moments.
     *
     * <p>Public for {@code dispatch} (the message router) only; capability adapters do not call it.
     */
    public long noteRefusedRequest(long nowNanos) {
        if (floodingSinceNanos == 0 || nowNanos - lastRefusalNanos > 1_000_000_000L) {
            floodingSinceNanos = nowNanos;
        }
        lastRefusalNanos = nowNanos;
        return nowNanos - floodingSinceNanos;
    }

    /**
     * Counts an invalid message; returns the count so far.
     *
     * <p>Public for {@code dispatch} and {@code transport} only; capability adapters do not call it.
     */
    public int countProtocolViolation() {
        return ++protocolViolations;
    }

    /** Encodes and sends one message. A failed send closes the socket; the caller need not handle it. */
    public void send(ConvergenceMessage message) {
        sendEncoded(message.toByteArray());
    }

    /**
     * Encodes and sends one message that reports what the session {@code originSession} did (a chat message it
     * published, say). The server's message names the user; the session is for the client's codec, since an older
     * generation may name the session instead (see {@link FrameCodec#encode(byte[], String)}).
     */
    public void send(ConvergenceMessage message, String originSession) {
        if (originSession == null) {
            send(message);
            return;
        }
        hold(message.toByteArray(), originSession);
        flush();
    }

    /**
     * Sends a message already encoded, so that a broadcast encodes once for all recipients. The buffer is not
     * modified.
     */
    public void sendEncoded(byte[] frame) {
        hold(frame);
        flush();
    }

    /**
     * Queues an encoded message without writing it: the caller (or anyone) must {@link #flush()} later. Lets one
     * commit's acknowledgements and broadcasts to this client leave in one write. The buffer is not modified.
     */
    public void hold(byte[] frame) {
        hold(frame, null);
    }

    private void hold(byte[] frame, String originSession) {
        if (state != State.CLOSED) {
            FrameCodec translate = codec;
            if (translate != null) {
                frame = originSession == null ? translate.encode(frame) : translate.encode(frame, originSession);
                if (frame == null) {
                    return; // a message the client's generation does not have (it never asked for it)
                }
            }
            outgoing.add(frame);
        }
    }

    /**
     * Writes every queued message, in order; when it returns, everything queued before the call is written (by this
     * thread or by one that flushed meanwhile). A failed write closes the socket; the caller need not handle it.
     */
    public void flush() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            synchronized (sendLock) {
                if (!outgoing.isEmpty()) {
                    writer.writeAll(outgoing);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Whatever the container throws for this socket (Tyrus: a bare RuntimeException once it is closed) fails
            // this connection only, never the model or the thread that was sending.
            LOG.log(Level.FINE, "send to {0} failed, closing: {1}", new Object[] {socketId(), e.toString()});
            close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "send failed"));
        }
    }

    /**
     * Sends a request to the client (only {@code modelAutoCreateConfigRequest} exists in the protocol). The future
     * completes with the client's reply, or exceptionally with a {@link TimeoutException} after the configured time,
     * or when the socket closes.
     */
    public CompletableFuture<ConvergenceMessage> request(ConvergenceMessage.Builder body, long timeoutNanos) {
        int requestId = nextRequestId.getAndIncrement();
        PendingRequest pending = new PendingRequest(new CompletableFuture<>(), System.nanoTime() + timeoutNanos);
        pendingRequests.put(requestId, pending);
        send(body.setRequestId(Int32Value.of(requestId)).build());
        return pending.future;
    }

    /**
     * Routes a reply from the client; false if no request with that id is outstanding.
     *
     * <p>Public for {@code dispatch} (the message router) only; capability adapters do not call it.
     */
    public boolean completeRequest(int responseId, ConvergenceMessage reply) {
        PendingRequest pending = pendingRequests.remove(responseId);
        if (pending == null) {
            return false;
        }
        pending.future.complete(reply);
        return true;
    }

    /** Called periodically by the registry: handshake timeout, heartbeat, request timeouts. */
    void checkTimers(long nowNanos, RealtimeSettings settings) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.AWAITING_HANDSHAKE
                && nowNanos - openedNanos > settings.handshakeTimeout().toNanos()) {
            close(CloseReasons.HANDSHAKE_TIMEOUT);
            return;
        }
        long lastReceived = lastReceivedNanos;
        long pingSent = pingSentNanos;
        if (pingSent != 0 && lastReceived - pingSent >= 0) {
            pingSentNanos = pingSent = 0; // something arrived after our ping: the client is alive
        }
        if (pingSent != 0) {
            if (nowNanos - pingSent > settings.pongTimeout().toNanos()) {
                close(CloseReasons.HEARTBEAT_TIMEOUT);
                return;
            }
        } else if (nowNanos - lastReceived > settings.pingInterval().toNanos()) {
            pingSentNanos = nowNanos;
            send(ConvergenceMessage.newBuilder()
                    .setPing(PingMessage.getDefaultInstance())
                    .build());
        }
        if (!pendingRequests.isEmpty()) {
            pendingRequests.forEach((id, pending) -> {
                if (nowNanos - pending.deadlineNanos > 0 && pendingRequests.remove(id, pending)) {
                    pending.future.completeExceptionally(
                            new TimeoutException("the client did not answer request " + id + " in time"));
                }
            });
        }
    }

    /** Closes the socket with a reason the client can see. Safe to call more than once, from any thread. */
    public void close(CloseReason reason) {
        if (markClosed()) {
            // Every disconnect the server forces, for the operator; at shutdown every connection goes, so quietly.
            LOG.log(reason == CloseReasons.SHUTDOWN ? Level.FINE : Level.INFO, "Closing {0}: {1} {2}", new Object[] {
                this, String.valueOf(reason.getCloseCode().getCode()), reason.getReasonPhrase()
            });
            try {
                socket.close(reason);
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "closing {0} failed: {1}", new Object[] {socketId(), e.toString()});
            }
        }
    }

    /**
     * Marks the connection closed and fails its outstanding requests; true the first time only.
     *
     * <p>Public for {@code transport} (the socket endpoint) only; capability adapters do not call it.
     */
    public boolean markClosed() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return false;
            }
            state = State.CLOSED;
        }
        pendingRequests
                .values()
                .forEach(p -> p.future.completeExceptionally(
                        new IllegalStateException("connection closed before the client answered")));
        pendingRequests.clear();
        outgoing.clear();
        return true;
    }

    @Override
    public String toString() {
        Authenticated current = session;
        return "ClientConnection[" + socketId() + " " + namespace + "/" + domainId + " from " + remoteHost
                + (current == null
                        ? ""
                        : " session " + current.sessionId() + " user "
                                + current.user().type() + ":" + current.user().username())
                + (generation == ClientGeneration.G7 ? "" : " " + generation)
                + " " + state + "]";
    }

    private record PendingRequest(CompletableFuture<ConvergenceMessage> future, long deadlineNanos) {}
}
