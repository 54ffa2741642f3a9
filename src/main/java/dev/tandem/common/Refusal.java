package dev.tandem.common;

import java.util.Map;

/**
 * An expected refusal of a request by any capability: something named does not exist, already exists, is invalid,
 * conflicts with the current state, or is not the caller's to do. Nothing changed; the caller is told why.
 *
 * <p>{@link #reason()} says what went wrong in domain terms; {@link #code()} refines it the way the capability's
 * clients know it (Convergence's spelling, e.g. {@code chat_not_found}), and {@link #details()} carries the data that
 * goes with it. Only {@code dev.tandem.interfaces} turns a refusal into a protocol error or an HTTP status, each in
 * one mapper. Capabilities may subclass it to keep their own finer reasons; the mappers handle this base.
 */
public class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, in domain terms. */
    public enum Reason {
        /** Something named does not exist. */
        NOT_FOUND,
        /** Something to be created exists already. */
        ALREADY_EXISTS,
        /** The request names something impossible or malformed. */
        INVALID,
        /** The request does not fit the current state (not joined, already a member...). */
        CONFLICT,
        /** The operation does not apply to this kind of thing. */
        NOT_SUPPORTED,
        /** The caller lacks the permission. */
        UNAUTHORIZED,
        /** The caller may never do this (an administrative refusal). */
        FORBIDDEN,
        /** The request goes over a configured limit. */
        LIMIT,
        /** The request ran out of its time. */
        TIMEOUT
    }

    private final Reason reason;
    private final String code;
    private final transient Map<String, Object> details;

    public Refusal(Reason reason, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.reason = reason;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public Refusal(Reason reason, String code, String message) {
        this(reason, code, message, null);
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }

    /** The capability's name for it, e.g. {@code chat_not_found}. */
    public String code() {
        return code;
    }

    /** Data that goes with the refusal (the offending field, a limit...); never {@code null}. */
    public Map<String, Object> details() {
        return details;
    }
}
