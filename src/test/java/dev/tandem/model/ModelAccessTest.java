package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Permission resolution: model user, collection user, model world if overridden, collection world. */
class ModelAccessTest {

    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId BOB = DomainUserId.normal("bob");
    private static final DomainUserId ANONYMOUS_ALICE = new DomainUserId(UserType.ANONYMOUS, "alice");
    private static final DomainUserId ADMIN = new DomainUserId(UserType.CONVERGENCE, "admin");

    private static final ModelPermissions READ_ONLY = new ModelPermissions(true, false, false, false);
    private static final ModelPermissions READ_WRITE = new ModelPermissions(true, true, false, false);
    private static final CollectionPermissions COLLECTION_READ_WRITE =
            new CollectionPermissions(false, true, true, false, false);
    private static final CollectionPermissions COLLECTION_WORLD =
            new CollectionPermissions(true, true, false, true, false);

    private static ModelAccess access(
            boolean overrideWorld,
            ModelPermissions modelWorld,
            Map<DomainUserId, ModelPermissions> modelUsers,
            Map<DomainUserId, CollectionPermissions> collectionUsers) {
        return new ModelAccess(
                new ModelPermissionSettings(overrideWorld, modelWorld, modelUsers), COLLECTION_WORLD, collectionUsers);
    }

    @Test
    void collectionWorldAppliesWhenNothingElseDoes() {
        ModelAccess access = access(false, ModelPermissions.ALL, Map.of(), Map.of());
        // The model's world is ignored without the override flag.
        assertEquals(new ModelPermissions(true, false, true, false), access.permissionsOf(ALICE));
    }

    @Test
    void modelWorldReplacesCollectionWorldOnlyWhenOverridden() {
        ModelAccess access = access(true, READ_ONLY, Map.of(), Map.of());
        assertEquals(READ_ONLY, access.permissionsOf(ALICE));
    }

    @Test
    void collectionUserEntryWinsOverEitherWorld() {
        ModelAccess access = access(true, ModelPermissions.NONE, Map.of(), Map.of(ALICE, COLLECTION_READ_WRITE));
        assertEquals(READ_WRITE, access.permissionsOf(ALICE));
        assertEquals(ModelPermissions.NONE, access.permissionsOf(BOB));
    }

    @Test
    void modelUserEntryWinsOverEverythingAndIsTakenWhole() {
        ModelAccess access = access(
                true,
                ModelPermissions.ALL,
                Map.of(ALICE, ModelPermissions.NONE),
                Map.of(ALICE, CollectionPermissions.ALL));
        assertEquals(ModelPermissions.NONE, access.permissionsOf(ALICE));
        assertEquals(ModelPermissions.ALL, access.permissionsOf(BOB));
    }

    @Test
    void usersAreTheirTypeAndUsernameTogether() {
        ModelAccess access = access(false, ModelPermissions.NONE, Map.of(ALICE, ModelPermissions.ALL), Map.of());
        assertEquals(ModelPermissions.ALL, access.permissionsOf(ALICE));
        assertEquals(COLLECTION_WORLD.forModel(), access.permissionsOf(ANONYMOUS_ALICE));
    }

    @Test
    void domainAdministratorsMayDoEverything() {
        ModelAccess access = access(true, ModelPermissions.NONE, Map.of(ADMIN, ModelPermissions.NONE), Map.of());
        assertEquals(ModelPermissions.ALL, access.permissionsOf(ADMIN));
        assertEquals(ModelPermissions.ALL, ModelAccess.NONE.permissionsOf(ADMIN));
        assertEquals(ModelPermissions.NONE, ModelAccess.NONE.permissionsOf(ALICE));
    }

    @Test
    void createNeedsTheCollectionsCreatePermission() {
        Map<DomainUserId, CollectionPermissions> users = Map.of(BOB, COLLECTION_READ_WRITE);
        assertTrue(ModelAccess.mayCreate(ALICE, COLLECTION_WORLD, users));
        assertFalse(ModelAccess.mayCreate(BOB, COLLECTION_WORLD, users));
        assertFalse(ModelAccess.mayCreate(ALICE, CollectionPermissions.NONE, Map.of()));
        assertTrue(ModelAccess.mayCreate(ADMIN, CollectionPermissions.NONE, Map.of()));
    }

    @Test
    void aChangeKeepsWhatItDoesNotName() {
        ModelPermissionSettings current =
                new ModelPermissionSettings(true, READ_ONLY, Map.of(ALICE, ModelPermissions.ALL, BOB, READ_ONLY));
        ModelPermissionSettings onlyUsers =
                new ModelPermissionChange(null, null, false, Map.of(BOB, READ_WRITE), List.of(ALICE)).applyTo(current);
        assertEquals(new ModelPermissionSettings(true, READ_ONLY, Map.of(BOB, READ_WRITE)), onlyUsers);
        ModelPermissionSettings replaced = new ModelPermissionChange(
                        false, ModelPermissions.NONE, true, Map.of(ANONYMOUS_ALICE, READ_ONLY), List.of())
                .applyTo(current);
        assertEquals(
                new ModelPermissionSettings(false, ModelPermissions.NONE, Map.of(ANONYMOUS_ALICE, READ_ONLY)),
                replaced);
    }
}
