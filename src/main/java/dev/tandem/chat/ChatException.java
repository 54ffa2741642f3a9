package dev.tandem.chat;

import dev.tandem.common.Refusal;
import java.util.Map;

/** An expected refusal of a chat request; {@link #chatReason()} says which, the message says why. */
public class ChatException extends Refusal {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused; each refines one {@link Refusal.Reason} with its code (Convergence's spelling). */
    public enum Reason {
        NOT_FOUND(Refusal.Reason.NOT_FOUND, "chat_not_found"),
        NOT_JOINED(Refusal.Reason.CONFLICT, "chat_not_joined"),
        ALREADY_JOINED(Refusal.Reason.CONFLICT, "chat_already_joined"),
        ALREADY_MEMBER(Refusal.Reason.CONFLICT, "chat_already_a_member"),
        NOT_A_MEMBER(Refusal.Reason.CONFLICT, "not_a_member"),
        CANT_REMOVE_SELF(Refusal.Reason.CONFLICT, "cant_remove_self"),
        ALREADY_EXISTS(Refusal.Reason.ALREADY_EXISTS, "chat_already_exists"),
        /** The operation does not apply to this kind of chat (joining a direct chat, adding a user to a room...). */
        NOT_SUPPORTED(Refusal.Reason.NOT_SUPPORTED, "not_supported"),
        UNAUTHORIZED(Refusal.Reason.UNAUTHORIZED, "unauthorized"),
        USER_NOT_FOUND(Refusal.Reason.NOT_FOUND, "user_not_found"),
        INVALID(Refusal.Reason.INVALID, "malformed_request_content");

        private final Refusal.Reason refusal;
        private final String code;

        Reason(Refusal.Reason refusal, String code) {
            this.refusal = refusal;
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason chatReason;

    public ChatException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A refusal with details: what was not found or exists already ({@code chat}, {@code user}...). */
    public ChatException(Reason reason, String message, Map<String, Object> details) {
        super(reason.refusal, reason.code, message, details);
        this.chatReason = reason;
    }

    /** The chat's own reason, finer than {@link #reason()}. */
    public Reason chatReason() {
        return chatReason;
    }
}
