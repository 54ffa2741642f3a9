package dev.tandem.model;

/** The user may not do this with the model or collection (protocol code {@code unauthorized}). */
public class UnauthorizedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(message);
    }
}
