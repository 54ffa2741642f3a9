package dev.tandem.chat;

/** An expected refusal of a chat request; {@link #reason()} says which, the message says why. */
public class ChatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused; each maps to one protocol error code (Convergence's spelling). */
    public enum Reason {
        NOT_FOUND("chat_not_found"),
        NOT_JOINED("chat_not_joined"),
        ALREADY_JOINED("chat_already_joined"),
        ALREADY_MEMBER("chat_already_a_member"),
        NOT_A_MEMBER("not_a_member"),
        CANT_REMOVE_SELF("cant_remove_self"),
        ALREADY_EXISTS("chat_already_exists"),
        /** The operation does not apply to this kind of chat (joining a direct chat, adding a user to a room...). */
        NOT_SUPPORTED("not_supported"),
        UNAUTHORIZED("unauthorized"),
        USER_NOT_FOUND("user_not_found"),
        INVALID("malformed_request_content");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public ChatException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
