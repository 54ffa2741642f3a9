package dev.tandem.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.MembershipChange;
import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.ot.operation.NumberDeltaOperation;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.value.NumberValue;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.testing.MemoryCluster;
import dev.tandem.testing.TestDatabases;
import dev.tandem.testing.TestDatabases.TestDatabase;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelService} on its real parts, without a container: the JDBC stores on a migrated in-memory H2, the node's
 * live models with their writer threads, group commit and filing. Each test has a domain of its own. What the
 * container adds (JTA transactions, the managed threads' context) is left to the in-container and compat tests; here
 * every statement runs in auto-commit, so {@code ModelThreads} logs that its writers' connections are not enlisted.
 */
class ModelServiceTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private static TestDatabase database;

    private final String domain = UUID.randomUUID().toString();
    private ModelService service;

    @BeforeAll
    static void migrate() {
        database = TestDatabases.migratedH2("model-service");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @BeforeEach
    void start() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            exec(c, "INSERT INTO namespaces (id, display_name, created_at) VALUES (?, 'ns', ?)", domain, AT);
            exec(
                    c,
                    "INSERT INTO domains (id, namespace_id, domain_id, display_name, status, anonymous_auth, "
                            + "reconnect_token_validity_minutes, created_at) VALUES (?, ?, ?, 'd', 'online', TRUE, 60, ?)",
                    domain,
                    domain,
                    domain,
                    AT);
        }
        service = startService(database.dataSource());
    }

    @AfterEach
    void stop() {
        service.live.stop();
    }

    @Test
    void aCreatedModelOpensAtVersionOneAndItsOperationsAreAcknowledgedBroadcastAndCommitted() throws Exception {
        service.create(domain, "c", "m", data(0));
        Participant a = new Participant("a");
        Participant b = new Participant("b");

        service.open(domain, "m", a);
        assertEquals("opened 1 n=0", a.next());
        service.open(domain, "m", b);
        assertEquals("opened 1 n=0", b.next());
        assertEquals("collaboratorOpened b", a.next());

        // An acknowledgement and a broadcast name the version the operation was applied to.
        service.submit(domain, "m", a, 0, 1, add(5));
        assertEquals("ack 0@1", a.next());
        assertEquals("op a@1", b.next());
        service.submit(domain, "m", b, 0, 1, add(2)); // concurrent with a's: transformed, then applied to 2
        assertEquals("ack 0@2", b.next());
        assertEquals("op b@2", a.next());

        assertEquals(3, service.committedVersion(domain, "m").orElseThrow(), "acknowledged means committed");
        ModelState state = service.current(domain, "m");
        assertEquals(3, state.version());
        assertEquals(7.0, n(state.data()));

        service.close(domain, "m", a, true);
        assertEquals("closed", a.next());
        assertEquals("collaboratorClosed a", b.next());
    }

    @Test
    void aModelLoadsOnAnotherNodeFromWhatWasCommitted() throws Exception {
        service.create(domain, "c", "m", data(1));
        Participant a = new Participant("a");
        service.open(domain, "m", a);
        a.next();
        for (int i = 0; i < 3; i++) {
            service.submit(domain, "m", a, i, 1 + i, add(10));
            assertEquals("ack " + i + "@" + (1 + i), a.next());
        }

        // A second node on the same database: it has nothing in memory and replays the snapshot and the log.
        ModelService other = startService(database.dataSource());
        try {
            ModelState state = other.current(domain, "m");
            assertEquals(4, state.version());
            assertEquals(31.0, n(state.data()));
            Participant b = new Participant("b");
            other.open(domain, "m", b);
            assertEquals("opened 4 n=31", b.next());
        } finally {
            other.live.stop();
        }
    }

    @Test
    void aSessionOnAnotherNodeEditsAModelThroughItsOwnerWithTheSameOrderingAndAcknowledgements() throws Exception {
        try (MemoryCluster cluster = new MemoryCluster()) {
            onTwoNodes(cluster, cluster, (nodeA, nodeB) -> {
                Participant a = createAndOpen(nodeA, "a");
                Participant b = new Participant("b");
                nodeB.open(domain, "m", b); // node a owns the model: b's node forwards
                assertEquals("opened 1 n=0", b.next());
                assertEquals("collaboratorOpened b", a.next());
                assertEquals(1, nodeA.openModels());
                assertEquals(0, nodeB.openModels(), "one writer, on the owner");
                assertEquals(new ModelRelay.Counts(1, 0), nodeB.relayCounts());
                assertEquals(new ModelRelay.Counts(0, 1), nodeA.relayCounts());

                nodeB.submit(domain, "m", b, 0, 1, add(5));
                assertEquals("ack 0@1", b.next());
                assertEquals("op b@1", a.next());
                nodeA.submit(domain, "m", a, 0, 1, add(2)); // concurrent with b's: transformed, applied to 2
                assertEquals("ack 0@2", a.next());
                assertEquals("op a@2", b.next());
                nodeB.reference(
                        domain,
                        "m",
                        b,
                        new ReferenceEvent(
                                ReferenceEvent.Kind.SHARE, null, "sel", new ElementReference(List.of("0:1")), 3));
                assertEquals("referenceShared b sel [0:1]", a.next());

                assertEquals(3, nodeB.committedVersion(domain, "m").orElseThrow(), "acknowledged means committed");
                assertEquals(7.0, n(nodeB.current(domain, "m").data()), "read from what the owner committed");

                nodeB.close(domain, "m", b, true);
                assertEquals("closed", b.next());
                assertEquals("collaboratorClosed b", a.next());
                assertEquals(new ModelRelay.Counts(0, 0), nodeB.relayCounts());
                cluster.settle();
                assertEquals(new ModelRelay.Counts(0, 0), nodeA.relayCounts());
            });
        }
    }

    @Test
    void permissionChangesAndDeletesMadeOnAnotherNodeReachTheSessionsOfTheOwner() throws Exception {
        try (MemoryCluster cluster = new MemoryCluster()) {
            onTwoNodes(cluster, cluster, (nodeA, nodeB) -> {
                Participant a = createAndOpen(nodeA, "a");

                nodeB.changePermissions(
                        domain,
                        "m",
                        null,
                        new ModelPermissionChange(
                                true, new ModelPermissions(true, false, false, false), false, Map.of(), List.of()));
                assertEquals("permissionsChanged", a.next());

                assertTrue(nodeB.delete(domain, "m"), "node a deleted it");
                assertEquals("forceClosed DELETED", a.next());
                assertFalse(nodeB.exists(domain, "m"));
                assertFalse(nodeA.exists(domain, "m"));
            });
        }
    }

    @Test
    void theAdminApisEditOfAModelOpenOnAnotherNodeGoesThroughItsOwner() throws Exception {
        try (MemoryCluster cluster = new MemoryCluster()) {
            onTwoNodes(cluster, cluster, (nodeA, nodeB) -> {
                Participant a = createAndOpen(nodeA, "a");
                ModelAdministration adminOnB = new ModelAdministration();
                adminOnB.models = nodeB;
                adminOnB.store = nodeB.store;
                adminOnB.live = nodeB.live;
                adminOnB.relay = nodeB.relay;
                Collaborator admin = new Collaborator(
                        "admin-session", new DomainUserView(UserType.NORMAL, "admin", null, null, null, null));

                long version = adminOnB.replaceData(domain, "m", Map.of("n", 42, "s", List.of("x", true)), admin);

                assertEquals(2, version, "one operation, committed by a's writer");
                assertEquals("op admin-session@1", a.next(), "a's session sees the edit live");
                assertEquals(42.0, n(nodeA.current(domain, "m").data()));
                assertEquals(0, nodeB.openModels(), "b did not load the model");
                Refusal refused = assertThrows(
                        Refusal.class,
                        () -> adminOnB.replaceData(domain, "m", Map.of("big", "x".repeat(2_000_000)), admin),
                        "the owner's refusal reaches the caller");
                assertEquals("model_too_large", refused.code());
            });
        }
    }

    @Test
    void aNodeThatTakesAModelOverFencesItsCutOffOwnerWhichThenCommitsNothing() throws Exception {
        try (MemoryCluster cluster = new MemoryCluster()) {
            onTwoNodes(cluster, cluster, (nodeA, nodeB) -> {
                Participant a = createAndOpen(nodeA, "a");
                Participant b = new Participant("b");
                nodeB.open(domain, "m", b);
                assertEquals("opened 1 n=0", b.next());
                assertEquals("collaboratorOpened b", a.next());
                nodeA.submit(domain, "m", a, 0, 1, add(1));
                assertEquals("ack 0@1", a.next());
                assertEquals("op a@1", b.next());

                // a is cut off: b sees it leave; a still runs and thinks it owns the model.
                cluster.leave("a");
                nodeB.relay.memberLeft(new MembershipChange(
                        MembershipChange.Kind.LEFT, new ClusterMember("a", "a", null, false, false), 1));
                assertEquals("ownerLost", b.next());
                assertEquals(new ModelRelay.Counts(0, 0), nodeB.relayCounts());

                // b's session comes back: node b takes the model over (fencing a's writer) and has a's commit.
                Participant again = new Participant("b2");
                nodeB.open(domain, "m", again);
                assertEquals("opened 2 n=1", again.next());
                assertEquals(1, nodeB.openModels());

                // a's writer applies an edit, but its commit is refused: nothing acknowledged, and its session hears
                // that the model's owner is lost (its client resynchronizes with the new owner).
                String fencedWriter = nodeA.live.log().writerId();
                nodeA.submit(domain, "m", a, 1, 2, add(100));
                assertEquals("ownerLost", a.next(), "a's session is told to resync, not acknowledged");
                nodeB.submit(domain, "m", again, 0, 2, add(10));
                assertEquals("ack 0@2", again.next());
                assertEquals(3, nodeB.committedVersion(domain, "m").orElseThrow());
                assertEquals(11.0, n(nodeB.current(domain, "m").data()), "a's edit after the takeover never committed");

                // Node a recovers: it dropped its models and writes again as a new writer.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (nodeA.live.log().writerId().equals(fencedWriter) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertNotEquals(fencedWriter, nodeA.live.log().writerId());
                assertEquals(0, nodeA.openModels());
                nodeA.create(domain, "c", "other", data(0));
                Participant later = new Participant("later");
                nodeA.open(domain, "other", later);
                assertEquals("opened 1 n=0", later.next());
                nodeA.submit(domain, "other", later, 0, 1, add(3));
                assertEquals("ack 0@1", later.next());
            });
        }
    }

    @Test
    void inASplitBrainTheSecondNodeToLoadAModelFencesTheFirst() throws Exception {
        // Two clusters of one on one database: each directory says its node owns the model, as each side of a split
        // brain believes. The database record of the model's writer decides.
        try (MemoryCluster left = new MemoryCluster();
                MemoryCluster right = new MemoryCluster()) {
            onTwoNodes(left, right, (nodeA, nodeB) -> {
                Participant a = createAndOpen(nodeA, "a");
                nodeA.submit(domain, "m", a, 0, 1, add(1));
                assertEquals("ack 0@1", a.next());

                Participant b = new Participant("b");
                nodeB.open(domain, "m", b); // b loads the model too, and fences a's writer first
                assertEquals("opened 2 n=1", b.next());

                // a hears it lost the owner while the model is still loaded: an operation it sent meanwhile must find
                // the model (and be dropped), not find none and be answered with a force close that would keep the
                // model closed in the client after it reconnects.
                a.onOwnerLost = () -> a.events.add("loaded " + nodeA.openModels());
                nodeA.submit(domain, "m", a, 1, 2, add(100));
                assertEquals("ownerLost", a.next(), "a's writer commits nothing more");
                assertEquals("loaded 1", a.next());
                nodeB.submit(domain, "m", b, 0, 2, add(10));
                assertEquals("ack 0@2", b.next());
                assertEquals(11.0, n(nodeB.current(domain, "m").data()));
            });
        }
    }

    @Test
    void historyHasOneEntryPerVersionAndVersionAtFindsThemByTime() throws Exception {
        service.create(domain, "c", "m", data(0));
        Participant a = new Participant("a");
        service.open(domain, "m", a);
        a.next();
        service.submit(domain, "m", a, 0, 1, add(1));
        a.next();
        // versionAt works in the client's milliseconds: two commits within one millisecond share a time, and the
        // later one is the version at that time
        Thread.sleep(3);
        service.submit(domain, "m", a, 1, 2, add(1));
        a.next();

        ModelHistory past = new ModelHistory();
        past.store = service.store;
        past.live = service.live;
        List<HistoricalOperation> history = past.history(domain, "m", 0, 3, 100);

        assertEquals(
                List.of(0L, 1L, 2L, 3L),
                history.stream().map(HistoricalOperation::version).toList());
        assertNull(history.get(1).sessionId(), "version 1 is the creation");
        assertEquals("a", history.get(2).sessionId());
        assertEquals("a", history.get(3).sessionId());
        assertEquals(3, past.versionAt(domain, "m", history.get(3).committedAt()));
        assertEquals(2, past.versionAt(domain, "m", history.get(2).committedAt()));
        assertThrows(IllegalArgumentException.class, () -> past.history(domain, "m", 0, 3, 2));
        assertThrows(ModelNotFoundException.class, () -> past.history(domain, "missing", 0, 1, 100));
    }

    @Test
    void createRefusesADuplicateAndDeleteForceClosesTheOpenSessions() throws Exception {
        String id = service.create(domain, "c", null, data(0));
        assertTrue(service.exists(domain, id));
        assertThrows(ModelAlreadyExistsException.class, () -> service.create(domain, "c", id, data(0)));
        Participant a = new Participant("a");
        service.open(domain, id, a);
        a.next();

        assertTrue(service.delete(domain, id));

        assertEquals("forceClosed DELETED", a.next());
        assertFalse(service.exists(domain, id));
        assertFalse(service.delete(domain, id), "deleted already");
        Participant b = new Participant("b");
        service.open(domain, id, b);
        assertEquals("openFailed model_not_found", b.next());
    }

    @Test
    void aModelNobodyHasOpenIsDeletedFromStorage() {
        service.create(domain, "c", "m", data(0));
        assertEquals(
                List.of("m"),
                service.list(domain, "c", 0, 10).stream()
                        .map(ModelService.ModelMetadata::modelId)
                        .toList());

        assertTrue(service.delete(domain, "m"));

        assertEquals(List.of(), service.list(domain, "c", 0, 10));
        assertTrue(service.committedVersion(domain, "m").isEmpty());
    }

    /** Creates model "m" (n = 0) on {@code node} and opens it there for a new participant, {@code name}. */
    private Participant createAndOpen(ModelService node, String name) throws InterruptedException {
        node.create(domain, "c", "m", data(0));
        Participant participant = new Participant(name);
        node.open(domain, "m", participant);
        assertEquals("opened 1 n=0", participant.next());
        return participant;
    }

    /** What a test does with two nodes. */
    private interface TwoNodes {
        void run(ModelService nodeA, ModelService nodeB) throws Exception;
    }

    /** Runs {@code body} on two nodes on the test database, a in {@code clusterOfA}, b in {@code clusterOfB}. */
    private static void onTwoNodes(MemoryCluster clusterOfA, MemoryCluster clusterOfB, TwoNodes body) throws Exception {
        ModelService nodeA = startService(database.dataSource(), clusterOfA.join("a"));
        ModelService nodeB = startService(database.dataSource(), clusterOfB.join("b"));
        try {
            body.run(nodeA, nodeB);
        } finally {
            nodeA.live.stop();
            nodeB.live.stop();
        }
    }

    /** The service as CDI would wire it, on {@code dataSource}, started, as a node alone. */
    private static ModelService startService(DataSource dataSource) {
        return startService(dataSource, new ClusterMembership());
    }

    /** The service as CDI would wire it, on {@code dataSource}, started, as a node of {@code membership}'s cluster. */
    private static ModelService startService(DataSource dataSource, ClusterMembership membership) {
        JdbcModelStore store = new JdbcModelStore(dataSource, dataSource);
        JdbcCollectionStore collections = new JdbcCollectionStore(dataSource);
        LiveModels live = new LiveModels();
        ModelRelay relay = new ModelRelay();
        live.store = store;
        live.collections = collections;
        live.membership = membership;
        live.relay = relay;
        live.clustered = membership.clustered();
        live.logDataSource = dataSource;
        live.threadFactory = new Threads();
        live.writerThreads = 2;
        live.idleUnloadMillis = 0;
        live.commitRounds = Optional.empty();
        live.commitOverlap = Optional.empty();
        live.keptHistory = ModelWriter.MIN_KEPT_HISTORY;
        live.maxSize = 1 << 20;
        live.databaseUrl = "jdbc:h2:mem:model-service";
        live.h2Compaction = false;
        live.start();
        relay.membership = membership;
        relay.live = live;
        relay.start();
        ModelService service = new ModelService();
        service.store = store;
        service.collections = collections;
        service.live = live;
        service.relay = relay;
        service.start();
        return service;
    }

    private static ObjectValue data(double n) {
        return new ObjectValue("0:0", Map.of("n", new NumberValue("0:1", n)));
    }

    private static Operation add(double delta) {
        return new NumberDeltaOperation("0:1", false, delta);
    }

    private static double n(ObjectValue data) {
        return ((NumberValue) data.children().get("n")).value();
    }

    private static void exec(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : parameters[i];
                statement.setObject(i + 1, p);
            }
            statement.executeUpdate();
        }
    }

    /** Plain daemon threads where the container would hand out managed ones. */
    private static final class Threads implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "model-service-test");
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }

    /** What a session is told, one line per message, as its writer thread sends it. */
    private static final class Participant implements ModelParticipant {
        private final String sessionId;
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        Participant(String sessionId) {
            this.sessionId = sessionId;
        }

        /** The next message, waiting for it at most five seconds. */
        String next() throws InterruptedException {
            String event = events.poll(5, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError(sessionId + " was told nothing");
            }
            return event;
        }

        @Override
        public String sessionId() {
            return sessionId;
        }

        @Override
        public DomainUserView user() {
            return new DomainUserView(UserType.ANONYMOUS, "u-" + sessionId, sessionId, null, null, null);
        }

        @Override
        public void opened(OpenedModel model) {
            events.add("opened " + model.version() + " n=" + Math.round(n(model.data())));
        }

        @Override
        public void openFailed(Refusal refusal) {
            events.add("openFailed " + refusal.code());
        }

        @Override
        public void resyncStarted(long currentVersion, Collection<String> replayedSessions, ModelPermissions p) {
            events.add("resyncStarted " + currentVersion);
        }

        @Override
        public void resyncCompleted(ResyncedModel model) {
            events.add("resyncCompleted");
        }

        @Override
        public void collaboratorResyncStarted(Collaborator collaborator) {}

        @Override
        public void collaboratorResyncCompleted(String sessionId) {}

        @Override
        public void acknowledged(int sequenceNumber, long version, Instant timestamp) {
            events.add("ack " + sequenceNumber + "@" + version);
        }

        @Override
        public void remoteOperation(String sessionId, long contextVersion, Instant timestamp, Operation operation) {
            events.add("op " + sessionId + "@" + contextVersion);
        }

        @Override
        public void collaboratorOpened(Collaborator collaborator) {
            events.add("collaboratorOpened " + collaborator.sessionId());
        }

        @Override
        public void collaboratorClosed(String sessionId) {
            events.add("collaboratorClosed " + sessionId);
        }

        @Override
        public void referenceShared(String sessionId, String key, ReferenceValue value) {
            events.add("referenceShared " + sessionId + " " + key + " "
                    + (value instanceof ElementReference e ? e.elementIds() : value));
        }

        @Override
        public void referenceSet(String sessionId, String key, ReferenceValue value) {
            events.add("referenceSet " + sessionId + " " + key + " "
                    + (value instanceof ElementReference e ? e.elementIds() : value));
        }

        @Override
        public void ownerLost() {
            events.add("ownerLost");
            onOwnerLost.run();
        }

        /** Runs when the participant hears it lost the model's owner, after it recorded that. */
        Runnable onOwnerLost = () -> {};

        @Override
        public void referenceCleared(String sessionId, String valueId, String key) {}

        @Override
        public void referenceUnshared(String sessionId, String valueId, String key) {}

        @Override
        public void permissionsChanged(ModelPermissions permissions) {
            events.add("permissionsChanged");
        }

        @Override
        public void closed() {
            events.add("closed");
        }

        @Override
        public void forceClosed(ForceCloseReason reason, String message) {
            events.add("forceClosed " + reason);
        }
    }
}
