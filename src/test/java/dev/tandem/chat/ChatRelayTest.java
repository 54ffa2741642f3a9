package dev.tandem.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChatRelayTest {

    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId GUEST = new DomainUserId(UserType.ANONYMOUS, "guest:1/x");

    static Stream<ChatDelivery> deliveries() {
        Instant at = Instant.parse("2026-12-06T20:00:00.123456Z");
        return Stream.of(
                new ChatDelivery(
                        "ns",
                        "d",
                        "room-1",
                        new ChatDelivery.Event(
                                new ChatEvent(
                                        "room-1",
                                        7,
                                        ChatEventType.MESSAGE,
                                        ALICE,
                                        at,
                                        null,
                                        "héllo \"there\"",
                                        null,
                                        List.of()),
                                "session-1"),
                        Set.of(),
                        Set.of()),
                new ChatDelivery(
                        "ns",
                        "d",
                        "channel",
                        new ChatDelivery.Event(
                                new ChatEvent(
                                        "channel",
                                        1,
                                        ChatEventType.CREATED,
                                        ALICE,
                                        at,
                                        null,
                                        "name",
                                        "topic",
                                        List.of(ALICE, GUEST)),
                                null),
                        Set.of(ALICE, GUEST),
                        Set.of()),
                new ChatDelivery(
                        "ns",
                        "d",
                        "channel",
                        new ChatDelivery.Event(
                                new ChatEvent(
                                        "channel",
                                        2,
                                        ChatEventType.USER_ADDED,
                                        ALICE,
                                        at,
                                        GUEST,
                                        null,
                                        null,
                                        List.of()),
                                "admin-api"),
                        Set.of(ALICE),
                        Set.of()),
                new ChatDelivery("ns", "d", "direct", new ChatDelivery.Seen(GUEST, 12), Set.of(ALICE), Set.of()),
                new ChatDelivery("ns", "d", "gone", new ChatDelivery.Removed(), Set.of(ALICE), Set.of()));
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void aDeliveryCrossesToAnotherNodeUnchangedButForTheSessionsWhichAreEachNodesOwn(ChatDelivery delivery) {
        ChatDelivery decoded = ChatRelay.decode(ChatRelay.encode(delivery));
        assertEquals(delivery.namespace(), decoded.namespace());
        assertEquals(delivery.chatId(), decoded.chatId());
        assertEquals(delivery.users(), decoded.users());
        if (delivery.payload() instanceof ChatDelivery.Removed) {
            assertTrue(decoded.payload() instanceof ChatDelivery.Removed);
        } else {
            assertEquals(delivery.payload(), decoded.payload());
        }
    }

    @Test
    void aRoomsDeliveryReachesTheSessionsJoinedHereAndAppliesItsSeenMarkerAndRemoval() {
        ChatRooms rooms = new ChatRooms();
        RoomKey room = new RoomKey("ns", "d", "room");
        DomainUserView bob = new DomainUserView(UserType.NORMAL, "bob", "Bob", "Bob", "B", null);
        rooms.join(room, "s-here", bob);
        List<ChatDelivery> delivered = new ArrayList<>();

        ChatRelay.localDelivery(
                new ChatDelivery("ns", "d", "room", new ChatDelivery.Seen(ALICE, 3), Set.of(), Set.of("s-there")),
                rooms,
                delivered::add);
        assertEquals(Set.of("s-here"), delivered.get(0).sessions(), "this node's joined sessions, not the sender's");
        assertEquals(
                List.of(new ChatMember(DomainUserId.normal("bob"), -1L)),
                rooms.members(room).subList(0, 1));

        ChatRelay.localDelivery(
                new ChatDelivery("ns", "d", "other-room", new ChatDelivery.Seen(ALICE, 3), Set.of(), Set.of()),
                rooms,
                delivered::add);
        assertEquals(1, delivered.size(), "nobody here is in that room: nothing to deliver");

        ChatRelay.localDelivery(
                new ChatDelivery("ns", "d", "room", new ChatDelivery.Removed(), Set.of(), Set.of()),
                rooms,
                delivered::add);
        assertEquals(Set.of("s-here"), delivered.get(1).sessions());
        assertEquals(Set.of(), rooms.sessions(room), "the room is gone here too");
    }
}
