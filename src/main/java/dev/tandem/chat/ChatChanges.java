package dev.tandem.chat;

import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.chat.ChatStore.StoredChat;
import dev.tandem.cluster.MembershipChange;
import dev.tandem.identity.DomainUserId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commits a change of a chat and hands it to the {@link ChatDeliverySink}: the one way from the chat beans back to
 * whoever holds the sessions. Called while the chat's lock is held ({@link ChatAccess#onChat}), so members see each
 * chat's events in number order; the numbers themselves come from the {@link ChatStore}, safe across nodes.
 * Its methods are package-private: the public chat beans use them, nothing else.
 */
@ApplicationScoped
public class ChatChanges {

    private static final Logger LOG = Logger.getLogger(ChatChanges.class.getName());

    @Inject
    ChatStore store;

    @Inject
    ChatAccess access;

    @Inject
    ChatDeliverySink sink;

    @Inject
    ChatRelay relay;

    @Resource
    ManagedExecutorService executor;

    /**
     * Creates this bean when the application starts, where its executor can be injected: created later, on Hazelcast's
     * event thread by the first membership change, it would get none (that thread has no application context).
     */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation is the point
    }

    /**
     * A node left the cluster: its sessions leave their rooms. Each user left without a session in a room gets its
     * USER_LEFT event, told to the sessions still there, as if the sessions had closed on a live node. Run on the
     * managed executor: Hazelcast's event thread, which fires the change, must not wait for the grid or the database.
     */
    void memberLeft(@Observes MembershipChange change) {
        if (change.kind() == MembershipChange.Kind.LEFT) {
            try {
                executor.execute(() -> access.rooms().memberLeft(change.member().id(), this::usersLeft));
            } catch (RuntimeException e) {
                // thrown here, it would keep the change from the other observers (presence, activities)
                LOG.log(Level.WARNING, "could not take a departed node's sessions out of their rooms", e);
            }
        }
    }

    private void usersLeft(RoomKey room, Set<DomainUserId> users, Set<String> joined) {
        ReentrantLock lock = access.lock(room);
        lock.lock();
        try {
            String domainRef = access.domainRef(room.namespace(), room.domainId());
            Optional<StoredChat> chat = store.find(domainRef, room.chatId());
            if (chat.isEmpty()) {
                return; // removed meanwhile
            }
            for (DomainUserId user : users) {
                ChatEvent event = store.append(
                        domainRef, chat.get(), draft(ChatEventType.USER_LEFT, user, null, null), Instant.now());
                ChatDelivery delivery = new ChatDelivery(
                        room.namespace(),
                        room.domainId(),
                        room.chatId(),
                        new ChatDelivery.Event(event, null),
                        Set.of(),
                        joined);
                sink.deliver(delivery);
                relay.send(delivery);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record that the users of a departed node left room " + room.chatId(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Stores the event and tells everyone who must see it: members before and after the change. */
    ChatEvent append(ChatSession session, StoredChat chat, ChatEvent draft) {
        Set<DomainUserId> before = chat.type() == ChatType.ROOM ? Set.of() : access.memberIds(chat);
        ChatEvent event = store.append(access.domainRef(session), chat, draft, Instant.now());
        if (chat.type() == ChatType.ROOM) {
            deliver(
                    session,
                    chat.id(),
                    new ChatDelivery.Event(event, session.sessionId()),
                    Set.of(),
                    access.rooms().sessions(ChatAccess.roomKey(session, chat.id())));
        } else {
            Set<DomainUserId> users = new HashSet<>(before);
            if (event.type() == ChatEventType.USER_ADDED) {
                users.add(event.target());
            } else if (event.type() == ChatEventType.USER_JOINED) {
                users.add(event.user());
            }
            deliver(session, chat.id(), new ChatDelivery.Event(event, session.sessionId()), users, Set.of());
        }
        return event;
    }

    /**
     * Takes the session out of a room; if that was its user's last session there, stores that the user left and
     * tells the sessions that were joined.
     *
     * @throws ChatException {@code NOT_JOINED}
     */
    void leaveRoom(ChatSession session, StoredChat chat) throws ChatException {
        ChatRooms rooms = access.rooms();
        RoomKey room = ChatAccess.roomKey(session, chat.id());
        if (!rooms.isJoined(room, session.sessionId())) {
            throw ChatAccess.notJoined(chat.id());
        }
        Set<String> before = rooms.sessions(room);
        if (rooms.leave(room, session.sessionId())) {
            ChatEvent event = store.append(
                    access.domainRef(session),
                    chat,
                    draft(ChatEventType.USER_LEFT, session.userId(), null, null),
                    Instant.now());
            deliver(session, chat.id(), new ChatDelivery.Event(event, session.sessionId()), Set.of(), before);
        }
    }

    /**
     * Tells the users' sessions and the sessions named, on this node and (through the {@link ChatRelay}) on the others;
     * a failure is logged, never thrown.
     */
    void deliver(
            ChatSession session,
            String chatId,
            ChatDelivery.Payload payload,
            Set<DomainUserId> users,
            Set<String> sessions) {
        ChatDelivery delivery =
                new ChatDelivery(session.namespace(), session.domainId(), chatId, payload, users, sessions);
        try {
            sink.deliver(delivery);
            relay.send(delivery); // the sessions on other nodes
        } catch (RuntimeException e) {
            // Stored already: a delivery failure must not turn a committed change into an error reply.
            LOG.log(Level.WARNING, "delivering a change of chat " + chatId + " failed", e);
        }
    }

    /** An event to append; its number and time are assigned by the store. */
    static ChatEvent draft(ChatEventType type, DomainUserId user, DomainUserId target, String text) {
        return new ChatEvent("", 0, type, user, Instant.EPOCH, target, text, null, List.of());
    }
}
