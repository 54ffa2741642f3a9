package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import java.util.Set;

/**
 * Something every connected session of {@code users} and every session in {@code sessions} must be told about one
 * chat of one domain: a numbered {@link ChatEvent}, a seen marker or the chat's removal.
 */
public record ChatDelivery(
        String namespace,
        String domainId,
        String chatId,
        Payload payload,
        Set<DomainUserId> users,
        Set<String> sessions) {

    public ChatDelivery {
        users = Set.copyOf(users);
        sessions = Set.copyOf(sessions);
    }

    /** What is delivered. */
    public sealed interface Payload permits Event, Seen, Removed {}

    /**
     * A numbered event, and the session that caused it ({@code null} if none did). The stored event names its user
     * only; the session goes with the delivery because a client may tell its own session's events from its user's
     * other sessions' (the older clients name a message's sender by session).
     */
    public record Event(ChatEvent event, String session) implements Payload {}

    /** {@code user} has seen the chat's events up to {@code eventNumber}. */
    public record Seen(DomainUserId user, long eventNumber) implements Payload {}

    /** The chat was removed. */
    public record Removed() implements Payload {}
}
