package dev.tandem.interfaces.rest;

/** A request parameter out of range, found by a resource: 400 {@code invalid_value} naming the field. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
