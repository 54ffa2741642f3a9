package dev.tandem.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.activity.ActivityException.Reason;
import dev.tandem.activity.ActivityService.AutoCreate;
import dev.tandem.admin.AdminException;
import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.Grants;
import dev.tandem.testing.TestDatabases;
import dev.tandem.testing.TestDomain;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * The activity service and its administration wired by hand over the JDBC store on a migrated database (H2, and
 * PostgreSQL when configured), with an in-memory directory of users and listeners that record what each session is
 * told: joining, leaving, state, deletion, permissions and their refusals.
 */
class ActivityServiceTest {

    private static final ActivityId DOC = ActivityId.of("doc", "1");
    private static final Grants<ActivityPermission> NO_GRANTS =
            new Grants<ActivityPermission>(Set.of(), Map.of(), Map.of());

    /** The beans of one test. */
    private static final class Activities {
        final TestDomain domain;
        final JdbcActivityStore store = new JdbcActivityStore();
        final ActivityService service = new ActivityService();
        final ActivityAdministration administration = new ActivityAdministration();

        Activities(DataSource dataSource) {
            domain = TestDomain.create(dataSource);
            store.dataSource = dataSource;
            service.store = store;
            service.domainRepository = domain.domains();
            service.identity = domain.identity();
            administration.activities = service;
            administration.store = store;
        }

        ActivitySession session(DomainUserView user) {
            return new ActivitySession(TestDomain.NAMESPACE, TestDomain.DOMAIN_ID, user, user.username() + "-1");
        }

        /** Joins with a recording listener; returns the answer. */
        JoinedActivity join(
                ActivitySession session, boolean lurk, Map<String, JsonValue> state, AutoCreate create, ToldEvents told)
                throws ActivityException {
            List<JoinedActivity> replies = new ArrayList<>();
            JoinedActivity answer = service.join(session, DOC, lurk, state, create, told, replies::add);
            assertEquals(List.of(answer), replies, "the answer goes to the reply first");
            return answer;
        }

        boolean stored(ActivityId id) {
            return store.find(domain.domain().getId(), id).isPresent();
        }
    }

    @FunctionalInterface
    private interface Scenario {
        void run(Activities activities) throws Exception;
    }

    private static Stream<DynamicTest> onEachDatabase(String name, Scenario scenario) {
        return TestDatabases.migrated("activity-" + name).stream()
                .map(db -> DynamicTest.dynamicTest(db.name(), () -> {
                    try (db) {
                        scenario.run(new Activities(db.dataSource()));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> participantsAndTheirState() {
        return onEachDatabase("state", activities -> {
            ActivitySession alice = activities.session(activities.domain.user("alice"));
            ActivitySession bob = activities.session(activities.domain.user("bob"));
            ActivitySession carol = activities.session(activities.domain.user("carol"));
            ToldEvents aliceTold = new ToldEvents();
            ToldEvents bobTold = new ToldEvents();
            ToldEvents carolTold = new ToldEvents();

            refused(Reason.NOT_FOUND, () -> activities.join(alice, false, Map.of(), null, aliceTold));
            assertFalse(activities.stored(DOC));
            JoinedActivity first = activities.join(
                    alice,
                    false,
                    Map.of("k", Json.createValue("v")),
                    new AutoCreate(true, ActivityPermissions.UNSPECIFIED),
                    aliceTold);
            assertTrue(first.ephemeral());
            assertTrue(activities.stored(DOC), "auto-created");
            assertEquals(
                    Map.of("k", Json.createValue("v")),
                    first.participants().get("alice-1").state());

            JoinedActivity second = activities.join(bob, false, Map.of(), null, bobTold);
            assertEquals(
                    List.of("alice-1", "bob-1"),
                    List.copyOf(second.participants().keySet()));
            assertEquals(
                    Map.of("k", Json.createValue("v")),
                    second.participants().get("alice-1").state());
            assertEquals(List.of("joined bob-1 {}"), aliceTold.take());

            activities.join(carol, true, Map.of("ignored", JsonValue.TRUE), null, carolTold);
            assertEquals(List.of(), aliceTold.take(), "a lurker is never named");
            assertEquals(
                    List.of("alice-1", "bob-1"),
                    List.copyOf(activities.service.participants(carol, DOC).keySet()));
            assertTrue(activities.service.isJoined(carol, DOC));

            activities.service.updateState(bob, DOC, Map.of("x", Json.createValue(1)), false, List.of());
            assertEquals(List.of("state bob-1 set {x=1} removed []"), aliceTold.take());
            assertEquals(
                    List.of("state bob-1 set {x=1} removed []"),
                    carolTold.take(),
                    "a lurker with view_state sees state");
            assertEquals(
                    Map.of("x", Json.createValue(1)),
                    activities.service.participants(alice, DOC).get("bob-1").state());
            activities.service.updateState(bob, DOC, Map.of(), false, List.of("x", "never-set"));
            assertEquals(List.of("state bob-1 set {} removed [x]"), aliceTold.take());
            activities.service.updateState(bob, DOC, Map.of("y", JsonValue.NULL), false, List.of());
            activities.service.updateState(bob, DOC, Map.of(), true, List.of());
            assertEquals(List.of("state bob-1 set {y=null} removed []", "cleared bob-1"), aliceTold.take());
            assertEquals(List.of(), bobTold.take(), "no one is told of their own changes");
            refused(Reason.UNAUTHORIZED, () -> activities.service.updateState(carol, DOC, Map.of(), false, List.of()));
            Map<String, JsonValue> tooMuch = new LinkedHashMap<>();
            for (int i = 0; i <= ActivityService.MAX_STATE_KEYS; i++) {
                tooMuch.put("k" + i, JsonValue.TRUE);
            }
            refused(Reason.INVALID, () -> activities.service.updateState(bob, DOC, tooMuch, true, List.of()));
            refused(Reason.INVALID, () -> activities.join(bob, false, tooMuch, null, bobTold));

            activities.service.leave(bob, DOC);
            assertEquals(List.of("left bob-1"), aliceTold.take());
            refused(Reason.NOT_JOINED, () -> activities.service.leave(bob, DOC));
            refused(Reason.NOT_JOINED, () -> activities.service.updateState(bob, DOC, Map.of(), false, List.of()));
            activities.service.leaveAll(carol);
            assertFalse(activities.service.isJoined(carol, DOC));
            assertEquals(List.of(), aliceTold.take());
            activities.service.leave(alice, DOC);
            assertFalse(activities.stored(DOC), "an ephemeral activity goes with its last participant");
        });
    }

    @TestFactory
    Stream<DynamicTest> permissionsDecideWhoJoinsAndWhatTheyDo() {
        return onEachDatabase("permissions", activities -> {
            DomainUserView aliceUser = activities.domain.user("alice");
            ActivitySession alice = activities.session(aliceUser);
            ActivitySession bob = activities.session(activities.domain.user("bob"));
            ActivitySession carol = activities.session(activities.domain.user("carol", "team"));
            ToldEvents aliceTold = new ToldEvents();
            ToldEvents bobTold = new ToldEvents();
            ToldEvents carolTold = new ToldEvents();
            ActivityPermissions owned = new ActivityPermissions(
                    Set.of(),
                    Map.of(DomainUserId.of(aliceUser), Set.of(ActivityPermission.MANAGE)),
                    Map.of("team", Set.of(ActivityPermission.LURK)));

            ActivityInfo created = activities.service.create(alice, DOC, owned);
            assertFalse(created.ephemeral());
            refused(Reason.ALREADY_EXISTS, () -> activities.service.create(bob, DOC, owned));
            refused(
                    Reason.INVALID,
                    () -> activities.service.create(
                            alice,
                            ActivityId.of("doc", "2"),
                            new ActivityPermissions(Set.of(), Map.of(), Map.of("x".repeat(256), Set.of()))));

            refused(Reason.UNAUTHORIZED, () -> activities.join(bob, false, Map.of(), null, bobTold));
            refused(Reason.UNAUTHORIZED, () -> activities.join(bob, true, Map.of(), null, bobTold));
            refused(Reason.UNAUTHORIZED, () -> activities.join(carol, false, Map.of(), null, carolTold));
            activities.join(carol, true, Map.of(), null, carolTold);
            activities.join(alice, false, Map.of(), null, aliceTold);
            assertEquals(Set.of(ActivityPermission.LURK), activities.service.resolvePermissions(carol, DOC));
            assertEquals(Set.of(ActivityPermission.values()), activities.service.resolvePermissions(alice, DOC));
            assertEquals(
                    Map.of(),
                    activities.service.participants(carol, DOC).get("alice-1").state());
            refused(Reason.UNAUTHORIZED, () -> activities.service.permissions(bob, DOC));
            refused(Reason.UNAUTHORIZED, () -> activities.service.changePermissions(bob, DOC, g -> g));
            refused(Reason.UNAUTHORIZED, () -> activities.service.delete(bob, DOC));
            refused(Reason.NOT_FOUND, () -> activities.service.delete(alice, ActivityId.of("doc", "none")));

            activities.service.changePermissions(
                    alice, DOC, g -> g.plus(new Grants<>(Set.of(ActivityPermission.JOIN), Map.of(), Map.of())));
            assertEquals(
                    Set.of(ActivityPermission.JOIN),
                    activities.service.permissions(alice, DOC).world());
            activities.join(bob, false, Map.of(), null, bobTold);
            assertEquals(List.of("joined bob-1 {}"), aliceTold.take());
            // A lurker sees everyone who joins visibly, without their state (carol may not view it).
            assertEquals(List.of("joined alice-1 {}", "joined bob-1 {}"), carolTold.take());

            // Taking join away again forces bob out; carol keeps lurk through her group.
            activities.service.changePermissions(
                    alice, DOC, g -> g.minus(new Grants<>(Set.of(ActivityPermission.JOIN), Map.of(), Map.of())));
            assertEquals(List.of("forced permissions_changed"), bobTold.take());
            assertEquals(List.of("left bob-1"), aliceTold.take());
            assertEquals(List.of("left bob-1"), carolTold.take());
            assertFalse(activities.service.isJoined(bob, DOC));
            assertTrue(activities.service.isJoined(carol, DOC));

            activities.service.delete(alice, DOC);
            assertEquals(List.of("deleted"), aliceTold.take());
            assertEquals(List.of("deleted"), carolTold.take());
            assertFalse(activities.stored(DOC));
            refused(Reason.NOT_FOUND, () -> activities.service.participants(alice, DOC));
        });
    }

    @TestFactory
    Stream<DynamicTest> administrationListsAndRefusesInItsOwnTerms() {
        return onEachDatabase("admin", activities -> {
            ActivitySession alice = activities.session(activities.domain.user("alice"));
            var domain = activities.domain.domain();
            activities.administration.create(domain, "root", "doc", "1", NO_GRANTS);
            activities.administration.create(domain, "root", "doc", "2", NO_GRANTS);
            activities.administration.create(domain, "root", "sheet", "1", NO_GRANTS);
            activities.join(alice, false, Map.of(), null, new ToldEvents());

            ActivityStore.Listing docs = activities.administration.list(domain, "DOC", null, false, 0, 10);
            assertEquals(2, docs.total());
            assertEquals(
                    List.of("1", "2"),
                    docs.activities().stream().map(a -> a.id().id()).toList());
            assertEquals(
                    List.of("alice-1"),
                    docs.activities().get(0).sessions().stream()
                            .map(JoinedSession::sessionId)
                            .toList());
            ActivityStore.Listing live = activities.administration.list(domain, null, null, true, 0, 10);
            assertEquals(
                    List.of(DOC),
                    live.activities().stream().map(ActivitySummary::id).toList());
            assertEquals(
                    1,
                    activities
                            .administration
                            .list(domain, null, null, false, 2, 10)
                            .activities()
                            .size());
            assertEquals(
                    List.of(),
                    activities.administration.get(domain, "sheet", "1").sessions());

            AdminException missing =
                    assertThrows(AdminException.class, () -> activities.administration.get(domain, "doc", "none"));
            assertEquals(Refusal.Reason.NOT_FOUND, missing.reason());
            // The service's own refusal comes out of the administration unchanged; the REST boundary maps it.
            refused(
                    Reason.ALREADY_EXISTS,
                    () -> activities.administration.create(domain, "root", "doc", "1", NO_GRANTS));
            refused(Reason.NOT_FOUND, () -> activities.administration.delete(domain, "root", "doc", "none"));

            activities.administration.delete(domain, "root", "doc", "1");
            assertFalse(activities.stored(DOC));
            assertFalse(activities.service.isJoined(alice, DOC));
        });
    }

    private static void refused(Reason reason, Executable call) {
        ActivityException e = assertThrows(ActivityException.class, call);
        assertEquals(reason, e.activityReason(), e.getMessage());
    }
}
