package dev.tandem.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.DomainUserId;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DomainPresenceTest {

    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId BOB = DomainUserId.normal("bob");

    private final DomainPresence presence = new DomainPresence();

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

    private boolean available(DomainUserId user) {
        return presence.presence(List.of(user)).get(0).available();
    }

    @Test
    void aUserStaysAvailableUntilTheLastOfItsSessionsCloses() {
        PresenceRecorder watcher = new PresenceRecorder();
        presence.connect("a1", ALICE, watcher);
        presence.subscribe("a1", List.of(BOB), p -> assertFalse(p.get(0).available()));
        watcher.take();

        presence.connect("b1", BOB, new PresenceRecorder());
        presence.connect("b2", BOB, new PresenceRecorder());
        assertEquals(List.of("bob available"), watcher.take(), "only the first session makes bob available");

        presence.disconnect("b1");
        assertTrue(available(BOB));
        assertEquals(List.of(), watcher.take());

        presence.disconnect("b2");
        assertFalse(available(BOB));
        assertEquals(List.of("bob unavailable"), watcher.take());
    }

    @Test
    void everySessionIsToldItsOwnUserIsAvailable() {
        PresenceRecorder first = new PresenceRecorder();
        PresenceRecorder second = new PresenceRecorder();
        presence.connect("b1", BOB, first);
        presence.connect("b2", BOB, second);
        assertEquals(List.of("bob available"), first.take());
        assertEquals(List.of("bob available"), second.take());
    }

    @Test
    void stateMergesRemovesAndClearsAndReachesSubscribersAndOtherSessionsButNotTheOrigin() {
        PresenceRecorder watcher = new PresenceRecorder();
        PresenceRecorder origin = new PresenceRecorder();
        PresenceRecorder sibling = new PresenceRecorder();
        presence.connect("a1", ALICE, watcher);
        presence.connect("b1", BOB, origin);
        presence.connect("b2", BOB, sibling);
        presence.subscribe("a1", List.of(BOB), p -> {});
        watcher.take();
        origin.take();
        sibling.take();

        presence.setState("b1", state("status", "busy", "n", 1));
        presence.setState("b2", state("status", "away"));
        assertEquals(
                state("status", "away", "n", 1),
                presence.presence(List.of(BOB)).get(0).state(),
                "a set merges");
        assertEquals(List.of("bob set {status=\"busy\", n=1}", "bob set {status=\"away\"}"), watcher.take());
        assertEquals(List.of("bob set {status=\"away\"}"), origin.take(), "b1 hears b2, not itself");
        assertEquals(List.of("bob set {status=\"busy\", n=1}"), sibling.take());

        presence.removeState("b1", List.of("n", "never-set"));
        assertEquals(List.of("bob removed [n]"), watcher.take(), "only keys that were there");
        presence.removeState("b1", List.of("never-set"));
        assertEquals(List.of(), watcher.take(), "nothing removed, nothing pushed");

        presence.clearState("b2");
        assertEquals(Map.of(), presence.presence(List.of(BOB)).get(0).state());
        assertEquals(List.of("bob cleared"), watcher.take());
        assertEquals(List.of("bob cleared"), origin.take(), "b1 removed n itself; b2 cleared");
        assertEquals(List.of("bob removed [n]"), sibling.take());
        presence.clearState("b2");
        assertEquals(List.of(), watcher.take(), "clearing an empty state pushes nothing");
    }

    @Test
    void aSessionThatSubscribedToItsOwnUserHearsItsOwnChanges() {
        PresenceRecorder own = new PresenceRecorder();
        presence.connect("b1", BOB, own);
        presence.subscribe("b1", List.of(BOB), p -> {});
        own.take();
        presence.setState("b1", state("k", "v"));
        assertEquals(List.of("bob set {k=\"v\"}"), own.take());
    }

    @Test
    void theStateEndsWithTheLastSessionAndSubscribersAreTold() {
        PresenceRecorder watcher = new PresenceRecorder();
        presence.connect("a1", ALICE, watcher);
        presence.connect("b1", BOB, new PresenceRecorder());
        presence.subscribe("a1", List.of(BOB), p -> {});
        presence.setState("b1", state("k", "v"));
        watcher.take();
        presence.disconnect("b1");
        assertEquals(List.of("bob cleared", "bob unavailable"), watcher.take());
        presence.connect("b2", BOB, new PresenceRecorder());
        assertEquals(Map.of(), presence.presence(List.of(BOB)).get(0).state());
    }

    @Test
    void subscribeRepliesOnePresencePerUserInOrderBeforeAnyLaterPush() {
        PresenceRecorder watcher = new PresenceRecorder();
        presence.connect("a1", ALICE, watcher);
        presence.connect("b1", BOB, new PresenceRecorder());
        presence.setState("b1", state("k", "v"));
        watcher.take();
        DomainUserId ghost = DomainUserId.normal("ghost");
        List<UserPresence> replied = new ArrayList<>();
        presence.subscribe("a1", List.of(ghost, BOB, ghost), p -> {
            replied.addAll(p);
            watcher.events.add("reply");
        });
        assertEquals(
                List.of(ghost, BOB, ghost),
                replied.stream().map(UserPresence::user).toList());
        assertEquals(
                List.of(false, true, false),
                replied.stream().map(UserPresence::available).toList());
        assertEquals(state("k", "v"), replied.get(1).state());
        assertEquals(List.of("reply"), watcher.take());
    }

    @Test
    void unsubscribingStopsThePushesAndDisconnectDropsSubscriptions() {
        PresenceRecorder watcher = new PresenceRecorder();
        presence.connect("a1", ALICE, watcher);
        presence.subscribe("a1", List.of(BOB), p -> {});
        presence.unsubscribe("a1", List.of(BOB, DomainUserId.normal("never-followed")));
        watcher.take();
        presence.connect("b1", BOB, new PresenceRecorder());
        assertEquals(List.of(), watcher.take());

        presence.subscribe("a1", List.of(BOB), p -> {});
        presence.disconnect("a1");
        presence.disconnect("b1");
        presence.disconnect("b1"); // twice is harmless
        assertTrue(presence.isEmpty(), "nothing is kept for users nobody follows or is");
    }

    @Test
    void unknownUsersAreUnavailableWithoutState() {
        UserPresence ghost =
                presence.presence(List.of(DomainUserId.normal("ghost"))).get(0);
        assertFalse(ghost.available());
        assertEquals(Map.of(), ghost.state());
        assertTrue(presence.isEmpty(), "asking creates nothing");
    }

    @Test
    void badInputChangesNothing() {
        PresenceRecorder watcher = new PresenceRecorder();
        presence.connect("a1", ALICE, watcher);
        presence.connect("b1", BOB, new PresenceRecorder());
        presence.subscribe("a1", List.of(BOB), p -> {});
        presence.setState("b1", state("k", "v"));
        watcher.take();
        Map<String, JsonValue> tooMany = new LinkedHashMap<>();
        IntStream.range(0, PresenceService.MAX_STATE_KEYS).forEach(i -> tooMany.put("key" + i, JsonValue.TRUE));
        assertThrows(IllegalArgumentException.class, () -> presence.setState("b1", tooMany));
        assertEquals(state("k", "v"), presence.presence(List.of(BOB)).get(0).state());
        assertEquals(List.of(), watcher.take());

        assertThrows(IllegalStateException.class, () -> presence.setState("not-connected", state("k", "v")));
        assertThrows(IllegalStateException.class, () -> presence.connect("b1", BOB, new PresenceRecorder()));
    }

    @Test
    void aUsersStateIsBoundedInKeysAndBytesAcrossMessages() {
        // Keys "a".."c" with values "x..." : each key costs 1 byte plus its JSON text, quotes included.
        DomainPresence small = new DomainPresence(3, 30);
        PresenceRecorder watcher = new PresenceRecorder();
        small.connect("a1", ALICE, new PresenceRecorder());
        small.connect("w1", BOB, watcher);
        small.subscribe("w1", List.of(ALICE), p -> {});
        small.setState("a1", state("a", "xxxxxxxx", "b", "xxxxxxxx")); // 2 x (1 + 10) = 22 bytes
        watcher.take();

        IllegalArgumentException tooBig = assertThrows(
                IllegalArgumentException.class, () -> small.setState("a1", state("c", "xxxxxxxx"))); // 33 bytes
        assertTrue(tooBig.getMessage().contains("at most 30 bytes"), tooBig.getMessage());
        // Replacing a value counts the difference only; removing a key gives its bytes back.
        small.setState("a1", state("b", "x"));
        small.setState("a1", state("c", "xxxxxxxx")); // 11 + 4 + 11 = 26
        IllegalArgumentException tooMany =
                assertThrows(IllegalArgumentException.class, () -> small.setState("a1", state("d", "")));
        assertTrue(tooMany.getMessage().contains("at most 3 keys"), tooMany.getMessage());
        small.removeState("a1", List.of("a"));
        small.setState("a1", state("d", "xxxxxxxx")); // 4 + 11 + 11 = 26
        small.clearState("a1");
        small.setState("a1", state("é", "éééé")); // 2 + 2 + 8 = 12
        assertEquals(state("é", "éééé"), small.presence(List.of(ALICE)).get(0).state());
        assertThrows(IllegalArgumentException.class, () -> small.setState("a1", state("f", "€€€€€€")));
    }

    @Test
    void sizesCountUtf8BytesOfKeysAndJsonText() {
        assertEquals(1 + 3, DomainPresence.size("k", Json.createValue("x")));
        assertEquals(2 + 5, DomainPresence.size("é", Json.createValue("€")));
        assertEquals(1 + 6, DomainPresence.size("k", Json.createValue("😀")));
        assertEquals(1 + 4, DomainPresence.size("k", JsonValue.TRUE));
    }

    @Test
    void aFailingListenerDoesNotKeepTheChangeFromOthers() {
        PresenceRecorder watcher = new PresenceRecorder();
        presence.connect("a1", ALICE, watcher);
        presence.connect("x1", DomainUserId.normal("x"), new PresenceRecorder() {
            @Override
            public void stateSet(DomainUserId user, Map<String, JsonValue> state) {
                throw new IllegalStateException("broken socket");
            }
        });
        presence.subscribe("x1", List.of(BOB), p -> {});
        presence.subscribe("a1", List.of(BOB), p -> {});
        presence.connect("b1", BOB, new PresenceRecorder());
        watcher.take();
        presence.setState("b1", state("k", "v"));
        assertEquals(List.of("bob set {k=\"v\"}"), watcher.take());
    }
}
