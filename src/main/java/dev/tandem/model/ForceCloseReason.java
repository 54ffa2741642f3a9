package dev.tandem.model;

/** Why the server closed a model for a session, with the client's reason codes. */
public enum ForceCloseReason {
    UNKNOWN(0),
    UNAUTHORIZED(1),
    /** The client emits {@code deleted} only for this code. */
    DELETED(2),
    ERROR_APPLYING_OPERATION(3),
    INVALID_REFERENCE_EVENT(4),
    PERMISSION_ERROR(5),
    UNEXPECTED_COMMITTED_VERSION(6);

    private final int code;

    ForceCloseReason(int code) {
        this.code = code;
    }

    /** The code on the wire ({@code ModelForceCloseMessage.reasonCode}). */
    public int code() {
        return code;
    }
}
