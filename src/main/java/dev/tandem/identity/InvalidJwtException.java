package dev.tandem.identity;

/**
 * A JWT that must not log anyone in; the message says why (for the log and the login's failure details).
 *
 * <p>Internal to the JWT login step, on purpose not a {@link dev.tandem.common.Refusal}: it never leaves this package.
 * {@link JwtVerifier} raises it and {@link AuthenticationService} turns it, like every other failed login, into an
 * {@link AuthenticationResult.Rejected} {@code authentication_failed}. A refusal would let it escape to a delivery
 * channel's mapper, where a login has no business (a refused login is an answer of the handshake, not an error).
 */
class InvalidJwtException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidJwtException(String reason) {
        super(reason);
    }

    InvalidJwtException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
