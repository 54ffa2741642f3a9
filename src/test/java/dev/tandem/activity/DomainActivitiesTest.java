package dev.tandem.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.activity.ActivityException.Reason;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainActivitiesTest {

    private static final ActivityId DOC = new ActivityId("doc", "1");
    private static final ActivityInfo EPHEMERAL =
            new ActivityInfo(DOC, true, Instant.EPOCH, ActivityPermissions.UNSPECIFIED);
    private static final Set<ActivityPermission> ALL = EnumSet.allOf(ActivityPermission.class);
    private static final Set<ActivityPermission> NO_VIEW =
            EnumSet.of(ActivityPermission.JOIN, ActivityPermission.SET_STATE);

    final LiveActivities activities = create(3);

    /** The implementation under test; {@link SharedDomainActivitiesTest} runs every case on the cluster's. */
    LiveActivities create(int maxStateKeys) {
        return new DomainActivities(maxStateKeys);
    }

    private final List<JoinedActivity> replies = new ArrayList<>();

    private static DomainUserView user(String name) {
        return new DomainUserView(UserType.NORMAL, name, null, null, null, null);
    }

    private static Map<String, JsonValue> state(Object... keysAndValues) {
        Map<String, JsonValue> state = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            state.put((String) keysAndValues[i], Json.createValue((String) keysAndValues[i + 1]));
        }
        return state;
    }

    private JoinedActivity join(
            String session,
            boolean lurk,
            Map<String, JsonValue> state,
            ToldEvents listener,
            Set<ActivityPermission> permissions)
            throws ActivityException {
        return activities.join(EPHEMERAL, session, user(session), permissions, lurk, state, listener, replies::add);
    }

    @Test
    void joinAnswersWithVisibleParticipantsIncludingTheJoinerButNotLurkers() throws Exception {
        ToldEvents a = new ToldEvents();
        ToldEvents l = new ToldEvents();
        ToldEvents b = new ToldEvents();
        join("a", false, state("k", "1"), a, ALL);
        join("l", true, state("ignored", "x"), l, ALL);
        JoinedActivity answer = join("b", false, Map.of(), b, ALL);

        assertEquals(List.of("a", "b"), List.copyOf(answer.participants().keySet()));
        assertEquals(state("k", "1"), answer.participants().get("a").state());
        assertEquals(List.of("a"), List.copyOf(replies.get(1).participants().keySet()), "a lurker sees a, not itself");
        assertEquals(List.of("joined b {}"), a.events, "a sees b, never the lurker");
        assertEquals(List.of("joined b {}"), l.events);
        assertTrue(b.events.isEmpty());
    }

    @Test
    void liveListsEveryJoinedSessionLurkersTooInJoiningOrderUntilTheLastLeaves() throws Exception {
        join("a", false, Map.of(), new ToldEvents(), ALL);
        join("l", true, Map.of(), new ToldEvents(), ALL);

        ActivitySummary doc = activities.live().get(DOC);
        assertEquals(
                List.of(new JoinedSession("a", user("a"), false), new JoinedSession("l", user("l"), true)),
                doc.sessions());
        assertTrue(doc.ephemeral());
        assertEquals(Instant.EPOCH, doc.created());

        activities.leave(DOC, "a");
        activities.leave(DOC, "l");
        assertTrue(activities.live().isEmpty(), "an activity without sessions is not live");
    }

    @Test
    void stateSetRemoveClearAndReplaceAreRelayedToViewersOnly() throws Exception {
        ToldEvents a = new ToldEvents();
        ToldEvents blind = new ToldEvents();
        join("a", false, Map.of(), a, ALL);
        join("blind", false, Map.of(), blind, NO_VIEW);
        ToldEvents b = new ToldEvents();
        join("b", false, Map.of(), b, ALL);
        a.events.clear();
        blind.events.clear();

        activities.updateState(DOC, "b", state("x", "1", "y", "2"), false, List.of());
        activities.updateState(DOC, "b", Map.of(), false, List.of("x", "missing"));
        activities.updateState(DOC, "b", state("z", "3"), true, List.of());
        activities.updateState(DOC, "b", Map.of(), true, List.of());

        assertEquals(
                List.of(
                        "state b set {x=\"1\", y=\"2\"} removed []",
                        "state b set {} removed [x]",
                        // a replacement is sent as removals plus sets, never as "complete" with values (client bug)
                        "state b set {z=\"3\"} removed [y]",
                        "cleared b"),
                a.events);
        assertEquals(List.of(), blind.events, "no view_state, no state updates");
        assertTrue(b.events.isEmpty(), "the origin is not told its own change");
        assertEquals(Map.of(), activities.participants(DOC, ALL).get("b").state());
    }

    @Test
    void refusedStateChangesChangeNothing() throws Exception {
        ToldEvents a = new ToldEvents();
        join("a", false, state("k", "1"), a, ALL);
        join("lurker", true, Map.of(), new ToldEvents(), ALL);
        join(
                "mute",
                false,
                Map.of(),
                new ToldEvents(),
                EnumSet.of(ActivityPermission.JOIN, ActivityPermission.VIEW_STATE));
        a.events.clear();

        assertReason(
                Reason.NOT_JOINED, () -> activities.updateState(DOC, "stranger", state("x", "1"), false, List.of()));
        assertReason(
                Reason.UNAUTHORIZED, () -> activities.updateState(DOC, "lurker", state("x", "1"), false, List.of()));
        assertReason(Reason.UNAUTHORIZED, () -> activities.updateState(DOC, "mute", state("x", "1"), false, List.of()));
        assertReason(
                Reason.INVALID,
                () -> activities.updateState(DOC, "a", state("w", "1", "x", "2", "y", "3"), false, List.of()));
        assertEquals(state("k", "1"), activities.participants(DOC, ALL).get("a").state());
        assertEquals(List.of(), a.events);
    }

    @Test
    void joiningWithoutSetStateDropsTheInitialState() throws Exception {
        JoinedActivity answer =
                join("a", false, state("k", "1"), new ToldEvents(), EnumSet.of(ActivityPermission.JOIN));
        assertEquals(Map.of(), answer.participants().get("a").state());
    }

    @Test
    void leavingTellsOthersAndTheLastLeaveEmptiesTheActivity() throws Exception {
        ToldEvents a = new ToldEvents();
        join("a", false, Map.of(), a, ALL);
        join("b", false, Map.of(), new ToldEvents(), ALL);
        join("l", true, Map.of(), new ToldEvents(), ALL);
        a.events.clear();

        assertEquals(Optional.empty(), activities.leave(DOC, "l"));
        assertEquals(Optional.empty(), activities.leave(DOC, "b"));
        assertEquals(List.of("left b"), a.events, "a lurker leaves unseen");
        assertReason(Reason.NOT_JOINED, () -> activities.leave(DOC, "b"));
        assertEquals(Optional.of(EPHEMERAL), activities.leave(DOC, "a"));
        assertFalse(activities.liveInfo(DOC).isPresent());
        assertTrue(activities.isEmpty());
    }

    @Test
    void aRejoinOfTheSameSessionReplacesModeAndStateWithoutDuplicates() throws Exception {
        ToldEvents a = new ToldEvents();
        ToldEvents b = new ToldEvents();
        join("a", false, Map.of(), a, ALL);
        join("b", false, state("x", "1"), b, ALL);
        a.events.clear();

        // a zombie activity object and the live one both join again after a reconnect (PROTOCOL §6.3)
        JoinedActivity again = join("b", false, state("x", "1"), b, ALL);
        assertEquals(List.of("a", "b"), List.copyOf(again.participants().keySet()));
        assertEquals(List.of(), a.events, "the same join again changes nothing");

        join("b", false, state("y", "2"), b, ALL);
        join("b", true, Map.of(), b, ALL);
        join("b", false, Map.of(), b, ALL);
        assertEquals(List.of("state b set {y=\"2\"} removed [x]", "left b", "joined b {}"), a.events);
        assertEquals(
                List.of("a", "b"), List.copyOf(activities.participants(DOC, ALL).keySet()));
        assertEquals(Optional.empty(), activities.leave(DOC, "b"));
        assertEquals(Set.of(), activities.joinedBy("b"));
    }

    @Test
    void deleteTellsEveryMemberIncludingLurkers() throws Exception {
        ToldEvents a = new ToldEvents();
        ToldEvents l = new ToldEvents();
        join("a", false, Map.of(), a, ALL);
        join("l", true, Map.of(), l, ALL);

        activities.delete(DOC);

        assertEquals(List.of("deleted"), a.events);
        assertEquals(List.of("deleted"), l.events);
        assertFalse(activities.isJoined(DOC, "a"));
        assertEquals(Set.of(), activities.joinedBy("l"));
    }

    @Test
    void disconnectLeavesEveryActivityAndForceLeaveTellsTheSession() throws Exception {
        ActivityId other = new ActivityId("page", "1");
        ActivityInfo persistent = new ActivityInfo(other, false, Instant.EPOCH, ActivityPermissions.UNSPECIFIED);
        ToldEvents a = new ToldEvents();
        ToldEvents b = new ToldEvents();
        join("a", false, Map.of(), a, ALL);
        activities.join(persistent, "a", user("a"), ALL, false, Map.of(), a, replies::add);
        join("b", false, Map.of(), b, ALL);
        activities.join(persistent, "b", user("b"), ALL, false, Map.of(), b, replies::add);
        b.events.clear();

        List<ActivityInfo> emptied = activities.leaveAll("a");
        assertEquals(List.of(), emptied);
        assertEquals(List.of("left a", "left a"), b.events);

        assertEquals(Optional.of(persistent), activities.forceLeave(other, "b", "kicked"));
        assertEquals("forced kicked", b.events.get(b.events.size() - 1));
    }

    @Test
    void aFailingListenerDoesNotKeepAChangeFromTheOthers() throws Exception {
        ToldEvents a = new ToldEvents() {
            @Override
            public void sessionJoined(
                    ActivityId activity, String sessionId, DomainUserView user, Map<String, JsonValue> state) {
                throw new IllegalStateException("broken socket");
            }
        };
        ToldEvents b = new ToldEvents();
        join("a", false, Map.of(), a, ALL);
        join("b", false, Map.of(), b, ALL);
        join("c", false, Map.of(), new ToldEvents(), ALL);
        assertEquals(List.of("joined c {}"), b.events);
    }

    private interface Call {
        void run() throws ActivityException;
    }

    private static void assertReason(Reason reason, Call call) {
        ActivityException e = assertThrows(ActivityException.class, call::run);
        assertEquals(reason, e.activityReason());
    }
}
