package dev.tandem.interfaces.realtime.wire;

import com.google.protobuf.Value;
import dev.tandem.common.Refusal;
import java.util.Map;

/**
 * The realtime side's one mapping of a capability's {@link Refusal} to the protocol error the client sees: the
 * refusal's own code where the capability names one ({@code chat_not_found}, {@code activity_not_joined},
 * {@code user_not_found}, {@code query_busy}...), else the protocol's general code for its reason; and the details
 * the protocol defines for that code. The router applies it to every refusal a handler lets through, and so does
 * every adapter that answers a refusal later ({@code openFailed}, a query that timed out).
 */
public final class RefusalCodes {

    private RefusalCodes() {}

    /** The protocol error code for {@code refusal}. */
    public static String code(Refusal refusal) {
        if (refusal.code() != null) {
            return refusal.code();
        }
        return switch (refusal.reason()) {
            case UNAUTHORIZED, FORBIDDEN -> "unauthorized";
            case NOT_SUPPORTED -> ErrorCodes.NOT_SUPPORTED;
            case TIMEOUT -> ErrorCodes.QUERY_TIMEOUT;
            case NOT_FOUND, ALREADY_EXISTS, INVALID, CONFLICT, LIMIT -> ErrorCodes.MALFORMED_REQUEST_CONTENT;
        };
    }

    /**
     * The {@code ErrorMessage.details} for {@code refusal}: only what the protocol defines, so that nothing the client
     * does not know reaches it. Today that is {@code index} of {@link ErrorCodes#INVALID_QUERY} (the 0-based position
     * of the problem, which the client shows); every other refusal goes out without details.
     */
    public static Map<String, Value> details(Refusal refusal) {
        if (ErrorCodes.INVALID_QUERY.equals(code(refusal))
                && refusal.details().get("position") instanceof Number position) {
            return Map.of(
                    "index",
                    Value.newBuilder().setNumberValue(position.doubleValue()).build());
        }
        return Map.of();
    }
}
