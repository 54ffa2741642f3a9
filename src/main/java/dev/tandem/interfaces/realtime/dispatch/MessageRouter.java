package dev.tandem.interfaces.realtime.dispatch;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import dev.tandem.common.Refusal;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.CloseReasons;
import dev.tandem.interfaces.realtime.connection.RealtimeSettings;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry.Entry;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry.Kind;
import dev.tandem.interfaces.realtime.generation.ClientGeneration;
import dev.tandem.interfaces.realtime.generation.FrameCodec;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.core.PongMessage;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.RefusalCodes;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decodes each frame, applies the envelope rules and the connection's state and limits, and dispatches to the
 * registered {@link MessageHandler}.
 *
 * <p>Every bad input gets an answer: a request gets an {@code ErrorMessage} reply, anything else an
 * {@code ErrorMessage} without {@code responseId}; a connection that keeps misbehaving is closed with a reason. No
 * client input produces a stack trace at SEVERE or stops the server serving others.
 */
@ApplicationScoped
public class MessageRouter {

    private static final Logger LOG = Logger.getLogger(MessageRouter.class.getName());
    private static final byte[] PONG = ConvergenceMessage.newBuilder()
            .setPong(PongMessage.getDefaultInstance())
            .build()
            .toByteArray();

    @Inject
    @Any
    Instance<HandlerRegistration> registrations;

    @Inject
    RealtimeSettings settings;

    @Inject
    RealtimeMetrics metrics;

    private final HandlerRegistry handlers = new HandlerRegistry();
    // Read per frame: kept here rather than asked of the settings bean through its proxy each time.
    private int maxFrameBytes;
    private long floodGraceNanos;
    private FrameSink direct;

    @PostConstruct
    void collectHandlers() {
        maxFrameBytes = settings.maxFrameBytes();
        floodGraceNanos = settings.floodGraceSeconds() * 1_000_000_000L;
        direct = this::onFrame;
        for (HandlerRegistration registration : registrations) {
            registration.register(handlers);
        }
    }

    /** What the endpoint calls per frame. */
    @FunctionalInterface
    public interface FrameSink {
        void onFrame(ClientConnection connection, ByteBuffer frame);
    }

    /**
     * {@link #onFrame} bound to this bean itself rather than to its CDI client proxy, for the endpoint to call per frame
     * without the proxy's context lookup and interception bookkeeping. A method returning {@code this} does not do:
     * called through the proxy it gave back the proxy (profiles still showed the proxy per frame). A method reference
     * bound in {@code @PostConstruct}, which runs on the bean instance, does. The router is application-scoped and has no interceptors, so this stays valid for every socket.
     */
    public FrameSink direct() {
        return direct;
    }

    /** Processes one binary frame of a connection. */
    public void onFrame(ClientConnection connection, ByteBuffer frame) {
        if (connection.state() == ClientConnection.State.CLOSED) {
            return;
        }
        long now = System.nanoTime();
        connection.markReceived(now);
        if (frame.remaining() > maxFrameBytes) {
            LOG.log(Level.INFO, "closing {0}: frame of {1} bytes", new Object[] {connection, frame.remaining()});
            connection.close(CloseReasons.frameTooBig(maxFrameBytes));
            return;
        }

        ConvergenceMessage message;
        try {
            FrameCodec codec = connection.codec();
            if (codec == null && connection.state() == ClientConnection.State.AWAITING_HANDSHAKE) {
                // The first frame names the client's generation (dev.tandem.interfaces.realtime.generation); from
                // then on its frames, this one included, are translated.
                ClientGeneration generation = ClientGeneration.ofFirstFrame(frame);
                if (generation != null && generation != ClientGeneration.G7) {
                    connection.useGeneration(generation);
                    codec = connection.codec();
                }
            }
            message = codec == null ? ConvergenceMessage.parseFrom(frame) : codec.decode(frame);
        } catch (InvalidProtocolBufferException e) {
            violation(
                    connection,
                    null,
                    ErrorCodes.INVALID_MESSAGE,
                    "the frame is not a ConvergenceMessage: " + e.getMessage());
            return;
        }

        if (message == null) {
            return; // the codec answered it: an old client's message the server has no counterpart of
        }
        if (message.hasRequestId()) {
            if (!connection.tryAcquireMessagePermit(now)) {
                refuseForRate(connection, message, now);
                return;
            }
        } else if (!connection.tryAcquireMessagePermit(now)) {
            // Operations and reference moves cannot be refused without desynchronizing the client, and the real
            // client has no throttle of its own: slow the socket down to the rate instead.
            connection.awaitMessagePermit();
            if (connection.state() == ClientConnection.State.CLOSED) {
                return;
            }
        }

        BodyCase body = message.getBodyCase();
        if (body == BodyCase.PING) {
            connection.sendEncoded(PONG);
            return;
        }
        if (body == BodyCase.PONG) {
            return; // receiving it already reset the heartbeat
        }
        if (message.hasRequestId() && message.hasResponseId()) {
            violation(
                    connection,
                    message,
                    ErrorCodes.INVALID_MESSAGE,
                    "a message is either a request or a response, not both");
            return;
        }
        if (message.hasResponseId()) {
            int responseId = message.getResponseId().getValue();
            if (!connection.completeRequest(responseId, message)) {
                violation(
                        connection,
                        null,
                        ErrorCodes.INVALID_MESSAGE,
                        "response " + responseId + " answers no request of the server");
            }
            return;
        }
        if (body == BodyCase.BODY_NOT_SET) {
            violation(
                    connection,
                    message,
                    ErrorCodes.NOT_SUPPORTED,
                    "the message has no body this server knows (a newer protocol?)");
            return;
        }
        if (!ClientMessageKinds.isSentByClient(body)) {
            violation(
                    connection,
                    message,
                    ErrorCodes.INVALID_MESSAGE,
                    body + " is sent by the server, not by the client");
            return;
        }
        boolean handshake = body == BodyCase.CONNECTIONREQUEST;
        if (connection.state() == ClientConnection.State.AWAITING_HANDSHAKE && !handshake) {
            violation(
                    connection,
                    message,
                    ErrorCodes.INVALID_MESSAGE,
                    "the connection is not authenticated: send a ConnectionRequestMessage first");
            return;
        }
        if (connection.state() == ClientConnection.State.CONNECTED && handshake) {
            violation(connection, message, ErrorCodes.INVALID_MESSAGE, "the connection is already authenticated");
            return;
        }
        Entry entry = handlers.get(body);
        if (entry == null) {
            violation(connection, message, ErrorCodes.NOT_SUPPORTED, body + " is not supported by this server");
            return;
        }
        Kind kind = message.hasRequestId() ? Kind.REQUEST : Kind.NORMAL;
        if (entry.kind() != kind) {
            violation(
                    connection,
                    message,
                    ErrorCodes.INVALID_MESSAGE,
                    body
                            + (entry.kind() == Kind.REQUEST
                                    ? " must be sent as a request"
                                    : " must not be sent as a request"));
            return;
        }
        dispatch(connection, message, entry.handler());
    }

    private void dispatch(ClientConnection connection, ConvergenceMessage message, MessageHandler handler) {
        IncomingMessage incoming = new IncomingMessage(connection, message);
        try {
            handler.handle(connection, incoming);
        } catch (ProtocolException e) {
            refused(connection, incoming, e.code(), e.getMessage(), Map.of());
        } catch (Refusal e) {
            refused(connection, incoming, RefusalCodes.code(e), e.getMessage(), RefusalCodes.details(e));
        } catch (RuntimeException e) {
            String refusal = databaseRefusal(e);
            if (refusal != null) {
                // The database refuses the client's text: the NUL character (U+0000), which PostgreSQL does not
                // store, or a value longer than its column. The client's input, not a server fault; found by the
                // fuzzer (each such request logged a stack trace and got "unknown").
                LOG.log(Level.FINE, "{0} from {1} refused by the database: {2}", new Object[] {
                    message.getBodyCase(), connection, e.toString()
                });
                answerError(connection, incoming, ErrorCodes.MALFORMED_REQUEST_CONTENT, refusal);
                return;
            }
            // A server bug, not the client's fault: log it fully, answer without internals.
            LOG.log(Level.WARNING, "handling " + message.getBodyCase() + " from " + connection + " failed", e);
            answerError(connection, incoming, ErrorCodes.UNKNOWN, "the server could not process the message");
        }
    }

    /**
     * What to tell a client whose text the database refused, or {@code null} when {@code failure} is something else:
     * SQL states 22021 (a byte sequence invalid in the encoding, PostgreSQL's answer to U+0000), 22P05 (a character
     * it cannot represent) and 22001 (a value longer than its column: ids and names hold at most 255 characters).
     */
    public static String databaseRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "22021", "22P05" -> {
                        return "text may not contain the NUL character (U+0000)";
                    }
                    case "22001" -> {
                        return "a value is longer than the server stores (ids and names: 255 characters)";
                    }
                    default -> {
                        // look further down the chain
                    }
                }
            }
        }
        return null;
    }

    /** An expected refusal: logged briefly, answered with its code and the details the protocol defines for it. */
    private void refused(
            ClientConnection connection,
            IncomingMessage incoming,
            String code,
            String text,
            Map<String, Value> details) {
        LOG.log(Level.INFO, "{0}: {1} refused: {2}: {3}", new Object[] {
            connection, incoming.message().getBodyCase(), code, text
        });
        answerError(connection, incoming, code, text, details);
    }

    private void answerError(ClientConnection connection, IncomingMessage incoming, String code, String text) {
        answerError(connection, incoming, code, text, Map.of());
    }

    private void answerError(
            ClientConnection connection,
            IncomingMessage incoming,
            String code,
            String text,
            Map<String, Value> details) {
        metrics.error();
        if (incoming.isRequest() && incoming.isAnswered()) {
            return; // the handler already replied; the client would ignore a second reply anyway
        }
        incoming.replyError(code, text, details);
    }

    private void refuseForRate(ClientConnection connection, ConvergenceMessage message, long now) {
        // The request fails visibly and nothing was applied, so nothing is lost; the client may retry later.
        metrics.error();
        String text = "more than " + settings.maxMessagesPerSecond() + " messages per second";
        connection.send(
                IncomingMessage.errorReplyTo(message.getRequestId().getValue(), ErrorCodes.MESSAGE_RATE_EXCEEDED, text)
                        .build());
        long floodingNanos = connection.noteRefusedRequest(now);
        if (floodingNanos == 0) {
            LOG.log(Level.INFO, "{0}: refusing requests, message rate exceeded", connection);
        }
        if (floodingNanos >= floodGraceNanos) {
            // It ignores the errors and keeps flooding: the one case left where the server gives up on a client.
            LOG.log(Level.WARNING, "{0}: message rate exceeded for {1} s despite message_rate_exceeded", new Object[] {
                connection, settings.floodGraceSeconds()
            });
            connection.send(IncomingMessage.errorMessage(
                            ErrorCodes.MESSAGE_RATE_EXCEEDED,
                            text + " for " + settings.floodGraceSeconds() + " s despite message_rate_exceeded: closing")
                    .build());
            connection.close(CloseReasons.RATE_EXCEEDED);
        }
    }

    private void violation(ClientConnection connection, ConvergenceMessage message, String code, String text) {
        LOG.log(Level.FINE, "invalid message from {0}: {1}", new Object[] {connection, text});
        metrics.error();
        if (message != null && message.hasRequestId()) {
            connection.send(IncomingMessage.errorReplyTo(message.getRequestId().getValue(), code, text)
                    .build());
        } else {
            connection.send(IncomingMessage.errorMessage(code, text).build());
        }
        if (connection.countProtocolViolation() >= settings.maxProtocolViolations()) {
            LOG.log(Level.INFO, "closing {0}: too many invalid messages", connection);
            connection.close(CloseReasons.TOO_MANY_ERRORS);
        }
    }
}
