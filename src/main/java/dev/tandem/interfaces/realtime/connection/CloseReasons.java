package dev.tandem.interfaces.realtime.connection;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCode;
import jakarta.websocket.CloseReason.CloseCodes;

/**
 * Why the server closes a socket. Codes 4000-4999 are application codes, free for Tandem's own reasons.
 *
 * <p>Public for {@code transport} and {@code dispatch}, which close sockets too; capability adapters never close one.
 */
public final class CloseReasons {

    public static final CloseReason HANDSHAKE_TIMEOUT =
            new CloseReason(code(4001), "no ConnectionRequestMessage in time");
    public static final CloseReason HEARTBEAT_TIMEOUT = new CloseReason(code(4002), "no answer to ping in time");
    public static final CloseReason RATE_EXCEEDED =
            new CloseReason(CloseCodes.VIOLATED_POLICY, "message rate exceeded");
    public static final CloseReason TOO_MANY_ERRORS =
            new CloseReason(CloseCodes.PROTOCOL_ERROR, "too many invalid messages");
    public static final CloseReason DOMAIN_UNAVAILABLE = new CloseReason(code(4003), "domain not available");
    public static final CloseReason SHUTDOWN = new CloseReason(CloseCodes.GOING_AWAY, "server shutting down");
    /**
     * The node that owned one of the session's open models left the cluster: the client reconnects (to this node or
     * another) and resynchronizes every open model, which places the model on its next owner. Reconnecting is the
     * one way the protocol has to make the client resend what was not acknowledged.
     */
    public static final CloseReason MODEL_OWNER_LOST =
            new CloseReason(code(4004), "a model's node left the cluster; reconnect");

    /** An administrator ended the session (the console's sessions page). */
    public static final CloseReason DISCONNECTED_BY_ADMIN =
            new CloseReason(code(4005), "session disconnected by an administrator");

    private CloseReasons() {}

    public static CloseReason frameTooBig(int limit) {
        return new CloseReason(CloseCodes.TOO_BIG, "frame larger than " + limit + " bytes");
    }

    private static CloseCode code(int value) {
        return CloseCodes.getCloseCode(value);
    }
}
