package dev.tandem.admin;

import dev.tandem.common.Refusal;
import java.util.Map;

/**
 * An expected refusal of an administrative request: something named does not exist, would be a duplicate, is
 * invalid, conflicts with the current state, or is not the caller's to do. A {@link Refusal} whose code is the admin
 * API's {@code error_code}; the REST boundary turns its reason into the status.
 */
public class AdminException extends Refusal {

    private static final long serialVersionUID = 1L;

    /** Why the request was refused; each is one {@link Refusal.Reason}. */
    public enum Kind {
        NOT_FOUND(Reason.NOT_FOUND),
        DUPLICATE(Reason.ALREADY_EXISTS),
        INVALID(Reason.INVALID),
        CONFLICT(Reason.CONFLICT),
        FORBIDDEN(Reason.FORBIDDEN);

        private final Reason reason;

        Kind(Reason reason) {
            this.reason = reason;
        }
    }

    public AdminException(Kind kind, String code, String message, Map<String, Object> details) {
        super(kind.reason, code, message, details);
    }

    public static AdminException notFound(String what, String id) {
        return new AdminException(
                Kind.NOT_FOUND, "not_found", what + " '" + id + "' does not exist", Map.of(what.replace(' ', '_'), id));
    }

    public static AdminException duplicate(String field, String value) {
        return new AdminException(
                Kind.DUPLICATE, "duplicate", "'" + value + "' is already taken", Map.of("field", field));
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
}
