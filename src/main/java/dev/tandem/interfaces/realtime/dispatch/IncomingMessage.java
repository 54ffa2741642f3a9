package dev.tandem.interfaces.realtime.dispatch;

import com.google.protobuf.Int32Value;
import com.google.protobuf.Value;
import dev.tandem.common.Refusal;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.core.ErrorMessage;
import dev.tandem.interfaces.realtime.proto.core.OkResponse;
import dev.tandem.interfaces.realtime.wire.RefusalCodes;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A decoded client message, with the means to answer it exactly once if it is a request. */
public final class IncomingMessage {

    private final ClientConnection connection;
    private final ConvergenceMessage message;
    private final AtomicBoolean answered = new AtomicBoolean();

    IncomingMessage(ClientConnection connection, ConvergenceMessage message) {
        this.connection = connection;
        this.message = message;
    }

    /** The whole envelope. */
    public ConvergenceMessage message() {
        return message;
    }

    /** True if the client expects a reply. */
    public boolean isRequest() {
        return message.hasRequestId();
    }

    /**
     * Answers the request with the given body. The {@code responseId} is set here and {@code requestId} never is:
     * the client would take a reply carrying a {@code requestId} for a request from the server.
     */
    public void reply(ConvergenceMessage.Builder body) {
        if (!isRequest()) {
            throw new IllegalStateException("a normal message has nobody waiting for a reply");
        }
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("request " + message.getRequestId().getValue() + " answered twice");
        }
        // Only the id: the request's Int32Value keeps whatever unknown fields the client put in it, and echoing them
        // sent client-made bytes back in the reply (a fuzzed request got a reply its client could not decode).
        connection.send(body.clearRequestId()
                .setResponseId(Int32Value.of(message.getRequestId().getValue()))
                .build());
    }

    /** Answers with {@code OkResponse}. */
    public void replyOk() {
        reply(ConvergenceMessage.newBuilder().setOk(OkResponse.getDefaultInstance()));
    }

    /**
     * Answers with an {@code ErrorMessage}: as the reply of a request, or as a normal message when the client sent
     * a normal message (the client only logs those).
     */
    public void replyError(String code, String text) {
        replyError(code, text, Map.of());
    }

    /** Answers with the error the one mapping ({@link RefusalCodes}) gives a capability's refusal. */
    public void refuse(Refusal refusal) {
        replyError(RefusalCodes.code(refusal), refusal.getMessage(), RefusalCodes.details(refusal));
    }

    void replyError(String code, String text, Map<String, Value> details) {
        ConvergenceMessage.Builder error = errorMessage(code, text);
        error.getErrorBuilder().putAllDetails(details);
        if (isRequest()) {
            reply(error);
        } else {
            connection.send(error.build());
        }
    }

    boolean isAnswered() {
        return answered.get();
    }

    /**
     * An {@code ErrorMessage} envelope. Public for {@code transport}, which answers a frame that cannot be decoded;
     * handlers answer through {@link #replyError}.
     */
    public static ConvergenceMessage.Builder errorMessage(String code, String text) {
        return ConvergenceMessage.newBuilder()
                .setError(ErrorMessage.newBuilder().setCode(code).setMessage(text == null ? "" : text));
    }

    static ConvergenceMessage.Builder errorReplyTo(int requestId, String code, String text) {
        return errorMessage(code, text).setResponseId(Int32Value.of(requestId));
    }
}
