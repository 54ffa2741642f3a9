package dev.tandem.interfaces.realtime.wire;

/**
 * A request the server refuses with a protocol {@code ErrorMessage}. Handlers throw it for expected failures
 * ({@code model_not_found}, {@code unauthorized}, ...); the router turns it into the reply.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public ProtocolException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The protocol error code, e.g. {@code model_not_found}. */
    public String code() {
        return code;
    }
}
