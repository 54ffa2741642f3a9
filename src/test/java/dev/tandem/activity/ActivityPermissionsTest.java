package dev.tandem.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActivityPermissionsTest {

    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId BOB = DomainUserId.normal("bob");

    private static Set<ActivityPermission> set(ActivityPermission... permissions) {
        EnumSet<ActivityPermission> result = EnumSet.noneOf(ActivityPermission.class);
        result.addAll(List.of(permissions));
        return result;
    }

    @Test
    void noPermissionsAtAllMeansOpenButNotRemovable() {
        assertEquals(ActivityPermissions.OPEN, ActivityPermissions.UNSPECIFIED.resolve(ALICE, List::of));
    }

    @Test
    void userEntryBeatsGroupsWhichBeatWorld() {
        ActivityPermissions permissions = new ActivityPermissions(
                set(ActivityPermission.VIEW_STATE),
                Map.of(ALICE, set(ActivityPermission.JOIN)),
                Map.of("editors", set(ActivityPermission.SET_STATE), "viewers", set(ActivityPermission.LURK)));

        assertEquals(
                set(ActivityPermission.JOIN, ActivityPermission.LURK),
                permissions.resolve(ALICE, () -> List.of("editors")),
                "join implies lurk");
        assertEquals(
                set(ActivityPermission.SET_STATE, ActivityPermission.LURK),
                permissions.resolve(BOB, () -> List.of("editors", "viewers", "other")));
        assertEquals(set(ActivityPermission.VIEW_STATE), permissions.resolve(BOB, () -> List.of("other")));
    }

    @Test
    void groupsAreOnlyAskedWhenGroupEntriesExist() {
        ActivityPermissions permissions =
                new ActivityPermissions(set(ActivityPermission.VIEW_STATE), Map.of(), Map.of());
        assertEquals(set(ActivityPermission.VIEW_STATE), permissions.resolve(BOB, () -> {
            throw new AssertionError("groups looked up");
        }));
    }

    @Test
    void manageAndDomainAdminsHoldEverything() {
        ActivityPermissions permissions = new ActivityPermissions(set(ActivityPermission.MANAGE), Map.of(), Map.of());
        assertEquals(EnumSet.allOf(ActivityPermission.class), permissions.resolve(BOB, List::of));
        ActivityPermissions closed = new ActivityPermissions(set(ActivityPermission.VIEW_STATE), Map.of(), Map.of());
        assertEquals(
                EnumSet.allOf(ActivityPermission.class),
                closed.resolve(new DomainUserId(UserType.CONVERGENCE, "admin"), List::of));
    }

    @Test
    void wireNamesRoundTripAndUnknownNamesAreRefused() {
        for (ActivityPermission permission : ActivityPermission.values()) {
            assertEquals(permission, ActivityPermission.fromWire(permission.wireName()));
        }
        assertEquals(
                set(ActivityPermission.JOIN, ActivityPermission.VIEW_STATE),
                JdbcActivityStore.parse(
                        JdbcActivityStore.names(set(ActivityPermission.VIEW_STATE, ActivityPermission.JOIN))));
        assertEquals(Set.of(), JdbcActivityStore.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ActivityPermission.fromWire("fly"));
        assertThrows(IllegalArgumentException.class, () -> ActivityId.of("", "x"));
        assertThrows(IllegalArgumentException.class, () -> ActivityId.of("t", "x".repeat(256)));
    }
}
