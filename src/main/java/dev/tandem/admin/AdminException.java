package dev.tandem.admin;

import java.util.Map;

/**
 * An expected refusal of an administrative request: something named does not exist, would be a duplicate, is
 * invalid, conflicts with the current state, or is not the caller's to do. The REST boundary turns each {@link Kind}
 * into a status code and Convergence's error envelope.
 */
public class AdminException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Kind {
        NOT_FOUND,
        DUPLICATE,
        INVALID,
        CONFLICT,
        FORBIDDEN
    }

    private final Kind kind;
    private final String code;
    private final transient Map<String, Object> details;

    public AdminException(Kind kind, String code, String message, Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AdminException notFound(String what, String id) {
        return new AdminException(Kind.NOT_FOUND, "not_found", what + " '" + id + "' does not exist",
                Map.of(what.replace(' ', '_'), id));
    }

    public static AdminException duplicate(String field, String value) {
        return new AdminException(Kind.DUPLICATE, "duplicate", "'" + value + "' is already taken",
                Map.of("field", field));
    }

    public static AdminException invalid(String field, String message) {
        return new AdminException(Kind.INVALID, "invalid_value", message, Map.of("field", field));
    }

    public static AdminException conflict(String code, String message) {
        return new AdminException(Kind.CONFLICT, code, message, null);
    }

    public static AdminException forbidden(String message) {
        return new AdminException(Kind.FORBIDDEN, "forbidden", message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
