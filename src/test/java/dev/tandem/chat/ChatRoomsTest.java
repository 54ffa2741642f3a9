package dev.tandem.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatRoomsTest {

    private static final RoomKey ROOM = new RoomKey("ns", "d", "room");
    private static final RoomKey OTHER = new RoomKey("ns", "d", "other");
    private static final DomainUserView ALICE = new DomainUserView(UserType.NORMAL, "alice", null, null, null, null);
    private static final DomainUserView BOB = new DomainUserView(UserType.NORMAL, "bob", null, null, null, null);

    private static List<String> users(List<ChatMember> members) {
        return members.stream().map(m -> m.user().username()).toList();
    }

    @Test
    void aUserJoinsWithItsFirstSessionAndLeavesWithItsLast() {
        ChatRooms rooms = new ChatRooms();
        assertTrue(rooms.join(ROOM, "a1", ALICE));
        assertFalse(rooms.join(ROOM, "a2", ALICE), "a second session of the same user is no new member");
        assertTrue(rooms.join(ROOM, "b1", BOB));
        assertEquals(List.of("alice", "bob"), users(rooms.members(ROOM)));
        assertEquals(Set.of("a1", "a2", "b1"), rooms.sessions(ROOM));

        assertFalse(rooms.leave(ROOM, "a1"), "alice still has a session in the room");
        assertTrue(rooms.leave(ROOM, "a2"));
        assertFalse(rooms.leave(ROOM, "a2"), "leaving twice is not leaving again");
        assertEquals(List.of("bob"), users(rooms.members(ROOM)));
        assertFalse(rooms.isJoined(ROOM, "a1"));
        assertTrue(rooms.isJoined(ROOM, "b1"));
    }

    @Test
    void roomsOfASessionAreKnownForItsEnd() {
        ChatRooms rooms = new ChatRooms();
        rooms.join(ROOM, "a1", ALICE);
        rooms.join(OTHER, "a1", ALICE);
        assertEquals(Set.of(ROOM, OTHER), Set.copyOf(rooms.roomsOf("a1")));
        rooms.leave(ROOM, "a1");
        assertEquals(List.of(OTHER), rooms.roomsOf("a1"));
        rooms.leave(OTHER, "a1");
        assertTrue(rooms.roomsOf("a1").isEmpty());
        assertTrue(rooms.members(OTHER).isEmpty());
    }

    @Test
    void seenMarkersRiseOnlyAndEndWithTheUsersMembership() {
        ChatRooms rooms = new ChatRooms();
        rooms.join(ROOM, "a1", ALICE);
        rooms.join(ROOM, "b1", BOB);
        rooms.markSeen(ROOM, DomainUserId.of(ALICE), 5);
        rooms.markSeen(ROOM, DomainUserId.of(ALICE), 3);
        assertEquals(
                List.of(5L, -1L),
                rooms.members(ROOM).stream().map(ChatMember::maxSeen).toList());
        rooms.leave(ROOM, "a1");
        rooms.join(ROOM, "a2", ALICE);
        assertEquals(-1L, rooms.members(ROOM).get(1).maxSeen(), "a member that left starts over");
    }

    @Test
    void removingARoomReturnsItsSessionsAndForgetsThem() {
        ChatRooms rooms = new ChatRooms();
        rooms.join(ROOM, "a1", ALICE);
        rooms.join(ROOM, "b1", BOB);
        assertEquals(Set.of("a1", "b1"), rooms.remove(ROOM));
        assertTrue(rooms.roomsOf("a1").isEmpty());
        assertTrue(rooms.sessions(ROOM).isEmpty());
        assertEquals(Set.of(), rooms.remove(ROOM));
    }
}
