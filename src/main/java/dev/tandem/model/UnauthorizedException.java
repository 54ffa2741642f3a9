package dev.tandem.model;

import dev.tandem.common.Refusal;

/** The user may not do this with the model or collection (protocol code {@code unauthorized}). */
public class UnauthorizedException extends Refusal {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(Reason.UNAUTHORIZED, "unauthorized", message);
    }
}
