package dev.tandem.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChatPermissionsTest {

    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId BOB = DomainUserId.normal("bob");

    private static ChatPermissions permissions(
            Set<ChatPermission> world,
            Map<DomainUserId, Set<ChatPermission>> users,
            Map<String, Set<ChatPermission>> groups) {
        return new ChatPermissions(new Grants<>(world, users, groups));
    }

    @Test
    void resolvesToTheUnionOfWorldGroupsAndUser() {
        ChatPermissions permissions = permissions(
                Set.of(ChatPermission.SET_TOPIC),
                Map.of(ALICE, Set.of(ChatPermission.SET_NAME)),
                Map.of("editors", Set.of(ChatPermission.ADD_USER), "other", Set.of(ChatPermission.REMOVE)));

        assertEquals(
                EnumSet.of(ChatPermission.SET_TOPIC, ChatPermission.SET_NAME, ChatPermission.ADD_USER),
                permissions.resolve(ALICE, () -> List.of("editors")),
                "a user entry never hides the world's");
        assertEquals(EnumSet.of(ChatPermission.SET_TOPIC), permissions.resolve(BOB, List::of));
    }

    @Test
    void groupsAreLookedUpOnlyWhenSomeGroupHasAnEntry() {
        AtomicInteger lookups = new AtomicInteger();
        permissions(Set.of(ChatPermission.JOIN), Map.of(), Map.of()).resolve(BOB, () -> {
            lookups.incrementAndGet();
            return List.of();
        });
        assertEquals(0, lookups.get());
    }

    @Test
    void theCreatorHoldsEverythingOnTheChatAndNobodyElseAnything() {
        ChatPermissions created = ChatPermissions.createdBy(ALICE);
        Set<ChatPermission> alice = created.resolve(ALICE, List::of);
        assertEquals(ChatPermission.existingChat(), alice);
        assertTrue(alice.contains(ChatPermission.MANAGE));
        assertFalse(alice.contains(ChatPermission.CREATE), "creating is not a permission on one chat");
        assertTrue(created.resolve(BOB, List::of).isEmpty());
        assertTrue(ChatPermissions.NONE.resolve(ALICE, List::of).isEmpty());
    }

    @Test
    void domainAdministratorsHoldEverything() {
        assertEquals(
                EnumSet.allOf(ChatPermission.class),
                ChatPermissions.NONE.resolve(new DomainUserId(UserType.CONVERGENCE, "admin"), List::of));
    }

    @Test
    void wireNamesAreTheClients() {
        assertEquals("create_chat_channel", ChatPermission.CREATE.wireName());
        assertEquals("manage_chat_permissions", ChatPermission.MANAGE.wireName());
        assertEquals(ChatPermission.SET_TOPIC, ChatPermission.fromWire("set_topic"));
        assertThrows(IllegalArgumentException.class, () -> ChatPermission.fromWire("manage"));
        assertEquals(
                EnumSet.of(ChatEventType.MESSAGE, ChatEventType.USER_JOINED),
                ChatEventType.fromWire(List.of("message", "user_joined")));
        assertThrows(IllegalArgumentException.class, () -> ChatEventType.fromWire(List.of("seen")));
        assertEquals(ChatType.ROOM, ChatType.fromWire("room"));
        assertThrows(IllegalArgumentException.class, () -> ChatMembership.fromWire("secret"));
    }

    @Test
    void directKeysNameExactlyOneSetOfUsers() {
        String aliceBob = ChatService.directKey(List.of(ALICE, BOB));
        assertEquals(aliceBob, ChatService.directKey(List.of(ALICE, BOB)));
        assertFalse(aliceBob.equals(ChatService.directKey(List.of(ALICE, BOB, DomainUserId.normal("erin")))));
        assertFalse(
                aliceBob.equals(ChatService.directKey(List.of(ALICE, new DomainUserId(UserType.ANONYMOUS, "bob")))),
                "the user type is part of the identity");
        assertEquals(64, aliceBob.length());
    }
}
