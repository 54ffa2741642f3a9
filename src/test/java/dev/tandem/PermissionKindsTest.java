package dev.tandem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.activity.ActivityPermission;
import dev.tandem.activity.ActivityPermissions;
import dev.tandem.chat.ChatPermission;
import dev.tandem.chat.ChatPermissions;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import dev.tandem.model.CollectionPermissions;
import dev.tandem.model.ModelAccess;
import dev.tandem.model.ModelPermissionSettings;
import dev.tandem.model.ModelPermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * World, user, group and administrator, for every kind of target, through each capability's own type: chats add up
 * every match, activities and models take the most specific one (models over two targets, the model before its
 * collection, and without groups). All three resolve through {@link dev.tandem.identity.PermissionResolver}; this
 * table is what the compat suites {@code permissions}, {@code model-permissions}, {@code chat} and
 * {@code activities} see with the real client.
 */
class PermissionKindsTest {

    private static final DomainUserId ADMIN = new DomainUserId(UserType.CONVERGENCE, "admin");
    /** Has an entry of their own, and is staff. */
    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    /** Staff only. */
    private static final DomainUserId BOB = DomainUserId.normal("bob");
    /** Known by nothing. */
    private static final DomainUserId CAROL = DomainUserId.normal("carol");

    private static List<String> groupsOf(DomainUserId user) {
        return user.equals(ALICE) || user.equals(BOB) ? List.of("staff") : List.of();
    }

    // chat: world JOIN, alice LEAVE, staff SET_NAME
    private static final ChatPermissions CHAT = new ChatPermissions(new Grants<>(
            EnumSet.of(ChatPermission.JOIN),
            Map.of(ALICE, EnumSet.of(ChatPermission.LEAVE)),
            Map.of("staff", EnumSet.of(ChatPermission.SET_NAME))));

    // activity: world VIEW_STATE, alice SET_STATE, staff JOIN
    private static final ActivityPermissions ACTIVITY = new ActivityPermissions(
            EnumSet.of(ActivityPermission.VIEW_STATE),
            Map.of(ALICE, EnumSet.of(ActivityPermission.SET_STATE)),
            Map.of("staff", EnumSet.of(ActivityPermission.JOIN)));

    private static final ModelPermissions READ = new ModelPermissions(true, false, false, false);
    private static final ModelPermissions WRITE = new ModelPermissions(false, true, false, false);
    private static final CollectionPermissions COLLECTION_WORLD =
            new CollectionPermissions(true, true, true, false, false);
    private static final CollectionPermissions COLLECTION_BOB =
            new CollectionPermissions(false, true, false, true, false);

    // model: alice's own entry WRITE; bob's entry on the collection; the model's world READ when it overrides
    private static ModelAccess model(boolean overrideWorld) {
        return new ModelAccess(
                new ModelPermissionSettings(overrideWorld, READ, Map.of(ALICE, WRITE)),
                COLLECTION_WORLD,
                Map.of(BOB, COLLECTION_BOB));
    }

    static Stream<Arguments> cases() {
        Function<DomainUserId, Object> chat = user -> CHAT.resolve(user, () -> groupsOf(user));
        Function<DomainUserId, Object> activity = user -> ACTIVITY.resolve(user, () -> groupsOf(user));
        Function<DomainUserId, Object> unspecifiedActivity =
                user -> ActivityPermissions.UNSPECIFIED.resolve(user, () -> groupsOf(user));
        Function<DomainUserId, Object> overriding = user -> model(true).permissionsOf(user);
        Function<DomainUserId, Object> inheriting = user -> model(false).permissionsOf(user);
        Function<DomainUserId, Object> create =
                user -> ModelAccess.mayCreate(user, COLLECTION_WORLD, Map.of(BOB, COLLECTION_BOB));
        return Stream.of(
                row("chat", chat, ADMIN, EnumSet.allOf(ChatPermission.class)),
                row(
                        "chat",
                        chat,
                        ALICE,
                        EnumSet.of(ChatPermission.JOIN, ChatPermission.LEAVE, ChatPermission.SET_NAME)),
                row("chat", chat, BOB, EnumSet.of(ChatPermission.JOIN, ChatPermission.SET_NAME)),
                row("chat", chat, CAROL, EnumSet.of(ChatPermission.JOIN)),
                row("activity", activity, ADMIN, EnumSet.allOf(ActivityPermission.class)),
                row("activity", activity, ALICE, EnumSet.of(ActivityPermission.SET_STATE)),
                row("activity", activity, BOB, EnumSet.of(ActivityPermission.JOIN, ActivityPermission.LURK)),
                row("activity", activity, CAROL, EnumSet.of(ActivityPermission.VIEW_STATE)),
                row(
                        "activity without permissions",
                        unspecifiedActivity,
                        ADMIN,
                        EnumSet.allOf(ActivityPermission.class)),
                row("activity without permissions", unspecifiedActivity, CAROL, ActivityPermissions.OPEN),
                row("model overriding the world", overriding, ADMIN, ModelPermissions.ALL),
                row("model overriding the world", overriding, ALICE, WRITE),
                row("model overriding the world", overriding, BOB, COLLECTION_BOB.forModel()),
                row("model overriding the world", overriding, CAROL, READ),
                row("model inheriting the world", inheriting, CAROL, COLLECTION_WORLD.forModel()),
                row("model inheriting the world", inheriting, ALICE, WRITE),
                row("creating in the collection", create, ADMIN, true),
                row("creating in the collection", create, BOB, false),
                row("creating in the collection", create, CAROL, true));
    }

    @ParameterizedTest(name = "{0}: {2} holds {3}")
    @MethodSource("cases")
    void resolves(String kind, Function<DomainUserId, Object> resolve, DomainUserId user, Object expected) {
        assertEquals(expected, resolve.apply(user));
    }

    private static Arguments row(
            String kind, Function<DomainUserId, Object> resolve, DomainUserId user, Object expected) {
        return Arguments.of(kind, resolve, user, expected);
    }
}
