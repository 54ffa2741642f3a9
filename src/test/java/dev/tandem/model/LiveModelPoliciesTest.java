package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.server.ModelOperationProcessor;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A live model's permissions (open, write, changes), snapshot policy and idle unload, in its writer. */
class LiveModelPoliciesTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelPermissions READ_ONLY = new ModelPermissions(true, false, false, false);

    /** Records the versions of the snapshots taken. */
    static final class SnapshotStore extends MemoryModelStore {
        final List<Long> snapshots = new ArrayList<>();

        @Override
        public void snapshot(String modelRef, String domainRef, long version, Instant modifiedAt, ObjectValue data) {
            snapshots.add(version);
        }
    }

    private final SnapshotStore store = new SnapshotStore();
    private final AtomicReference<ModelAccess> access = new AtomicReference<>(ModelAccess.OPEN);
    private final CountDownLatch unloaded = new CountDownLatch(1);
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    private LiveModel model(SnapshotPolicy snapshots, Duration idle) {
        ObjectValue root = new ObjectValue("0:0", Map.of("n", new NumberValue("0:1", 0)));
        ModelStore.StoredModel stored = new ModelStore.StoredModel("ref", "domain", "m", "c", 1, CREATED, CREATED);
        // A direct executor: every task runs at once, in the caller's (or the timer's) thread.
        return new LiveModel(
                new ModelContext(store, new OperationLog(store, Runnable::run), Runnable::run),
                stored,
                new LiveModel.Loaded(new ModelOperationProcessor(new ModelTree(root), 1), CREATED, 1, CREATED),
                new ModelPolicies(access::get, snapshots, idle, timer),
                LiveModelFixtures.owner(unloaded::countDown));
    }

    private static Recorder user(String sessionId, String username) {
        return new Recorder(sessionId, new DomainUserView(UserType.NORMAL, username, username, null, null, null));
    }

    private static ModelAccess modelUsers(Map<DomainUserId, ModelPermissions> users) {
        return new ModelAccess(
                new ModelPermissionSettings(false, ModelPermissions.NONE, users), CollectionPermissions.NONE, Map.of());
    }

    private static NumberDeltaOperation add() {
        return new NumberDeltaOperation("0:1", false, 1);
    }

    @Test
    void openNeedsRead() {
        access.set(modelUsers(Map.of(DomainUserId.normal("alice"), READ_ONLY)));
        LiveModel model = model(SnapshotPolicy.DEFAULT, Duration.ZERO);
        Recorder bob = user("b", "bob");
        model.open(bob);
        assertEquals(List.of("failed unauthorized"), bob.events);
        assertEquals(0, unloaded.getCount(), "loaded for a refused open only: unloaded again");
    }

    @Test
    void anOperationWithoutWriteIsAppliedNowhereAndClosesItsSession() {
        access.set(modelUsers(
                Map.of(DomainUserId.normal("alice"), ModelPermissions.ALL, DomainUserId.normal("bob"), READ_ONLY)));
        LiveModel model = model(SnapshotPolicy.DEFAULT, Duration.ZERO);
        Recorder alice = user("a", "alice");
        Recorder bob = user("b", "bob");
        model.open(alice);
        model.open(bob);
        alice.events.clear();
        model.submit(alice, 1, 1, add());
        model.submit(bob, 1, 2, add());
        assertEquals(List.of("ack 1@1", "closed b"), alice.events);
        assertEquals(List.of("opened 1", "op a@1", "forceClosed UNAUTHORIZED"), bob.events);
        assertEquals(1, store.log.size(), "only alice's operation is logged");
    }

    @Test
    void changedPermissionsReachOpenSessionsAndLosingReadForceCloses() {
        DomainUserId aliceId = DomainUserId.normal("alice");
        DomainUserId bobId = DomainUserId.normal("bob");
        access.set(modelUsers(Map.of(aliceId, ModelPermissions.ALL, bobId, ModelPermissions.ALL)));
        LiveModel model = model(SnapshotPolicy.DEFAULT, Duration.ZERO);
        Recorder alice = user("a", "alice");
        Recorder bob = user("b", "bob");
        model.open(alice);
        model.open(bob);
        alice.events.clear();
        bob.events.clear();

        access.set(modelUsers(Map.of(aliceId, ModelPermissions.ALL, bobId, READ_ONLY)));
        model.permissionsChanged();
        assertEquals(List.of(), alice.events, "alice's permissions did not change");
        assertEquals(List.of("permissions " + READ_ONLY), bob.events);

        access.set(modelUsers(Map.of(aliceId, ModelPermissions.ALL)));
        model.permissionsChanged();
        assertEquals(List.of("permissions " + READ_ONLY, "forceClosed PERMISSION_ERROR"), bob.events);
        assertEquals(List.of("closed b"), alice.events);
    }

    @Test
    void resyncAfterReadWasRevokedFails() {
        access.set(modelUsers(Map.of()));
        LiveModel model = model(SnapshotPolicy.DEFAULT, Duration.ZERO);
        Recorder alice = user("a", "alice");
        model.resync(alice, 1);
        assertEquals(List.of("failed unauthorized"), alice.events);
    }

    @Test
    void snapshotsFollowThePolicyAfterGroupCommit() {
        SnapshotPolicy everyThird =
                new SnapshotPolicy(true, true, 2, false, 0, false, Duration.ofDays(1), false, Duration.ZERO);
        LiveModel model = model(everyThird, Duration.ZERO);
        Recorder alice = user("a", "alice");
        model.open(alice);
        for (int i = 1; i <= 7; i++) {
            model.submit(alice, i, i, add());
        }
        // Versions 2..8; more than 2 versions after the last snapshot (1, then 4, then 7) requires one.
        assertEquals(List.of(4L, 7L), store.snapshots);
        model.close(alice, true);
        assertEquals(List.of(4L, 7L, 8L), store.snapshots, "unloading snapshots what changed since");
    }

    @Test
    void disabledSnapshotsAreNotTakenEvenOnUnload() {
        LiveModel model = model(SnapshotPolicy.DISABLED, Duration.ZERO);
        Recorder alice = user("a", "alice");
        model.open(alice);
        model.submit(alice, 1, 1, add());
        model.close(alice, true);
        assertEquals(List.of(), store.snapshots);
        assertEquals(0, unloaded.getCount());
    }

    @Test
    void anIdleModelStaysLoadedForTheIdleTimeAndAReopenKeepsIt() throws InterruptedException {
        // an idle time long enough that a loaded machine cannot delay the reopen past it (this test once failed at a
        // load average of 14 with 300 ms)
        LiveModel model = model(SnapshotPolicy.DEFAULT, Duration.ofMillis(1500));
        Recorder alice = user("a", "alice");
        model.open(alice);
        model.submit(alice, 1, 1, add());
        model.close(alice, true);
        assertFalse(unloaded.await(100, TimeUnit.MILLISECONDS), "still loaded within the idle time");
        Recorder again = user("a2", "alice");
        model.open(again);
        assertTrue(again.events.get(0).startsWith("opened 2"), again.events.toString());
        assertFalse(unloaded.await(1700, TimeUnit.MILLISECONDS), "the earlier idle timer must not unload it");
        assertEquals(List.of(), store.snapshots);
        model.close(again, true);
        assertTrue(unloaded.await(10, TimeUnit.SECONDS), "unloaded after the idle time");
        assertEquals(List.of(2L), store.snapshots, "with a snapshot of what changed");
    }
}
