package dev.tandem.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.testing.MemoryCluster;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link DomainActivitiesTest} on the cluster's implementation (one node of a {@link MemoryCluster}),
 * so that both behave the same; then what only a cluster has: sessions of one activity on two nodes.
 */
class SharedDomainActivitiesTest extends DomainActivitiesTest {

    private static final ActivityId DOC = new ActivityId("doc", "1");
    private static final ActivityInfo EPHEMERAL =
            new ActivityInfo(DOC, true, Instant.EPOCH, ActivityPermissions.UNSPECIFIED);
    private static final Set<ActivityPermission> ALL = EnumSet.allOf(ActivityPermission.class);

    private MemoryCluster cluster;
    private ClusterActivities first;

    @Override
    LiveActivities create(int maxStateKeys) {
        cluster = new MemoryCluster();
        first = new ClusterActivities(cluster.join("solo"), Runnable::run, maxStateKeys);
        return first.domain("ns", "d");
    }

    private LiveActivities node(String id, int maxStateKeys) {
        return new ClusterActivities(cluster.join(id), Runnable::run, maxStateKeys).domain("ns", "d");
    }

    @AfterEach
    void leave() {
        cluster.close();
    }

    private static DomainUserView user(String name) {
        return new DomainUserView(UserType.NORMAL, name, null, null, null, null);
    }

    private static Map<String, JsonValue> state(String key, String value) {
        return Map.of(key, Json.createValue(value));
    }

    private static JoinedActivity join(LiveActivities node, String session, boolean lurk, ToldEvents told)
            throws ActivityException {
        return node.join(EPHEMERAL, session, user(session), ALL, lurk, Map.of(), told, r -> {});
    }

    @Test
    void sessionsOnTwoNodesSeeEachOtherJoinChangeStateAndLeave() throws Exception {
        LiveActivities b = node("b", 10);
        ToldEvents onA = new ToldEvents();
        ToldEvents onB = new ToldEvents();
        join(activities, "x", false, onA);
        JoinedActivity answer = join(b, "y", false, onB);
        cluster.settle();
        assertEquals(List.of("x", "y"), List.copyOf(answer.participants().keySet()), "b's answer lists a's session");
        assertEquals(List.of("joined y {}"), onA.take());

        b.updateState(DOC, "y", state("cursor", "3"), false, List.of());
        activities.updateState(DOC, "x", state("cursor", "7"), false, List.of());
        cluster.settle();
        assertEquals(List.of("state y set {cursor=\"3\"} removed []"), onA.take());
        assertEquals(List.of("state x set {cursor=\"7\"} removed []"), onB.take());
        assertEquals(
                Map.of("cursor", Json.createValue("7")),
                b.participants(DOC, ALL).get("x").state(),
                "either node lists the other's state");

        assertThrows(ActivityException.class, () -> b.updateState(DOC, "x", state("k", "v"), false, List.of()));
        b.leave(DOC, "y");
        cluster.settle();
        assertEquals(List.of("left y"), onA.take());
        assertEquals(List.of("x"), List.copyOf(b.participants(DOC, ALL).keySet()));
    }

    @Test
    void aForcedLeaveOrADeleteOnOneNodeReachesTheSessionOnTheOther() throws Exception {
        LiveActivities b = node("b", 10);
        ToldEvents onA = new ToldEvents();
        ToldEvents onB = new ToldEvents();
        join(activities, "x", false, onA);
        join(b, "y", false, onB);
        cluster.settle();
        onA.take();

        activities.forceLeave(DOC, "y", "permissions_changed");
        cluster.settle();
        assertEquals(List.of("forced permissions_changed"), onB.take());
        assertEquals(List.of("left y"), onA.take());
        assertFalse(b.isJoined(DOC, "y"));

        join(b, "y", false, onB);
        cluster.settle();
        onA.take();
        b.delete(DOC);
        cluster.settle();
        assertEquals(List.of("deleted"), onA.take());
        assertFalse(activities.isJoined(DOC, "x"));
    }

    @Test
    void theSessionsOfANodeThatLeftLeaveAndAnEmptiedEphemeralActivityIsHandedBack() throws Exception {
        LiveActivities b = node("b", 10);
        ToldEvents onA = new ToldEvents();
        join(activities, "x", false, onA);
        join(b, "y", false, new ToldEvents());
        cluster.settle();
        onA.take();

        cluster.leave("b"); // b dies: its session never leaves by itself
        List<String> emptied = new ArrayList<>();
        first.memberLeft("b", (namespace, domainId, id, ephemeral) -> emptied.add(id + " " + ephemeral));
        cluster.settle();
        assertEquals(List.of("left y"), onA.take());
        assertEquals(List.of("x"), List.copyOf(activities.participants(DOC, ALL).keySet()));
        assertEquals(List.of(), emptied, "x is still there");

        join(activities, "z", false, new ToldEvents());
        activities.leave(DOC, "x");
        activities.leave(DOC, "z");
        assertEquals(Map.of(), activities.participants(DOC, ALL));
    }

    /**
     * Sessions on two nodes change their states at once from several threads; afterwards each session, having
     * applied what it was told to what its join answer said, sees every other participant's state as it is stored.
     */
    @Test
    void participantsConvergeUnderConcurrentChangesFromTwoNodes() throws Exception {
        LiveActivities b = node("b", 1000);
        List<LiveActivities> nodes = List.of(activities, b);
        List<Replica> replicas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Replica replica = new Replica("s" + i);
            JoinedActivity answer = join(nodes.get(i % 2), replica.self, false, replica);
            answer.participants().forEach((s, p) -> replica.states.put(s, new LinkedHashMap<>(p.state())));
            replicas.add(replica);
        }
        cluster.settle();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                LiveActivities node = nodes.get(i % 2);
                String session = "s" + i;
                java.util.Random random = new java.util.Random(i);
                done.add(pool.submit(() -> {
                    for (int n = 0; n < 150; n++) {
                        String key = "k" + random.nextInt(3); // within the first node's limit of three keys
                        if (random.nextInt(4) == 0) {
                            node.updateState(DOC, session, Map.of(), false, List.of(key));
                        } else {
                            node.updateState(DOC, session, state(key, "" + random.nextInt(100)), false, List.of());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        cluster.settle();
        cluster.settle();
        Map<String, Participant> truth = activities.participants(DOC, ALL);
        for (Replica replica : replicas) {
            for (Participant p : truth.values()) {
                if (!p.sessionId().equals(replica.self)) {
                    assertEquals(p.state(), replica.states.get(p.sessionId()), replica.self + " sees " + p.sessionId());
                }
            }
        }
    }

    /** Applies what one session is told to its copy of the others' states. */
    private static final class Replica extends ToldEvents {
        final String self;
        final Map<String, Map<String, JsonValue>> states = new LinkedHashMap<>();

        Replica(String self) {
            this.self = self;
        }

        @Override
        public synchronized void sessionJoined(
                ActivityId activity, String sessionId, DomainUserView user, Map<String, JsonValue> state) {
            states.put(sessionId, new LinkedHashMap<>(state));
        }

        @Override
        public synchronized void stateUpdated(
                ActivityId activity,
                String sessionId,
                Map<String, JsonValue> set,
                List<String> removed,
                boolean cleared) {
            Map<String, JsonValue> state = states.computeIfAbsent(sessionId, s -> new LinkedHashMap<>());
            if (cleared) {
                state.clear();
            }
            removed.forEach(state::remove);
            state.putAll(set);
        }
    }
}
