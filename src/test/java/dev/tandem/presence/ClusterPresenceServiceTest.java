package dev.tandem.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.DomainUserId;
import dev.tandem.testing.MemoryCluster;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presence across members: two or three nodes in one JVM over a {@link MemoryCluster}. */
class ClusterPresenceServiceTest {

    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId BOB = DomainUserId.normal("bob");

    private final MemoryCluster cluster = new MemoryCluster();
    private final ClusterPresenceService a = node("a");
    private final ClusterPresenceService b = node("b");

    @AfterEach
    void leave() {
        cluster.close();
    }

    private ClusterPresenceService node(String id) {
        return new ClusterPresenceService(
                cluster.join(id), Runnable::run, PresenceService.MAX_STATE_KEYS, PresenceService.MAX_STATE_BYTES);
    }

    private static PresenceSession session(DomainUserId user, String id) {
        return new PresenceSession("ns", "d", user, id);
    }

    private static Map<String, JsonValue> state(Object... keysAndValues) {
        Map<String, JsonValue> state = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            state.put(
                    (String) keysAndValues[i],
                    value instanceof Integer n ? Json.createValue(n) : Json.createValue((String) value));
        }
        return state;
    }

    private static UserPresence presenceOf(ClusterPresenceService node, DomainUserId user) {
        return node.presence("ns", "d", List.of(user)).get(0);
    }

    @Test
    void aUserOnOneNodeIsSeenAvailableWithItsStateFromAnother() throws Exception {
        PresenceRecorder alice = new PresenceRecorder();
        a.connect(session(ALICE, "a1"), alice);
        a.subscribe(
                session(ALICE, "a1"), List.of(BOB), p -> assertFalse(p.get(0).available()));
        alice.take();

        PresenceSession bob = session(BOB, "b1");
        b.connect(bob, new PresenceRecorder());
        b.setState(bob, state("status", "busy"));
        cluster.settle();
        assertEquals(List.of("bob available", "bob set {status=\"busy\"}"), alice.take());
        assertEquals(presenceOf(a, BOB), presenceOf(b, BOB), "both nodes answer the same");
        assertEquals(state("status", "busy"), presenceOf(a, BOB).state());

        b.disconnect(bob);
        cluster.settle();
        assertEquals(List.of("bob cleared", "bob unavailable"), alice.take());
        assertFalse(presenceOf(a, BOB).available());
    }

    @Test
    void oneUsersSessionsOnTwoNodesShareOneStateAndAreNotEchoedTheirOwnChanges() throws Exception {
        PresenceSession onA = session(BOB, "b-on-a");
        PresenceSession onB = session(BOB, "b-on-b");
        PresenceRecorder first = new PresenceRecorder();
        PresenceRecorder second = new PresenceRecorder();
        a.connect(onA, first);
        UserPresence joined = b.connect(onB, second);
        assertTrue(joined.available());
        cluster.settle();
        assertEquals(List.of("bob available"), first.take(), "the second session changes nothing the first sees");
        assertEquals(List.of("bob available"), second.take(), "each session is told its own user is available");

        a.setState(onA, state("status", "busy", "n", 1));
        cluster.settle();
        b.setState(onB, state("status", "away"));
        cluster.settle();
        assertEquals(state("status", "away", "n", 1), presenceOf(a, BOB).state(), "a set merges across nodes");
        assertEquals(List.of("bob set {status=\"away\"}"), first.take(), "the other node's change, not its own");
        assertEquals(List.of("bob set {status=\"busy\", n=1}"), second.take());

        b.removeState(onB, List.of("n", "never-set"));
        cluster.settle();
        assertEquals(List.of("bob removed [n]"), first.take());
        assertEquals(List.of(), second.take());

        a.disconnect(onA);
        cluster.settle();
        assertTrue(presenceOf(b, BOB).available(), "bob is still connected to b");
        assertEquals(state("status", "away"), presenceOf(b, BOB).state(), "the state lives while a session does");
    }

    @Test
    void aSubscriptionReplyComesBeforeTheChangesThatFollowIt() throws Exception {
        PresenceSession bob = session(BOB, "b1");
        b.connect(bob, new PresenceRecorder());
        b.setState(bob, state("k", "v"));
        cluster.settle();
        PresenceRecorder alice = new PresenceRecorder();
        a.connect(session(ALICE, "a1"), alice);
        List<UserPresence> replied = new ArrayList<>();
        a.subscribe(session(ALICE, "a1"), List.of(BOB), p -> {
            replied.addAll(p);
            alice.events.add("reply");
        });
        b.setState(bob, state("k", "w"));
        cluster.settle();
        assertEquals(state("k", "v"), replied.get(0).state());
        assertEquals(List.of("alice available", "reply", "bob set {k=\"w\"}"), alice.take());
    }

    @Test
    void theSessionsOfANodeThatLeftAreRemovedAndTheirFollowersTold() throws Exception {
        PresenceRecorder alice = new PresenceRecorder();
        a.connect(session(ALICE, "a1"), alice);
        a.subscribe(session(ALICE, "a1"), List.of(BOB), p -> {});
        PresenceSession bob = session(BOB, "b1");
        b.connect(bob, new PresenceRecorder());
        b.setState(bob, state("k", "v"));
        cluster.settle();
        alice.take();

        cluster.leave("b"); // b dies: it sends nothing more, its sessions never disconnect
        a.memberLeft("b");
        cluster.settle();
        assertEquals(List.of("bob cleared", "bob unavailable"), alice.take());
        assertFalse(presenceOf(a, BOB).available());
        assertTrue(presenceOf(a, ALICE).available(), "a's own sessions stay");
    }

    @Test
    void theLimitsHoldForTheStateAllOfAUsersSessionsShare() throws Exception {
        ClusterPresenceService small = new ClusterPresenceService(cluster.join("c"), Runnable::run, 2, 1000);
        PresenceSession onA = session(BOB, "b-on-a");
        PresenceSession onC = session(BOB, "b-on-c");
        a.connect(onA, new PresenceRecorder());
        small.connect(onC, new PresenceRecorder());
        a.setState(onA, state("one", 1, "two", 2));
        assertThrows(IllegalArgumentException.class, () -> small.setState(onC, state("three", 3)));
        assertEquals(state("one", 1, "two", 2), presenceOf(small, BOB).state(), "a refused change changes nothing");
        assertThrows(IllegalStateException.class, () -> a.setState(session(ALICE, "never"), state("k", 1)));
    }

    /**
     * Sessions of one user on two nodes and their followers on both change the state at once from several threads;
     * afterwards every follower, having applied what it was pushed to what its subscription reply said, holds what
     * the cluster holds.
     */
    @Test
    void followersConvergeOnTheSharedStateUnderConcurrentChanges() throws Exception {
        List<ClusterPresenceService> nodes = List.of(a, b);
        List<PresenceSession> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PresenceSession s = session(BOB, "bob-" + i);
            nodes.get(i % 2).connect(s, new PresenceRecorder());
            writers.add(s);
        }
        List<Replica> followers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PresenceSession s = session(DomainUserId.normal("f" + i), "f-" + i);
            Replica replica = new Replica();
            ClusterPresenceService node = nodes.get(i % 2);
            node.connect(s, replica);
            node.subscribe(s, List.of(BOB), p -> replica.state.putAll(p.get(0).state()));
            followers.add(replica);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers.size(); w++) {
                PresenceSession writer = writers.get(w);
                ClusterPresenceService node = nodes.get(w % 2);
                Random random = new Random(w);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String key = "k" + random.nextInt(6);
                        switch (random.nextInt(5)) {
                            case 0 -> node.removeState(writer, List.of(key));
                            case 1 -> {
                                if (random.nextInt(10) == 0) {
                                    node.clearState(writer);
                                }
                            }
                            default -> node.setState(writer, state(key, random.nextInt(1000)));
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
        Map<String, JsonValue> truth = presenceOf(a, BOB).state();
        for (Replica replica : followers) {
            assertEquals(truth, replica.state);
        }
    }

    /** Applies what it is pushed about bob to a copy of bob's state. */
    private static final class Replica extends PresenceRecorder {
        final Map<String, JsonValue> state = new LinkedHashMap<>();

        @Override
        public synchronized void stateSet(DomainUserId user, Map<String, JsonValue> set) {
            state.putAll(set);
        }

        @Override
        public synchronized void stateRemoved(DomainUserId user, List<String> keys) {
            keys.forEach(state::remove);
        }

        @Override
        public synchronized void stateCleared(DomainUserId user) {
            state.clear();
        }
    }
}
