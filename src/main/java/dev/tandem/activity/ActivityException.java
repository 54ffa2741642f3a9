package dev.tandem.activity;

/** An expected refusal of an activity request; {@link #reason()} says which, the message says why. */
public class ActivityException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused; each maps to one protocol error code. */
    public enum Reason {
        /** No such activity (and no auto-create data to make it). */
        NOT_FOUND("activity_not_found"),
        /** The session is not a participant of the activity. */
        NOT_JOINED("activity_not_joined"),
        /** Creating an activity that exists. */
        ALREADY_EXISTS("activity_already_exists"),
        /** The user lacks the permission. */
        UNAUTHORIZED("unauthorized"),
        /** The request names something impossible (an unknown permission, too much state...). */
        INVALID("malformed_request_content");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The protocol error code. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public ActivityException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
