package dev.tandem.chat;

import static dev.tandem.chat.ChatChanges.draft;

import dev.tandem.chat.ChatException.Reason;
import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.identity.DomainUserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is in a chat: users join and leave channels (stored members), sessions join and leave rooms (in memory,
 * {@link ChatRooms}, ending with the session), and users with the permission add others to a channel or remove
 * them. A direct chat's members are fixed. Joining a private channel needs {@code join_chat_channel}, adding and
 * removing users {@code add_chat_user} and {@code remove_chat_user}; leaving needs none: a member must always be able
 * to go. Every change is stored as an event and delivered through {@link ChatChanges} under the chat's lock.
 * Refusals are {@link ChatException}s and store nothing.
 */
@ApplicationScoped
public class ChatMembers {

    private static final Logger LOG = Logger.getLogger(ChatMembers.class.getName());

    @Inject
    ChatStore store;

    @Inject
    ChatAccess access;

    @Inject
    ChatChanges changes;

    /**
     * Joins the session's user to a channel (as a stored member) or the session to a room.
     *
     * @return the chat as the joiner now sees it (the joiner among the members)
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_SUPPORTED} for a direct chat; {@code ALREADY_JOINED} for a
     *                       channel member; {@code UNAUTHORIZED} for a private channel without
     *                       {@code join_chat_channel}
     */
    public ChatInfo join(ChatSession session, String chatId) throws ChatException {
        return access.onChat(session, chatId, chat -> {
            if (chat.type() == ChatType.DIRECT) {
                throw new ChatException(Reason.NOT_SUPPORTED, "a direct chat cannot be joined");
            }
            if (chat.type() == ChatType.ROOM) {
                ChatRooms rooms = access.rooms();
                RoomKey room = ChatAccess.roomKey(session, chatId);
                if (rooms.isJoined(room, session.sessionId())) {
                    // The client re-joins its room objects; a second join of one session changes nothing.
                    return access.info(session, chat);
                }
                // Joined before the event is stored: membership that ends with the session must never outlive it.
                boolean newUser = rooms.join(room, session.sessionId(), session.user());
                if (newUser) {
                    try {
                        changes.append(session, chat, draft(ChatEventType.USER_JOINED, session.userId(), null, null));
                    } catch (RuntimeException e) {
                        rooms.leave(room, session.sessionId());
                        throw e;
                    }
                }
                return access.info(
                        session, store.find(access.domainRef(session), chatId).orElseThrow());
            }
            Set<DomainUserId> members = access.memberIds(chat);
            if (members.contains(session.userId())) {
                throw new ChatException(Reason.ALREADY_JOINED, "already a member of " + chatId);
            }
            if (chat.membership() == ChatMembership.PRIVATE
                    && !access.permissions(session, chat).contains(ChatPermission.JOIN)) {
                throw new ChatException(Reason.UNAUTHORIZED, "no permission to join " + chatId);
            }
            changes.append(session, chat, draft(ChatEventType.USER_JOINED, session.userId(), null, null));
            return access.info(
                    session, store.find(access.domainRef(session), chatId).orElseThrow());
        });
    }

    /**
     * Takes the user out of a channel, or the session out of a room.
     *
     * @throws ChatException {@code NOT_FOUND}; {@code NOT_SUPPORTED} for a direct chat; {@code NOT_JOINED}
     */
    public void leave(ChatSession session, String chatId) throws ChatException {
        access.onChat(session, chatId, chat -> {
            if (chat.type() == ChatType.DIRECT) {
                throw new ChatException(Reason.NOT_SUPPORTED, "a direct chat cannot be left");
            }
            if (chat.type() == ChatType.ROOM) {
                changes.leaveRoom(session, chat);
                return null;
            }
            if (!access.memberIds(chat).contains(session.userId())) {
                throw ChatAccess.notJoined(chatId);
            }
            changes.append(session, chat, draft(ChatEventType.USER_LEFT, session.userId(), null, null));
            return null;
        });
    }

    /** Takes an ended session out of every room it joined; the others see its user leave. Never throws. */
    public void sessionEnded(ChatSession session) {
        for (RoomKey room : access.rooms().roomsOf(session.sessionId())) {
            ReentrantLock lock = access.lock(session, room.chatId());
            lock.lock();
            try {
                Optional<StoredChat> chat = store.find(access.domainRef(session), room.chatId());
                if (chat.isPresent()) {
                    changes.leaveRoom(session, chat.get());
                } else {
                    access.rooms().leave(room, session.sessionId());
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
        access.onChat(session, chatId, chat -> {
            if (chat.type() != ChatType.CHANNEL) {
                throw new ChatException(Reason.NOT_SUPPORTED, "users are added to channels only");
            }
            access.require(session, chat, ChatPermission.ADD_USER);
            if (access.memberIds(chat).contains(user)) {
                throw new ChatException(Reason.ALREADY_MEMBER, user + " is a member of " + chatId);
            }
            access.existingUsers(session, List.of(user));
            changes.append(session, chat, draft(ChatEventType.USER_ADDED, session.userId(), user, null));
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
        access.onChat(session, chatId, chat -> {
            if (chat.type() != ChatType.CHANNEL) {
                throw new ChatException(Reason.NOT_SUPPORTED, "users are removed from channels only");
            }
            access.require(session, chat, ChatPermission.REMOVE_USER);
            if (user.equals(session.userId())) {
                throw new ChatException(Reason.CANT_REMOVE_SELF, "leave the chat instead");
            }
            if (!access.memberIds(chat).contains(user)) {
                throw new ChatException(Reason.NOT_A_MEMBER, user + " is not a member of " + chatId);
            }
            changes.append(session, chat, draft(ChatEventType.USER_REMOVED, session.userId(), user, null));
            return null;
        });
    }
}
