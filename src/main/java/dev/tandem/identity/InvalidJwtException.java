package dev.tandem.identity;

/** A JWT that must not log anyone in; the message says why (for logs, not for clients). */
public class InvalidJwtException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidJwtException(String reason) {
        super(reason);
    }

    public InvalidJwtException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
