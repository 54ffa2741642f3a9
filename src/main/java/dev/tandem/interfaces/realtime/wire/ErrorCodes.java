package dev.tandem.interfaces.realtime.wire;

/**
 * Error codes sent in {@code ErrorMessage.code}. The protocol-level ones are Convergence's own, so clients written
 * against Convergence see what they expect.
 */
public final class ErrorCodes {

    /** The frame could not be decoded, or the message is not valid in this direction or state. */
    public static final String INVALID_MESSAGE = "invalid_message";
    /** The message decoded but its content is not acceptable (missing or malformed fields). */
    public static final String MALFORMED_REQUEST_CONTENT = "malformed_request_content";
    /** A valid client message that this server does not handle. */
    public static final String NOT_SUPPORTED = "not_supported";
    /** An unexpected failure on the server; details are in the server log, never in the reply. */
    public static final String UNKNOWN = "unknown";
    /** The connection sends faster than its configured message rate. */
    public static final String MESSAGE_RATE_EXCEEDED = "message_rate_exceeded";
    /** A model query that does not parse or breaks a limit; {@code details.index} is the 0-based position. */
    public static final String INVALID_QUERY = "invalid_query";
    /** A model query that ran past {@code tandem.model.query.timeout-millis} and was stopped. */
    public static final String QUERY_TIMEOUT = "query_timeout";
    /** A model query refused because too many are running or waiting (on the connection or the server). */
    public static final String QUERY_BUSY = "query_busy";

    private ErrorCodes() {}
}
