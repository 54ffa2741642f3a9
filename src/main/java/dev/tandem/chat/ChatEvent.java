package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One numbered event of a chat.
 *
 * @param user    who caused it
 * @param target  the user added or removed; {@code null} otherwise
 * @param text    the message, the new name or the new topic; for {@code CREATED} the name
 * @param topic   for {@code CREATED}: the topic; {@code null} otherwise
 * @param members for {@code CREATED}: the initial members; empty otherwise
 */
public record ChatEvent(
        String chatId,
        long number,
        ChatEventType type,
        DomainUserId user,
        Instant timestamp,
        DomainUserId target,
        String text,
        String topic,
        List<DomainUserId> members) {

    public ChatEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(user, "user");
        members = List.copyOf(members);
    }

    /** Every user the event names (the client must know them before it arrives). */
    public List<DomainUserId> usersNamed() {
        List<DomainUserId> named = new ArrayList<>();
        named.add(user);
        if (target != null) {
            named.add(target);
        }
        named.addAll(members);
        return named;
    }
}
