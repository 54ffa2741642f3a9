package dev.tandem.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.chat.ChatRooms.RoomKey;
import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.testing.MemoryCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A room's members across two nodes: each node's {@link ChatRooms} over one shared directory. */
class SharedRoomsTest {

    private static final RoomKey ROOM = new RoomKey("ns", "d", "room");
    private static final DomainUserView ANN = new DomainUserView(UserType.NORMAL, "ann", null, null, null, null);
    private static final DomainUserView BEN = new DomainUserView(UserType.NORMAL, "ben", null, null, null, null);

    private final MemoryCluster cluster = new MemoryCluster();
    private final ChatRooms a = node("a");
    private final ChatRooms b = node("b");

    private ChatRooms node(String id) {
        ChatRooms rooms = new ChatRooms();
        rooms.share(new VersionedEntries<>(
                cluster.join(id), "chat-rooms", SharedRoom::parse, SharedRoom.ABSENT, Runnable::run, (k, v, n) -> {}));
        return rooms;
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private static List<String> members(ChatRooms rooms) {
        return rooms.members(ROOM).stream()
                .map(m -> m.user().username() + "@" + m.maxSeen())
                .toList();
    }

    @Test
    void aUserJoinsAndLeavesARoomOnceWhateverNodesItsSessionsAreOn() {
        assertTrue(a.join(ROOM, "ann-1", ANN), "ann's first session joins the user");
        assertFalse(b.join(ROOM, "ann-2", ANN), "her second, on another node, does not join her again");
        assertTrue(b.join(ROOM, "ben-1", BEN));
        assertEquals(List.of("ann@-1", "ben@-1"), members(a), "every node's sessions count");
        assertEquals(members(a), members(b));
        assertEquals(java.util.Set.of("ann-1"), a.sessions(ROOM), "each node delivers to its own sessions");

        b.markSeen(ROOM, DomainUserId.of(ANN), 4);
        a.markSeen(ROOM, DomainUserId.of(ANN), 2);
        assertEquals(List.of("ann@4", "ben@-1"), members(a), "a seen marker only rises");

        assertFalse(a.leave(ROOM, "ann-1"), "ann is still in the room on b");
        assertTrue(b.leave(ROOM, "ann-2"), "her last session leaves the user");
        assertEquals(List.of("ben@-1"), members(a));
    }

    @Test
    void theSessionsOfANodeThatLeftLeaveItsRoomsAndItsUsersWithNoSessionLeftAreReported() throws Exception {
        DomainUserView cat = new DomainUserView(UserType.NORMAL, "cat", null, null, null, null);
        a.join(ROOM, "ann-1", ANN);
        b.join(ROOM, "ben-1", BEN);
        b.join(ROOM, "ann-2", ANN);
        b.join(ROOM, "cat-1", cat);
        RoomKey other = new RoomKey("ns", "d", "quiet");
        a.join(other, "ann-3", ANN);
        cluster.leave("b");
        List<String> reported = new ArrayList<>();
        a.memberLeft(
                "b",
                (room, users, joined) -> reported.add(room.chatId() + ": "
                        + users.stream().map(DomainUserId::username).sorted().toList() + " left, " + joined
                        + " joined"));
        assertEquals(List.of("ann@-1"), members(a));
        assertEquals(
                List.of("room: [ben, cat] left, [ann-1] joined"),
                reported,
                "ann still has a session in the room; a room without b's sessions reports nothing");
    }
}
