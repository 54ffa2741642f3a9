package dev.tandem.chat;

import dev.tandem.chat.ChatException.Reason;
import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserDirectory;
import dev.tandem.identity.UserNotFoundException;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How the chat beans find a chat and check who may do what with it: the chat as a session may see it, under the
 * chat's lock; stored members and joined room sessions; permissions; the users a request names. Owns what this
 * node keeps for chat: the rooms' joined sessions ({@link ChatRooms}), the striped per-chat locks and the domains'
 * row ids. Its methods are package-private: the public chat beans use them, nothing else.
 *
 * <p>Visibility: a chat is visible to a user if it is public, the user is a member, or holds
 * {@code join_chat_channel}; others get {@code chat_not_found}, as if it did not exist.
 */
@ApplicationScoped
public class ChatAccess {

    private record DomainKey(String namespace, String domainId) {}

    /** A chat action, run while this node holds the chat's lock. */
    @FunctionalInterface
    interface ChatAction<T> {
        T apply(StoredChat chat) throws ChatException;
    }

    @Inject
    ChatStore store;

    @Inject
    DomainRepository domainRepository;

    @Inject
    UserDirectory identity;

    @Inject
    ClusterMembership membership;

    private final ChatRooms rooms = new ChatRooms();
    private final Map<DomainKey, String> domainRefs = new ConcurrentHashMap<>();
    /** Striped per-chat locks: a chat's changes and their delivery happen in one order on this node. */
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public ChatAccess() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** In a cluster, the rooms' members are shared ({@link SharedRoom}); nothing is announced, only read. */
    @PostConstruct
    void start() {
        if (membership != null && membership.clustered()) {
            rooms.share(new VersionedEntries<>(
                    membership, "chat-rooms", SharedRoom::parse, SharedRoom.ABSENT, Runnable::run, (k, v, n) -> {}));
        }
    }

    /**
     * Runs the action on the chat (refused with {@code NOT_FOUND} if the user may not see it) under the chat's lock,
     * so that its change and delivery are ordered with the chat's others.
     */
    <T> T onChat(ChatSession session, String chatId, ChatAction<T> action) throws ChatException {
        ReentrantLock lock = lock(session, chatId);
        lock.lock();
        try {
            return action.apply(visible(session, chatId));
        } finally {
            lock.unlock();
        }
    }

    /** The lock of the chat on this node. */
    ReentrantLock lock(ChatSession session, String chatId) {
        return lock(ChatAccess.roomKey(session, chatId));
    }

    ReentrantLock lock(RoomKey chat) {
        int hash = (chat.namespace() + "/" + chat.domainId() + "/" + chat.chatId()).hashCode();
        return locks[Math.floorMod(hash, locks.length)];
    }

    ChatRooms rooms() {
        return rooms;
    }

    static RoomKey roomKey(ChatSession session, String chatId) {
        return new RoomKey(session.namespace(), session.domainId(), chatId);
    }

    /** The chat, if the session's user may see it. @throws ChatException {@code NOT_FOUND} otherwise */
    StoredChat visible(ChatSession session, String chatId) throws ChatException {
        return findVisible(session, chatId)
                .orElseThrow(() -> new ChatException(
                        Reason.NOT_FOUND, "chat '" + chatId + "' does not exist", Map.of("chat", chatId)));
    }

    Optional<StoredChat> findVisible(ChatSession session, String chatId) {
        if (chatId == null || chatId.isEmpty() || chatId.length() > ChatService.MAX_ID_LENGTH) {
            return Optional.empty();
        }
        return store.find(domainRef(session), chatId)
                .filter(chat -> chat.membership() == ChatMembership.PUBLIC
                        || memberIds(chat).contains(session.userId())
                        || permissions(session, chat).contains(ChatPermission.JOIN));
    }

    /** The chat as its members see it: a room's members are its joined sessions' users, the others are stored. */
    ChatInfo info(ChatSession session, StoredChat chat) {
        List<ChatMember> members =
                chat.type() == ChatType.ROOM ? rooms.members(roomKey(session, chat.id())) : store.members(chat.ref());
        return new ChatInfo(
                chat.id(),
                chat.type(),
                chat.membership(),
                chat.name(),
                chat.topic(),
                chat.created(),
                chat.lastEventNumber(),
                chat.lastEventTime(),
                members);
    }

    /** The stored members of a channel or direct chat. */
    Set<DomainUserId> memberIds(StoredChat chat) {
        Set<DomainUserId> ids = new LinkedHashSet<>();
        store.members(chat.ref()).forEach(m -> ids.add(m.user()));
        return ids;
    }

    /** @throws ChatException {@code NOT_JOINED} unless the user is a member (the session, for a room) */
    void requireJoined(ChatSession session, StoredChat chat) throws ChatException {
        boolean joined = chat.type() == ChatType.ROOM
                ? rooms.isJoined(roomKey(session, chat.id()), session.sessionId())
                : memberIds(chat).contains(session.userId());
        if (!joined) {
            throw notJoined(chat.id());
        }
    }

    /** @throws ChatException {@code UNAUTHORIZED} unless the session's user holds {@code permission} */
    void require(ChatSession session, StoredChat chat, ChatPermission permission) throws ChatException {
        if (!permissions(session, chat).contains(permission)) {
            throw new ChatException(Reason.UNAUTHORIZED, "no permission " + permission.wireName() + " on " + chat.id());
        }
    }

    /** What the session's user may do with the chat. */
    Set<ChatPermission> permissions(ChatSession session, StoredChat chat) {
        return chat.permissions().resolve(session.userId(), () -> groupsOf(session));
    }

    /**
     * The users, each once, in the order named, if all exist.
     *
     * @throws ChatException {@code INVALID} for more than {@link ChatService#MAX_MEMBERS}; {@code USER_NOT_FOUND}
     */
    List<DomainUserId> existingUsers(ChatSession session, Collection<DomainUserId> users) throws ChatException {
        Set<DomainUserId> wanted = new LinkedHashSet<>(users);
        if (wanted.size() > ChatService.MAX_MEMBERS) {
            throw new ChatException(Reason.INVALID, "at most " + ChatService.MAX_MEMBERS + " members");
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<DomainUserId> found = new HashSet<>();
        for (DomainUserView user : identity.users(session.namespace(), session.domainId(), wanted)) {
            found.add(DomainUserId.of(user));
        }
        for (DomainUserId user : wanted) {
            if (!found.contains(user)) {
                throw new ChatException(
                        Reason.USER_NOT_FOUND, "user '" + user + "' does not exist", Map.of("user", user.toString()));
            }
        }
        return List.copyOf(wanted);
    }

    /** The row id of the session's domain. */
    String domainRef(ChatSession session) {
        return domainRef(session.namespace(), session.domainId());
    }

    String domainRef(String namespace, String domainId) {
        return domainRefs.computeIfAbsent(
                new DomainKey(namespace, domainId),
                k -> domainRepository
                        .find(k.namespace(), k.domainId())
                        .map(Domain::getId)
                        .orElseThrow(() -> new IllegalStateException("no domain " + k)));
    }

    static ChatException notJoined(String chatId) {
        return new ChatException(Reason.NOT_JOINED, "not joined to chat " + chatId);
    }

    private List<String> groupsOf(ChatSession session) {
        DomainUserId user = session.userId();
        try {
            return identity.groupsForUsers(session.namespace(), session.domainId(), List.of(user))
                    .getOrDefault(user, List.of());
        } catch (UserNotFoundException e) {
            return List.of();
        }
    }
}
