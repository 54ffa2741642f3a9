package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable chat state, shared by every node: chats, members with their seen markers, numbered events and
 * permissions. {@link JdbcChatStore} keeps it in the database; a failure is a
 * {@link dev.tandem.persistence.StoreException}.
 *
 * <p>Event numbers increase by one per event of a chat, without gaps, whichever node appends: the implementation
 * must make concurrent appends to one chat queue behind each other.
 */
public interface ChatStore {

    /** A stored chat: its row, without members. {@code ref} is the row id. */
    record StoredChat(
            String ref,
            String id,
            ChatType type,
            ChatMembership membership,
            String name,
            String topic,
            Instant created,
            long lastEventNumber,
            Instant lastEventTime,
            ChatPermissions permissions) {}

    /** What a new chat is made of. {@code directKey} is set for direct chats only. */
    record NewChat(
            String id,
            ChatType type,
            ChatMembership membership,
            String name,
            String topic,
            List<DomainUserId> members,
            DomainUserId creator,
            String directKey,
            ChatPermissions permissions) {}

    /** A page of history: the events and how many match in all. */
    record HistoryPage(List<ChatEvent> events, long total) {}

    /**
     * Stores a new chat with its members and its {@code created} event (number 0).
     *
     * @return empty if the domain has a chat with that id (or, for a direct chat, with those members)
     */
    Optional<StoredChat> create(String domainRef, NewChat chat, Instant now);

    /** The chat with that id. */
    Optional<StoredChat> find(String domainRef, String chatId);

    /** The direct chat of exactly the users that {@code directKey} was made from. */
    Optional<StoredChat> findDirect(String domainRef, String directKey);

    /** The stored members, ordered by user. */
    List<ChatMember> members(String chatRef);

    /** The ids of the chats (channels and direct) the user is a stored member of. */
    List<String> chatsOf(String domainRef, DomainUserId user);

    /**
     * Appends an event and applies what it changes (name, topic, membership) in one transaction.
     *
     * @param draft the event; its number and time are assigned here
     * @return the stored event
     */
    ChatEvent append(String domainRef, StoredChat chat, ChatEvent draft, Instant now);

    /** Raises the member's seen marker to {@code eventNumber} (never lowers it); false if not a stored member. */
    boolean markSeen(String chatRef, DomainUserId user, long eventNumber);

    /** Deletes the chat with everything it holds. */
    void delete(String chatRef);

    /** Replaces the chat's permissions. */
    void setPermissions(String domainRef, String chatRef, ChatPermissions permissions);

    /**
     * A page of the chat's events of the given types (all if empty): forward from {@code start} (ascending numbers
     * from it) or backward (descending numbers from it), skipping {@code offset} and returning at most
     * {@code limit}; {@code total} counts every event on that side of {@code start}.
     *
     * @param text keeps only events whose text (message, name or topic) contains it ignoring case; {@code null}
     *     keeps all
     */
    HistoryPage history(
            StoredChat chat,
            Set<ChatEventType> types,
            String text,
            long start,
            boolean forward,
            long offset,
            int limit);

    /**
     * Chats whose id, name or topic (as {@code fields} say; name and topic if empty) contain {@code term} ignoring
     * case, of the given types (all if empty) and membership (any if {@code null}), visible to {@code user} (public,
     * or the user is a member; everything for a domain administrator), ordered by id. Unpaged: the caller pages.
     */
    List<StoredChat> search(
            String domainRef,
            DomainUserId user,
            String term,
            Collection<String> fields,
            Set<ChatType> types,
            ChatMembership membership);
}
