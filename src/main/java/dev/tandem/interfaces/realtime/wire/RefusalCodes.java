package dev.tandem.interfaces.realtime.wire;

import dev.tandem.common.Refusal;

/**
 * The realtime side's one mapping of a capability's {@link Refusal} to the protocol error code the client sees: the
 * refusal's own code where the capability names one ({@code chat_not_found}, {@code activity_not_joined}...), else
 * the protocol's general code for its reason. The router applies it to every refusal a handler lets through.
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
}
