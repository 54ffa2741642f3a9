package dev.tandem.chat;

import static dev.tandem.chat.ChatChanges.draft;

import dev.tandem.chat.ChatException.Reason;
import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.chat.ChatStore.NewChat;
import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.identity.DomainUserId;
import dev.tandem.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Chat for the realtime side: channels, rooms and direct chats are created, found, removed, named and written to
 * here. Who is in a chat is {@link ChatMembers}' business, reading chats and history {@link ChatQueries}', and a
 * chat's permission entries {@link ChatPermissionService}'s; the admin API goes through {@link ChatAdministration}.
 *
 * <ul>
 *   <li>Membership: a channel's or direct chat's members are stored; a room's are the sessions joined to it
 *       ({@link ChatRooms}). Publishing, naming, marking seen and reading history need membership
 *       ({@code chat_not_joined}); a direct chat's members are fixed.</li>
 *   <li>Permissions ({@link ChatPermissions}): the creator gets every permission on the chat; removing the chat,
 *       naming it and setting its topic need theirs.</li>
 *   <li>Visibility ({@link ChatAccess}): a chat the user may not see is refused with {@code chat_not_found}, as if
 *       it did not exist.</li>
 *   <li>Every change of a chat is committed and then handed to the {@link ChatDeliverySink} while this node holds
 *       the chat's lock ({@link ChatChanges}), so members see each chat's events in number order.</li>
 * </ul>
 * Refusals are {@link ChatException}s and store nothing.
 */
@ApplicationScoped
public class ChatService {

    public static final int MAX_ID_LENGTH = 255;
    public static final int MAX_NAME_LENGTH = 1024;
    public static final int MAX_MESSAGE_LENGTH = 65536;
    public static final int MAX_MEMBERS = 1000;
    public static final int MAX_HISTORY_PAGE = 1000;
    public static final int DEFAULT_PAGE = 50;

    @Inject
    ChatStore store;

    @Inject
    ChatAccess access;

    @Inject
    ChatChanges changes;

    /**
     * Creates a channel or room (everyone may: the domain-wide {@code create_chat_channel} is granted to all here);
     * its creator gets every permission on it. Rooms are public and start without members.
     *
     * @param id the chat id, or {@code null} to generate one
     * @return the chat id
     * @throws ChatException {@code ALREADY_EXISTS}; {@code INVALID}; {@code USER_NOT_FOUND} for unknown members
     */
    public String create(
            ChatSession session,
            String id,
            ChatType type,
            ChatMembership membership,
            String name,
            String topic,
            Collection<DomainUserId> members)
            throws ChatException {
        if (type == ChatType.DIRECT) {
            throw new ChatException(Reason.INVALID, "direct chats are found, not created");
        }
        if (type == ChatType.ROOM && membership == ChatMembership.PRIVATE) {
            throw new ChatException(Reason.INVALID, "rooms are public");
        }
        String chatId = id == null ? Ids.newId() : id;
        checkLength("chat id", chatId, MAX_ID_LENGTH, false);
        checkLength("name", name, MAX_NAME_LENGTH, true);
        checkLength("topic", topic, MAX_NAME_LENGTH, true);
        List<DomainUserId> initial = type == ChatType.ROOM ? List.of() : access.existingUsers(session, members);
        ReentrantLock lock = access.lock(session, chatId);
        lock.lock();
        try {
            store.create(
                            access.domainRef(session),
                            new NewChat(
                                    chatId,
                                    type,
                                    membership,
                                    name,
                                    topic,
                                    initial,
                                    session.userId(),
                                    null,
                                    ChatPermissions.createdBy(session.userId())),
                            Instant.now())
                    .orElseThrow(() -> new ChatException(
                            Reason.ALREADY_EXISTS, "'" + chatId + "' is already taken", Map.of("field", "chatId")));
        } finally {
            lock.unlock();
        }
        return chatId;
    }

    /**
     * The direct chat of each set of users (the caller is always one of them), created on first use.
     *
     * @throws ChatException {@code USER_NOT_FOUND}; {@code INVALID} for too many users
     */
    public List<ChatInfo> direct(ChatSession session, List<? extends Collection<DomainUserId>> userSets)
            throws ChatException {
        List<ChatInfo> result = new ArrayList<>();
        for (Collection<DomainUserId> users : userSets) {
            Set<DomainUserId> members = new LinkedHashSet<>(users);
            members.add(session.userId());
            List<DomainUserId> sorted = members.stream()
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .toList();
            String key = directKey(sorted);
            String domainRef = access.domainRef(session);
            Optional<StoredChat> found = store.findDirect(domainRef, key);
            if (found.isEmpty()) {
                List<DomainUserId> existing = access.existingUsers(session, sorted);
                String chatId = "direct:" + Ids.newId();
                ReentrantLock lock = access.lock(session, chatId);
                lock.lock();
                try {
                    found = store.create(
                            domainRef,
                            new NewChat(
                                    chatId,
                                    ChatType.DIRECT,
                                    ChatMembership.PRIVATE,
                                    "",
                                    "",
                                    existing,
                                    session.userId(),
                                    key,
                                    ChatPermissions.NONE),
                            Instant.now());
                } finally {
                    lock.unlock();
                }
                if (found.isEmpty()) {
                    // Another session created it meanwhile.
                    found = store.findDirect(domainRef, key);
                }
            }
            result.add(access.info(session, found.orElseThrow()));
        }
        return result;
    }

    /**
     * Removes a chat; its members' sessions are told.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code remove_chat_channel}
     */
    public void remove(ChatSession session, String chatId) throws ChatException {
        access.onChat(session, chatId, chat -> {
            access.require(session, chat, ChatPermission.REMOVE);
            Set<DomainUserId> users = Set.of();
            Set<String> sessions = Set.of();
            if (chat.type() == ChatType.ROOM) {
                sessions = access.rooms().remove(ChatAccess.roomKey(session, chatId));
            } else {
                users = access.memberIds(chat);
            }
            store.delete(chat.ref());
            changes.deliver(session, chatId, new ChatDelivery.Removed(), users, sessions);
            return null;
        });
    }

    /** Renames a chat. @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED}; {@code INVALID} */
    public void setName(ChatSession session, String chatId, String name) throws ChatException {
        checkLength("name", name, MAX_NAME_LENGTH, true);
        change(
                session,
                chatId,
                ChatPermission.SET_NAME,
                draft(ChatEventType.NAME_CHANGED, session.userId(), null, name));
    }

    /** Sets a chat's topic. @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED}; {@code INVALID} */
    public void setTopic(ChatSession session, String chatId, String topic) throws ChatException {
        checkLength("topic", topic, MAX_NAME_LENGTH, true);
        change(
                session,
                chatId,
                ChatPermission.SET_TOPIC,
                draft(ChatEventType.TOPIC_CHANGED, session.userId(), null, topic));
    }

    /**
     * Publishes a message to a chat the session is in.
     *
     * @return the stored event (its number and time)
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_JOINED}; {@code INVALID} for an over-long message
     */
    public ChatEvent publish(ChatSession session, String chatId, String message) throws ChatException {
        checkLength("message", message, MAX_MESSAGE_LENGTH, true);
        return access.onChat(session, chatId, chat -> {
            access.requireJoined(session, chat);
            return changes.append(session, chat, draft(ChatEventType.MESSAGE, session.userId(), null, message));
        });
    }

    /**
     * Marks the chat's events up to {@code eventNumber} seen by the user; the members are told.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_JOINED}; {@code INVALID} for a number past the last event
     */
    public void markSeen(ChatSession session, String chatId, long eventNumber) throws ChatException {
        access.onChat(session, chatId, chat -> {
            access.requireJoined(session, chat);
            if (eventNumber < 0 || eventNumber > chat.lastEventNumber()) {
                throw new ChatException(Reason.INVALID, "no event " + eventNumber + " in " + chatId);
            }
            ChatDelivery.Seen seen = new ChatDelivery.Seen(session.userId(), eventNumber);
            if (chat.type() == ChatType.ROOM) {
                RoomKey room = ChatAccess.roomKey(session, chatId);
                access.rooms().markSeen(room, session.userId(), eventNumber);
                changes.deliver(session, chatId, seen, Set.of(), access.rooms().sessions(room));
            } else {
                store.markSeen(chat.ref(), session.userId(), eventNumber);
                changes.deliver(session, chatId, seen, access.memberIds(chat), Set.of());
            }
            return null;
        });
    }

    private void change(ChatSession session, String chatId, ChatPermission needed, ChatEvent draft)
            throws ChatException {
        access.onChat(session, chatId, chat -> {
            access.require(session, chat, needed);
            changes.append(session, chat, draft);
            return null;
        });
    }

    private static void checkLength(String what, String value, int max, boolean emptyAllowed) throws ChatException {
        if (value == null || (!emptyAllowed && value.isEmpty()) || value.length() > max) {
            throw new ChatException(
                    Reason.INVALID,
                    "a chat " + what + " holds " + (emptyAllowed ? 0 : 1) + " to " + max + " characters");
        }
    }

    static String directKey(List<DomainUserId> sortedMembers) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (DomainUserId member : sortedMembers) {
                digest.update((member.type().name() + ":" + member.username() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
