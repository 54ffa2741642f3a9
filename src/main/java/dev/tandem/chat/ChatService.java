package dev.tandem.chat;

import dev.tandem.chat.ChatException.Reason;
import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.chat.ChatStore.NewChat;
import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.Grants;
import dev.tandem.identity.IdentityService;
import dev.tandem.identity.UserNotFoundException;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.Ids;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chat: channels, rooms and direct chats, their members, numbered events, seen markers and permissions.
 *
 * <ul>
 *   <li>Membership: a channel's or direct chat's members are stored; a room's are the sessions joined to it
 *       ({@link ChatRooms}). Publishing, naming, marking seen and reading history need membership
 *       ({@code chat_not_joined}); a direct chat's members are fixed.</li>
 *   <li>Permissions ({@link ChatPermissions}): the creator gets every permission on the chat; joining a private
 *       channel needs {@code join_chat_channel}; removing the chat, adding and removing users, naming, setting the
 *       topic and managing permissions need theirs. Leaving needs none: a member must always be able to go.</li>
 *   <li>Visibility: a chat is visible to a user if it is public, the user is a member, or holds
 *       {@code join_chat_channel}; others get {@code chat_not_found}, as if it did not exist.</li>
 *   <li>Every change of a chat is committed and then handed to the {@link ChatDeliverySink} while this node holds
 *       the chat's lock, so members see each chat's events in number order; the numbers themselves come from the
 *       database ({@link ChatStore}), safe across nodes.</li>
 * </ul>
 * Refusals are {@link ChatException}s and store nothing.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());

    public static final int MAX_ID_LENGTH = 255;
    public static final int MAX_NAME_LENGTH = 1024;
    public static final int MAX_MESSAGE_LENGTH = 65536;
    public static final int MAX_MEMBERS = 1000;
    public static final int MAX_HISTORY_PAGE = 1000;
    public static final int DEFAULT_PAGE = 50;

    /** A page of history or search results. */
    public record Page<T>(List<T> items, long startIndex, long total) {}

    private record DomainKey(String namespace, String domainId) {}

    @Inject
    ChatStore store;

    @Inject
    DomainRepository domainRepository;

    @Inject
    IdentityService identity;

    @Inject
    ChatDeliverySink sink;

    private final ChatRooms rooms = new ChatRooms();
    private final Map<DomainKey, String> domainRefs = new ConcurrentHashMap<>();
    /** Striped per-chat locks: a chat's changes and their delivery happen in one order on this node. */
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public ChatService() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

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
        List<DomainUserId> initial = type == ChatType.ROOM ? List.of() : existingUsers(session, members);
        ReentrantLock lock = lock(session, chatId);
        lock.lock();
        try {
            store.create(
                            domainRef(session),
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
                    .orElseThrow(() -> new ChatException(Reason.ALREADY_EXISTS, "chat " + chatId + " exists"));
        } finally {
            lock.unlock();
        }
        return chatId;
    }

    /**
     * Removes a chat; its members' sessions are told.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code remove_chat_channel}
     */
    public void remove(ChatSession session, String chatId) throws ChatException {
        onChat(session, chatId, chat -> {
            require(session, chat, ChatPermission.REMOVE);
            Set<DomainUserId> users = Set.of();
            Set<String> sessions = Set.of();
            if (chat.type() == ChatType.ROOM) {
                sessions = rooms.remove(roomKey(session, chatId));
            } else {
                users = memberIds(chat);
            }
            store.delete(chat.ref());
            deliver(session, chatId, new ChatDelivery.Removed(), users, sessions);
            return null;
        });
    }

    /**
     * Joins the session's user to a channel (as a stored member) or the session to a room.
     *
     * @return the chat as the joiner now sees it (the joiner among the members)
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_SUPPORTED} for a direct chat; {@code ALREADY_JOINED} for a
     *                       channel member; {@code UNAUTHORIZED} for a private channel without
     *                       {@code join_chat_channel}
     */
    public ChatInfo join(ChatSession session, String chatId) throws ChatException {
        return onChat(session, chatId, chat -> {
            if (chat.type() == ChatType.DIRECT) {
                throw new ChatException(Reason.NOT_SUPPORTED, "a direct chat cannot be joined");
            }
            if (chat.type() == ChatType.ROOM) {
                RoomKey room = roomKey(session, chatId);
                if (rooms.isJoined(room, session.sessionId())) {
                    // The client re-joins its room objects; a second join of one session changes nothing.
                    return info(session, chat);
                }
                // Joined before the event is stored: membership that ends with the session must never outlive it.
                boolean newUser = rooms.join(room, session.sessionId(), session.user());
                if (newUser) {
                    try {
                        append(session, chat, draft(ChatEventType.USER_JOINED, session.userId(), null, null));
                    } catch (RuntimeException e) {
                        rooms.leave(room, session.sessionId());
                        throw e;
                    }
                }
                return info(session, store.find(domainRef(session), chatId).orElseThrow());
            }
            Set<DomainUserId> members = memberIds(chat);
            if (members.contains(session.userId())) {
                throw new ChatException(Reason.ALREADY_JOINED, "already a member of " + chatId);
            }
            if (chat.membership() == ChatMembership.PRIVATE
                    && !permissions(session, chat).contains(ChatPermission.JOIN)) {
                throw new ChatException(Reason.UNAUTHORIZED, "no permission to join " + chatId);
            }
            append(session, chat, draft(ChatEventType.USER_JOINED, session.userId(), null, null));
            return info(session, store.find(domainRef(session), chatId).orElseThrow());
        });
    }

    /**
     * Takes the user out of a channel, or the session out of a room.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_SUPPORTED} for a direct chat; {@code NOT_JOINED}
     */
    public void leave(ChatSession session, String chatId) throws ChatException {
        onChat(session, chatId, chat -> {
            if (chat.type() == ChatType.DIRECT) {
                throw new ChatException(Reason.NOT_SUPPORTED, "a direct chat cannot be left");
            }
            if (chat.type() == ChatType.ROOM) {
                leaveRoom(session, chat);
                return null;
            }
            if (!memberIds(chat).contains(session.userId())) {
                throw notJoined(chatId);
            }
            append(session, chat, draft(ChatEventType.USER_LEFT, session.userId(), null, null));
            return null;
        });
    }

    /** Takes an ended session out of every room it joined; the others see its user leave. Never throws. */
    public void sessionEnded(ChatSession session) {
        for (RoomKey room : rooms.roomsOf(session.sessionId())) {
            ReentrantLock lock = lock(session, room.chatId());
            lock.lock();
            try {
                Optional<StoredChat> chat = store.find(domainRef(session), room.chatId());
                if (chat.isPresent()) {
                    leaveRoom(session, chat.get());
                } else {
                    rooms.leave(room, session.sessionId());
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "could not take session " + session.sessionId() + " out of room " + room.chatId(),
                        e);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Adds a user to a channel.
     *
     * @throws ChatException {@code NOT_FOUND} (also for a private channel the caller is not in);
     *                       {@code NOT_SUPPORTED} for rooms and direct chats; {@code UNAUTHORIZED} without
     *                       {@code add_chat_user}; {@code ALREADY_MEMBER}; {@code USER_NOT_FOUND}
     */
    public void addUser(ChatSession session, String chatId, DomainUserId user) throws ChatException {
        onChat(session, chatId, chat -> {
            if (chat.type() != ChatType.CHANNEL) {
                throw new ChatException(Reason.NOT_SUPPORTED, "users are added to channels only");
            }
            require(session, chat, ChatPermission.ADD_USER);
            if (memberIds(chat).contains(user)) {
                throw new ChatException(Reason.ALREADY_MEMBER, user + " is a member of " + chatId);
            }
            existingUsers(session, List.of(user));
            append(session, chat, draft(ChatEventType.USER_ADDED, session.userId(), user, null));
            return null;
        });
    }

    /**
     * Removes a user from a channel; the user's sessions are told too.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_SUPPORTED} for rooms and direct chats;
     *                       {@code UNAUTHORIZED} without {@code remove_chat_user}; {@code NOT_A_MEMBER};
     *                       {@code CANT_REMOVE_SELF}
     */
    public void removeUser(ChatSession session, String chatId, DomainUserId user) throws ChatException {
        onChat(session, chatId, chat -> {
            if (chat.type() != ChatType.CHANNEL) {
                throw new ChatException(Reason.NOT_SUPPORTED, "users are removed from channels only");
            }
            require(session, chat, ChatPermission.REMOVE_USER);
            if (user.equals(session.userId())) {
                throw new ChatException(Reason.CANT_REMOVE_SELF, "leave the chat instead");
            }
            if (!memberIds(chat).contains(user)) {
                throw new ChatException(Reason.NOT_A_MEMBER, user + " is not a member of " + chatId);
            }
            append(session, chat, draft(ChatEventType.USER_REMOVED, session.userId(), user, null));
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
        return onChat(session, chatId, chat -> {
            requireJoined(session, chat);
            return append(session, chat, draft(ChatEventType.MESSAGE, session.userId(), null, message));
        });
    }

    /**
     * Marks the chat's events up to {@code eventNumber} seen by the user; the members are told.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_JOINED}; {@code INVALID} for a number past the last event
     */
    public void markSeen(ChatSession session, String chatId, long eventNumber) throws ChatException {
        onChat(session, chatId, chat -> {
            requireJoined(session, chat);
            if (eventNumber < 0 || eventNumber > chat.lastEventNumber()) {
                throw new ChatException(Reason.INVALID, "no event " + eventNumber + " in " + chatId);
            }
            ChatDelivery.Seen seen = new ChatDelivery.Seen(session.userId(), eventNumber);
            if (chat.type() == ChatType.ROOM) {
                RoomKey room = roomKey(session, chatId);
                rooms.markSeen(room, session.userId(), eventNumber);
                deliver(session, chatId, seen, Set.of(), rooms.sessions(room));
            } else {
                store.markSeen(chat.ref(), session.userId(), eventNumber);
                deliver(session, chatId, seen, memberIds(chat), Set.of());
            }
            return null;
        });
    }

    /** The chats with these ids that the user may see, in the order asked; others are left out. */
    public List<ChatInfo> get(ChatSession session, Collection<String> chatIds) {
        List<ChatInfo> result = new ArrayList<>();
        for (String chatId : new LinkedHashSet<>(chatIds)) {
            findVisible(session, chatId).ifPresent(chat -> result.add(info(session, chat)));
        }
        return result;
    }

    /** For each id, whether a chat with it exists and the user may see it. */
    public List<Boolean> exists(ChatSession session, List<String> chatIds) {
        return chatIds.stream().map(id -> findVisible(session, id).isPresent()).toList();
    }

    /** The channels and direct chats the user is a member of, and the rooms this session joined. */
    public List<ChatInfo> joined(ChatSession session) {
        List<ChatInfo> result = new ArrayList<>();
        String domainRef = domainRef(session);
        for (String chatId : store.chatsOf(domainRef, session.userId())) {
            store.find(domainRef, chatId).ifPresent(chat -> result.add(info(session, chat)));
        }
        for (RoomKey room : rooms.roomsOf(session.sessionId())) {
            if (room.namespace().equals(session.namespace()) && room.domainId().equals(session.domainId())) {
                store.find(domainRef, room.chatId()).ifPresent(chat -> result.add(info(session, chat)));
            }
        }
        return result;
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
            String domainRef = domainRef(session);
            Optional<StoredChat> found = store.findDirect(domainRef, key);
            if (found.isEmpty()) {
                List<DomainUserId> existing = existingUsers(session, sorted);
                String chatId = "direct:" + Ids.newId();
                ReentrantLock lock = lock(session, chatId);
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
            result.add(info(session, found.orElseThrow()));
        }
        return result;
    }

    /**
     * A page of the chat's history.
     *
     * @param start   the first event number on the page's side ({@code null}: the newest going backward, 0 going
     *                forward)
     * @param types   the event types wanted (all if empty)
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_JOINED}
     */
    public Page<ChatEvent> history(
            ChatSession session,
            String chatId,
            Long start,
            boolean forward,
            long offset,
            int limit,
            Set<ChatEventType> types)
            throws ChatException {
        StoredChat chat = visible(session, chatId);
        requireJoined(session, chat);
        return page(chat, start, forward, offset, limit, types, null);
    }

    /**
     * A page of a chat's history for a domain administrator (the admin API), who reads any chat without joining it;
     * parameters as {@link #history}.
     *
     * @param text only events whose text (message, name, topic) contains this, ignoring case; {@code null}: all
     * @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} if the session's user is not an administrator
     */
    public Page<ChatEvent> events(
            ChatSession session,
            String chatId,
            Long start,
            boolean forward,
            long offset,
            int limit,
            Set<ChatEventType> types,
            String text)
            throws ChatException {
        if (session.userId().type() != UserType.CONVERGENCE) {
            throw new ChatException(Reason.UNAUTHORIZED, "only domain administrators read chats without joining");
        }
        return page(visible(session, chatId), start, forward, offset, limit, types, text);
    }

    private Page<ChatEvent> page(
            StoredChat chat,
            Long start,
            boolean forward,
            long offset,
            int limit,
            Set<ChatEventType> types,
            String text) {
        long from = start != null ? start : forward ? 0 : chat.lastEventNumber();
        int size = limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_HISTORY_PAGE);
        ChatStore.HistoryPage page = store.history(chat, types, text, from, forward, Math.max(0, offset), size);
        return new Page<>(page.events(), Math.max(0, offset), page.total());
    }

    /** Chats the user may see, matching the criteria, by id (see {@link ChatStore#search}). */
    public Page<ChatInfo> search(
            ChatSession session,
            String term,
            Collection<String> fields,
            Set<ChatType> types,
            ChatMembership membership,
            long offset,
            int limit) {
        List<StoredChat> found = store.search(domainRef(session), session.userId(), term, fields, types, membership);
        int size = limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_HISTORY_PAGE);
        long from = Math.max(0, offset);
        List<ChatInfo> page = found.stream()
                .skip(from)
                .limit(size)
                .map(chat -> info(session, chat))
                .toList();
        return new Page<>(page, from, found.size());
    }

    /** What the session's user may do with the chat. @throws ChatException {@code NOT_FOUND} */
    public Set<ChatPermission> resolvePermissions(ChatSession session, String chatId) throws ChatException {
        return permissions(session, visible(session, chatId));
    }

    /**
     * The chat's permission entries. @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} without
     * {@code manage_chat_permissions}
     */
    public Grants<ChatPermission> permissions(ChatSession session, String chatId) throws ChatException {
        StoredChat chat = visible(session, chatId);
        require(session, chat, ChatPermission.MANAGE);
        return chat.permissions().grants();
    }

    /**
     * Changes the chat's permission entries.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code UNAUTHORIZED} without {@code manage_chat_permissions};
     *                       {@code INVALID} for over-long grantee names
     */
    public void changePermissions(ChatSession session, String chatId, UnaryOperator<Grants<ChatPermission>> change)
            throws ChatException {
        onChat(session, chatId, chat -> {
            require(session, chat, ChatPermission.MANAGE);
            Grants<ChatPermission> changed = change.apply(chat.permissions().grants());
            boolean tooLong = changed.users().keySet().stream()
                            .anyMatch(
                                    u -> u.username().isEmpty() || u.username().length() > MAX_ID_LENGTH)
                    || changed.groups().keySet().stream().anyMatch(g -> g.isEmpty() || g.length() > MAX_ID_LENGTH);
            if (tooLong) {
                throw new ChatException(
                        Reason.INVALID, "user and group names hold 1 to " + MAX_ID_LENGTH + " characters");
            }
            store.setPermissions(domainRef(session), chat.ref(), new ChatPermissions(changed));
            return null;
        });
    }

    /** A chat action, run while this node holds the chat's lock. */
    @FunctionalInterface
    private interface ChatAction<T> {
        T apply(StoredChat chat) throws ChatException;
    }

    /**
     * Runs the action on the chat (refused with {@code NOT_FOUND} if the user may not see it) under the chat's lock,
     * so that its change and delivery are ordered with the chat's others.
     */
    private <T> T onChat(ChatSession session, String chatId, ChatAction<T> action) throws ChatException {
        ReentrantLock lock = lock(session, chatId);
        lock.lock();
        try {
            return action.apply(visible(session, chatId));
        } finally {
            lock.unlock();
        }
    }

    private void change(ChatSession session, String chatId, ChatPermission needed, ChatEvent draft)
            throws ChatException {
        onChat(session, chatId, chat -> {
            require(session, chat, needed);
            append(session, chat, draft);
            return null;
        });
    }

    private void leaveRoom(ChatSession session, StoredChat chat) throws ChatException {
        RoomKey room = roomKey(session, chat.id());
        if (!rooms.isJoined(room, session.sessionId())) {
            throw notJoined(chat.id());
        }
        Set<String> before = rooms.sessions(room);
        if (rooms.leave(room, session.sessionId())) {
            ChatEvent event = store.append(
                    domainRef(session),
                    chat,
                    draft(ChatEventType.USER_LEFT, session.userId(), null, null),
                    Instant.now());
            deliver(session, chat.id(), new ChatDelivery.Event(event), Set.of(), before);
        }
    }

    /** Stores the event and tells everyone who must see it: members before and after the change. */
    private ChatEvent append(ChatSession session, StoredChat chat, ChatEvent draft) {
        Set<DomainUserId> before = chat.type() == ChatType.ROOM ? Set.of() : memberIds(chat);
        ChatEvent event = store.append(domainRef(session), chat, draft, Instant.now());
        if (chat.type() == ChatType.ROOM) {
            deliver(
                    session,
                    chat.id(),
                    new ChatDelivery.Event(event),
                    Set.of(),
                    rooms.sessions(roomKey(session, chat.id())));
        } else {
            Set<DomainUserId> users = new HashSet<>(before);
            if (event.type() == ChatEventType.USER_ADDED) {
                users.add(event.target());
            } else if (event.type() == ChatEventType.USER_JOINED) {
                users.add(event.user());
            }
            deliver(session, chat.id(), new ChatDelivery.Event(event), users, Set.of());
        }
        return event;
    }

    private void deliver(
            ChatSession session,
            String chatId,
            ChatDelivery.Payload payload,
            Set<DomainUserId> users,
            Set<String> sessions) {
        try {
            sink.deliver(new ChatDelivery(session.namespace(), session.domainId(), chatId, payload, users, sessions));
        } catch (RuntimeException e) {
            // Stored already: a delivery failure must not turn a committed change into an error reply.
            LOG.log(Level.WARNING, "delivering a change of chat " + chatId + " failed", e);
        }
    }

    private ChatInfo info(ChatSession session, StoredChat chat) {
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

    private Set<DomainUserId> memberIds(StoredChat chat) {
        Set<DomainUserId> ids = new LinkedHashSet<>();
        store.members(chat.ref()).forEach(m -> ids.add(m.user()));
        return ids;
    }

    private void requireJoined(ChatSession session, StoredChat chat) throws ChatException {
        boolean joined = chat.type() == ChatType.ROOM
                ? rooms.isJoined(roomKey(session, chat.id()), session.sessionId())
                : memberIds(chat).contains(session.userId());
        if (!joined) {
            throw notJoined(chat.id());
        }
    }

    private void require(ChatSession session, StoredChat chat, ChatPermission permission) throws ChatException {
        if (!permissions(session, chat).contains(permission)) {
            throw new ChatException(Reason.UNAUTHORIZED, "no permission " + permission.wireName() + " on " + chat.id());
        }
    }

    private Set<ChatPermission> permissions(ChatSession session, StoredChat chat) {
        return chat.permissions().resolve(session.userId(), () -> groupsOf(session));
    }

    private StoredChat visible(ChatSession session, String chatId) throws ChatException {
        return findVisible(session, chatId).orElseThrow(() -> new ChatException(Reason.NOT_FOUND, "no chat " + chatId));
    }

    private Optional<StoredChat> findVisible(ChatSession session, String chatId) {
        if (chatId == null || chatId.isEmpty() || chatId.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        return store.find(domainRef(session), chatId)
                .filter(chat -> chat.membership() == ChatMembership.PUBLIC
                        || memberIds(chat).contains(session.userId())
                        || permissions(session, chat).contains(ChatPermission.JOIN));
    }

    private List<DomainUserId> existingUsers(ChatSession session, Collection<DomainUserId> users) throws ChatException {
        Set<DomainUserId> wanted = new LinkedHashSet<>(users);
        if (wanted.size() > MAX_MEMBERS) {
            throw new ChatException(Reason.INVALID, "at most " + MAX_MEMBERS + " members");
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
                throw new ChatException(Reason.USER_NOT_FOUND, "no user " + user);
            }
        }
        return List.copyOf(wanted);
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

    private static ChatEvent draft(ChatEventType type, DomainUserId user, DomainUserId target, String text) {
        return new ChatEvent("", 0, type, user, Instant.EPOCH, target, text, null, List.of());
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

    private static ChatException notJoined(String chatId) {
        return new ChatException(Reason.NOT_JOINED, "not joined to chat " + chatId);
    }

    private static RoomKey roomKey(ChatSession session, String chatId) {
        return new RoomKey(session.namespace(), session.domainId(), chatId);
    }

    private ReentrantLock lock(ChatSession session, String chatId) {
        int hash = (session.namespace() + "/" + session.domainId() + "/" + chatId).hashCode();
        return locks[Math.floorMod(hash, locks.length)];
    }

    private String domainRef(ChatSession session) {
        return domainRefs.computeIfAbsent(
                new DomainKey(session.namespace(), session.domainId()),
                k -> domainRepository
                        .find(k.namespace(), k.domainId())
                        .map(Domain::getId)
                        .orElseThrow(() -> new IllegalStateException("no domain " + k)));
    }
}
