package dev.tandem.chat;

import java.time.Instant;
import java.util.List;

/**
 * A chat as its members see it.
 *
 * @param lastEventNumber the number of its newest event (0 is its creation)
 * @param members         channels and direct chats: the stored members; rooms: the users of the joined sessions
 */
public record ChatInfo(
        String id,
        ChatType type,
        ChatMembership membership,
        String name,
        String topic,
        Instant created,
        long lastEventNumber,
        Instant lastEventTime,
        List<ChatMember> members) {

    public ChatInfo {
        members = List.copyOf(members);
    }
}
