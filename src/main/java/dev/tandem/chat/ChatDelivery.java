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

    /** A numbered event. */
    public record Event(ChatEvent event) implements Payload {}

    /** {@code user} has seen the chat's events up to {@code eventNumber}. */
    public record Seen(DomainUserId user, long eventNumber) implements Payload {}

    /** The chat was removed. */
    public record Removed() implements Payload {}
}
