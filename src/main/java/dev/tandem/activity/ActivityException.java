package dev.tandem.activity;

import dev.tandem.common.Refusal;
import java.util.Map;

/** An expected refusal of an activity request; {@link #activityReason()} says which, the message says why. */
public class ActivityException extends Refusal {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused; each refines one {@link Refusal.Reason} with its protocol code. */
    public enum Reason {
        /** No such activity (and no auto-create data to make it). */
        NOT_FOUND(Refusal.Reason.NOT_FOUND, "activity_not_found"),
        /** The session is not a participant of the activity. */
        NOT_JOINED(Refusal.Reason.CONFLICT, "activity_not_joined"),
        /** Creating an activity that exists. */
        ALREADY_EXISTS(Refusal.Reason.ALREADY_EXISTS, "activity_already_exists"),
        /** The user lacks the permission. */
        UNAUTHORIZED(Refusal.Reason.UNAUTHORIZED, "unauthorized"),
        /** The request names something impossible (an unknown permission, too much state...). */
        INVALID(Refusal.Reason.INVALID, "malformed_request_content");

        private final Refusal.Reason refusal;
        private final String code;

        Reason(Refusal.Reason refusal, String code) {
            this.refusal = refusal;
            this.code = code;
        }

        /** The protocol error code. */
        public String code() {
            return code;
        }
    }

    private final Reason activityReason;

    public ActivityException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A refusal with details: which activity was not found or exists already. */
    public ActivityException(Reason reason, String message, Map<String, Object> details) {
        super(reason.refusal, reason.code, message, details);
        this.activityReason = reason;
    }

    /** The activity's own reason, finer than {@link #reason()}. */
    public Reason activityReason() {
        return activityReason;
    }
}
