package dev.tandem.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.chat.ChatException.Reason;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.Grants;
import dev.tandem.testing.TestDatabases;
import dev.tandem.testing.TestDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The chat beans wired by hand over the JDBC store on a migrated database (H2, and PostgreSQL when configured), with
 * an in-memory directory of users and a sink that records what would be delivered: membership, events, history,
 * seen markers and the refusals, as a client meets them.
 */
class ChatServiceTest {

    /** The chat beans of one test, and what they handed to the sink. */
    private static final class Chat {
        final TestDomain domain;
        final ChatService service = new ChatService();
        final ChatMembers members = new ChatMembers();
        final ChatQueries queries = new ChatQueries();
        final ChatPermissionService permissions = new ChatPermissionService();
        final List<ChatDelivery> delivered = new ArrayList<>();

        Chat(DataSource dataSource) {
            domain = TestDomain.create(dataSource);
            JdbcChatStore store = new JdbcChatStore();
            store.dataSource = dataSource;
            ChatAccess access = new ChatAccess();
            access.store = store;
            access.domainRepository = domain.domains();
            access.identity = domain.identity();
            ChatChanges changes = new ChatChanges();
            changes.store = store;
            changes.access = access;
            changes.sink = delivered::add;
            changes.relay = new ChatRelay(); // not clustered: sends nothing
            service.store = store;
            service.access = access;
            service.changes = changes;
            members.store = store;
            members.access = access;
            members.changes = changes;
            queries.store = store;
            queries.access = access;
            permissions.store = store;
            permissions.access = access;
        }

        ChatSession session(DomainUserView user, String sessionId) {
            return new ChatSession(TestDomain.NAMESPACE, TestDomain.DOMAIN_ID, user, sessionId);
        }

        ChatSession session(DomainUserView user) {
            return session(user, user.username() + "-1");
        }

        ChatInfo info(ChatSession session, String chatId) {
            return queries.get(session, List.of(chatId)).get(0);
        }

        ChatDelivery lastDelivery() {
            return delivered.get(delivered.size() - 1);
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run(Chat chat) throws Exception;
    }

    private static Stream<DynamicTest> onEachDatabase(String name, Scenario scenario) {
        return TestDatabases.migrated("chat-" + name).stream()
                .map(db -> DynamicTest.dynamicTest(db.name(), () -> {
                    try (db) {
                        scenario.run(new Chat(db.dataSource()));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> channelMembersEventsAndHistory() {
        return onEachDatabase("channel", chat -> {
            DomainUserView alice = chat.domain.user("alice");
            DomainUserView bob = chat.domain.user("bob");
            DomainUserView carol = chat.domain.user("carol");
            DomainUserView dave = chat.domain.user("dave");
            ChatSession a = chat.session(alice);
            ChatSession b = chat.session(bob);
            ChatSession c = chat.session(carol);

            assertEquals(
                    "c1",
                    chat.service.create(
                            a, "c1", ChatType.CHANNEL, ChatMembership.PUBLIC, "Name", "Topic", List.of(id(bob))));
            refused(
                    Reason.ALREADY_EXISTS,
                    () -> chat.service.create(a, "c1", ChatType.CHANNEL, ChatMembership.PUBLIC, "", "", List.of()));
            refused(
                    Reason.USER_NOT_FOUND,
                    () -> chat.service.create(
                            a, "c2", ChatType.CHANNEL, ChatMembership.PUBLIC, "", "", List.of(normal("nobody"))));
            refused(
                    Reason.INVALID,
                    () -> chat.service.create(a, "c3", ChatType.DIRECT, ChatMembership.PRIVATE, "", "", List.of()));
            assertEquals(List.of(true, false, false), chat.queries.exists(a, List.of("c1", "c2", "c3")));

            ChatInfo created = chat.info(a, "c1");
            assertEquals("Name", created.name());
            assertEquals("Topic", created.topic());
            assertEquals(0, created.lastEventNumber());
            assertEquals(List.of(id(bob)), memberIds(created));

            ChatInfo joined = chat.members.join(c, "c1");
            assertEquals(1, joined.lastEventNumber());
            assertEquals(List.of(id(bob), id(carol)), memberIds(joined));
            ChatDelivery joinDelivery = chat.lastDelivery();
            assertEquals(Set.of(id(bob), id(carol)), joinDelivery.users());
            assertEquals(ChatEventType.USER_JOINED, event(joinDelivery).type());
            refused(Reason.ALREADY_JOINED, () -> chat.members.join(c, "c1"));

            ChatEvent message = chat.service.publish(c, "c1", "hello");
            assertEquals(2, message.number());
            assertEquals(id(carol), message.user());
            assertEquals(message, event(chat.lastDelivery()));
            assertEquals(Set.of(id(bob), id(carol)), chat.lastDelivery().users());
            refused(Reason.NOT_JOINED, () -> chat.service.publish(chat.session(dave), "c1", "hi"));
            refused(
                    Reason.NOT_JOINED,
                    () -> chat.queries.history(chat.session(dave), "c1", null, false, 0, 10, Set.of()));

            chat.members.leave(c, "c1");
            assertEquals(List.of(id(bob)), memberIds(chat.info(a, "c1")));
            // The leaver is told too: it was a member before the change.
            assertEquals(Set.of(id(bob), id(carol)), chat.lastDelivery().users());
            refused(Reason.NOT_JOINED, () -> chat.members.leave(c, "c1"));
            assertEquals(List.of(), chat.queries.joined(c));
            assertEquals(
                    List.of("c1"),
                    chat.queries.joined(b).stream().map(ChatInfo::id).toList());

            ChatQueries.Page<ChatEvent> newest = chat.queries.history(b, "c1", null, false, 0, 10, Set.of());
            assertEquals(List.of(3L, 2L, 1L, 0L), numbers(newest.items()));
            assertEquals(
                    List.of(
                            ChatEventType.USER_LEFT,
                            ChatEventType.MESSAGE,
                            ChatEventType.USER_JOINED,
                            ChatEventType.CREATED),
                    newest.items().stream().map(ChatEvent::type).toList());
            assertEquals(4, newest.total());
            assertEquals(
                    List.of("Name", "Topic", List.of(id(bob))),
                    List.of(
                            newest.items().get(3).text(),
                            newest.items().get(3).topic(),
                            newest.items().get(3).members()));
            ChatQueries.Page<ChatEvent> forward = chat.queries.history(
                    b, "c1", 1L, true, 1, 1, Set.of(ChatEventType.MESSAGE, ChatEventType.USER_LEFT));
            assertEquals(List.of(3L), numbers(forward.items()));
            assertEquals(2, forward.total());

            chat.service.markSeen(b, "c1", 2);
            assertEquals(2, chat.info(a, "c1").members().get(0).maxSeen());
            assertEquals(new ChatDelivery.Seen(id(bob), 2), chat.lastDelivery().payload());
            chat.service.markSeen(b, "c1", 1);
            assertEquals(2, chat.info(a, "c1").members().get(0).maxSeen(), "a seen marker never goes back");
            refused(Reason.INVALID, () -> chat.service.markSeen(b, "c1", 4));

            refused(Reason.UNAUTHORIZED, () -> chat.service.setTopic(b, "c1", "mine"));
            chat.service.setTopic(a, "c1", "New topic");
            assertEquals("New topic", chat.info(b, "c1").topic());
            refused(Reason.UNAUTHORIZED, () -> chat.service.remove(b, "c1"));
            int before = chat.delivered.size();
            chat.service.remove(a, "c1");
            assertEquals(before + 1, chat.delivered.size());
            assertEquals(new ChatDelivery.Removed(), chat.lastDelivery().payload());
            assertEquals(Set.of(id(bob)), chat.lastDelivery().users());
            assertEquals(List.of(false), chat.queries.exists(a, List.of("c1")));
            refused(Reason.NOT_FOUND, () -> chat.members.join(b, "c1"));
        });
    }

    @TestFactory
    Stream<DynamicTest> privateChannelPermissions() {
        return onEachDatabase("private", chat -> {
            DomainUserView alice = chat.domain.user("alice");
            DomainUserView bob = chat.domain.user("bob");
            DomainUserView carol = chat.domain.user("carol", "staff");
            DomainUserView dave = chat.domain.user("dave");
            ChatSession a = chat.session(alice);
            ChatSession b = chat.session(bob);
            ChatSession c = chat.session(carol);

            chat.service.create(a, "p", ChatType.CHANNEL, ChatMembership.PRIVATE, "", "", List.of());
            // Invisible to whoever may not join it: as if it did not exist.
            assertEquals(List.of(), chat.queries.get(b, List.of("p")));
            refused(Reason.NOT_FOUND, () -> chat.members.join(b, "p"));
            refused(Reason.NOT_FOUND, () -> chat.permissions.resolvePermissions(b, "p"));
            assertTrue(chat.permissions.resolvePermissions(a, "p").containsAll(ChatPermission.existingChat()));

            chat.permissions.changePermissions(
                    a,
                    "p",
                    g -> g.plus(new Grants<>(
                            Set.of(),
                            Map.of(id(bob), Set.of(ChatPermission.JOIN)),
                            Map.of("staff", Set.of(ChatPermission.JOIN, ChatPermission.ADD_USER)))));
            assertEquals(Set.of(ChatPermission.JOIN), chat.permissions.resolvePermissions(b, "p"));
            assertEquals(
                    Set.of(ChatPermission.JOIN, ChatPermission.ADD_USER), chat.permissions.resolvePermissions(c, "p"));
            refused(Reason.UNAUTHORIZED, () -> chat.permissions.permissions(b, "p"));
            refused(Reason.UNAUTHORIZED, () -> chat.permissions.changePermissions(b, "p", g -> g));
            refused(
                    Reason.INVALID,
                    () -> chat.permissions.changePermissions(
                            a,
                            "p",
                            g -> g.plus(new Grants<>(
                                    Set.of(), Map.of(), Map.of("x".repeat(256), Set.of(ChatPermission.JOIN))))));
            assertEquals(
                    Set.of(ChatPermission.JOIN),
                    chat.permissions.permissions(a, "p").users().get(id(bob)));

            chat.members.join(b, "p");
            chat.members.join(c, "p");
            refused(Reason.UNAUTHORIZED, () -> chat.service.setName(b, "p", "bob's"));
            refused(Reason.UNAUTHORIZED, () -> chat.members.addUser(b, "p", id(dave)));
            chat.members.addUser(c, "p", id(dave));
            assertEquals(List.of(id(bob), id(carol), id(dave)), memberIds(chat.info(a, "p")));
            assertEquals(
                    Set.of(id(bob), id(carol), id(dave)), chat.lastDelivery().users());
            refused(Reason.ALREADY_MEMBER, () -> chat.members.addUser(c, "p", id(dave)));
            refused(Reason.USER_NOT_FOUND, () -> chat.members.addUser(c, "p", normal("nobody")));
            refused(Reason.UNAUTHORIZED, () -> chat.members.removeUser(c, "p", id(dave)));
            refused(Reason.CANT_REMOVE_SELF, () -> chat.members.removeUser(a, "p", id(alice)));
            chat.members.removeUser(a, "p", id(dave));
            assertEquals(List.of(id(bob), id(carol)), memberIds(chat.info(a, "p")));
            assertTrue(chat.lastDelivery().users().contains(id(dave)), "the removed user is told");
            refused(Reason.NOT_A_MEMBER, () -> chat.members.removeUser(a, "p", id(dave)));

            chat.service.setName(a, "p", "Renamed");
            assertEquals("Renamed", chat.info(b, "p").name());
            assertEquals(
                    List.of("p"),
                    chat.queries.search(b, "renam", List.of(), Set.of(), null, 0, 10).items().stream()
                            .map(ChatInfo::id)
                            .toList());
            assertEquals(
                    0,
                    chat.queries
                            .search(chat.session(dave), "renam", List.of(), Set.of(), null, 0, 10)
                            .total());
        });
    }

    @TestFactory
    Stream<DynamicTest> roomsBelongToSessions() {
        return onEachDatabase("room", chat -> {
            DomainUserView alice = chat.domain.user("alice");
            DomainUserView bob = chat.domain.user("bob");
            ChatSession a = chat.session(alice);
            ChatSession b1 = chat.session(bob, "bob-1");
            ChatSession b2 = chat.session(bob, "bob-2");

            refused(
                    Reason.INVALID,
                    () -> chat.service.create(a, "r", ChatType.ROOM, ChatMembership.PRIVATE, "", "", List.of()));
            chat.service.create(a, "r", ChatType.ROOM, ChatMembership.PUBLIC, "", "", List.of(id(bob)));
            assertEquals(List.of(), chat.info(a, "r").members(), "a room starts without members");

            assertEquals(List.of(id(bob)), memberIds(chat.members.join(b1, "r")));
            assertEquals(Set.of("bob-1"), chat.lastDelivery().sessions());
            int deliveries = chat.delivered.size();
            ChatInfo second = chat.members.join(b2, "r");
            assertEquals(1, second.lastEventNumber(), "a second session of a joined user is no new event");
            assertEquals(deliveries, chat.delivered.size());
            chat.members.join(b2, "r");

            ChatEvent message = chat.service.publish(b1, "r", "hi");
            assertEquals(Set.of("bob-1", "bob-2"), chat.lastDelivery().sessions());
            assertEquals(
                    "bob-1",
                    ((ChatDelivery.Event) chat.lastDelivery().payload()).session(),
                    "the sender's session goes with the event (G3 clients name the sender by it)");
            assertEquals(Set.of(), chat.lastDelivery().users());
            refused(Reason.NOT_JOINED, () -> chat.service.publish(a, "r", "hi"));
            chat.service.markSeen(b2, "r", message.number());
            assertEquals(message.number(), chat.info(a, "r").members().get(0).maxSeen());
            assertEquals(
                    List.of("r"),
                    chat.queries.joined(b1).stream().map(ChatInfo::id).toList());

            chat.members.sessionEnded(b1);
            assertEquals(List.of(id(bob)), memberIds(chat.info(a, "r")), "bob is still there with his other session");
            refused(Reason.NOT_JOINED, () -> chat.service.publish(b1, "r", "gone"));
            chat.members.leave(b2, "r");
            assertEquals(ChatEventType.USER_LEFT, event(chat.lastDelivery()).type());
            assertEquals(Set.of("bob-2"), chat.lastDelivery().sessions());
            assertEquals(List.of(), chat.info(a, "r").members());
            refused(Reason.NOT_JOINED, () -> chat.members.leave(b2, "r"));
            refused(Reason.NOT_SUPPORTED, () -> chat.members.addUser(a, "r", id(bob)));
        });
    }

    @TestFactory
    Stream<DynamicTest> directChatsAreFoundByTheirMembers() {
        return onEachDatabase("direct", chat -> {
            DomainUserView alice = chat.domain.user("alice");
            DomainUserView bob = chat.domain.user("bob");
            ChatSession a = chat.session(alice);
            ChatSession b = chat.session(bob);

            ChatInfo first = chat.service.direct(a, List.of(List.of(id(bob)))).get(0);
            assertEquals(ChatType.DIRECT, first.type());
            assertEquals(List.of(id(alice), id(bob)), memberIds(first));
            assertEquals(
                    first.id(),
                    chat.service.direct(b, List.of(List.of(id(alice)))).get(0).id());
            assertEquals(
                    first.id(),
                    chat.service
                            .direct(a, List.of(Set.of(id(bob), id(alice))))
                            .get(0)
                            .id());
            refused(Reason.USER_NOT_FOUND, () -> chat.service.direct(a, List.of(List.of(normal("nobody")))));
            refused(Reason.NOT_SUPPORTED, () -> chat.members.join(b, first.id()));
            refused(Reason.NOT_SUPPORTED, () -> chat.members.leave(b, first.id()));
            chat.service.publish(b, first.id(), "psst");
            assertEquals(Set.of(id(alice), id(bob)), chat.lastDelivery().users());
        });
    }

    @TestFactory
    Stream<DynamicTest> administratorsReadWithoutJoining() {
        return onEachDatabase("admin", chat -> {
            DomainUserView alice = chat.domain.user("alice");
            ChatSession a = chat.session(alice);
            ChatSession admin = chat.session(TestDomain.administrator("root"), ChatAdministration.SESSION_ID);
            chat.service.create(a, "c", ChatType.CHANNEL, ChatMembership.PRIVATE, "", "", List.of(id(alice)));
            chat.service.publish(a, "c", "Hello World");
            chat.service.publish(a, "c", "bye");

            refused(Reason.UNAUTHORIZED, () -> chat.queries.events(a, "c", null, false, 0, 10, Set.of(), null));
            ChatQueries.Page<ChatEvent> found = chat.queries.events(admin, "c", null, false, 0, 10, Set.of(), "WORLD");
            assertEquals(List.of(1L), numbers(found.items()));
            assertEquals(1, found.total());
            assertEquals(
                    List.of("c"),
                    chat.queries.search(admin, null, List.of(), Set.of(), null, 0, 10).items().stream()
                            .map(ChatInfo::id)
                            .toList());
        });
    }

    private static void refused(Reason reason, Executable call) {
        ChatException e = assertThrows(ChatException.class, call);
        assertEquals(reason, e.chatReason(), e.getMessage());
    }

    private static ChatEvent event(ChatDelivery delivery) {
        return ((ChatDelivery.Event) delivery.payload()).event();
    }

    private static List<DomainUserId> memberIds(ChatInfo info) {
        return info.members().stream().map(ChatMember::user).toList();
    }

    private static List<Long> numbers(List<ChatEvent> events) {
        return events.stream().map(ChatEvent::number).toList();
    }

    private static DomainUserId id(DomainUserView user) {
        return DomainUserId.of(user);
    }

    private static DomainUserId normal(String username) {
        return DomainUserId.normal(username);
    }
}
