package dev.tandem.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tandem.identity.PermissionResolver.Entries;
import dev.tandem.identity.PermissionResolver.Precedence;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one permission resolution, case by case: who holds what under each precedence, on one target and on two (a
 * model before its collection), for a domain administrator, a user with an entry of their own, a user known only by
 * a group, and a user known by nothing.
 */
class PermissionResolverTest {

    enum P {
        READ,
        WRITE,
        SHARE,
        MANAGE
    }

    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId BOB = DomainUserId.normal("bob");
    private static final DomainUserId CAROL = DomainUserId.normal("carol");
    /** Same name as alice, another user. */
    private static final DomainUserId ANONYMOUS_ALICE = new DomainUserId(UserType.ANONYMOUS, "alice");

    private static final DomainUserId ADMIN = new DomainUserId(UserType.CONVERGENCE, "admin");

    /** Groups: alice and bob are staff, bob also an editor; carol is in none. */
    private static List<String> groupsOf(DomainUserId user) {
        if (user.equals(ALICE)) {
            return List.of("staff");
        }
        if (user.equals(BOB)) {
            return List.of("staff", "editors");
        }
        return List.of();
    }

    /** World READ; alice SHARE; staff WRITE, editors MANAGE. */
    private static final Entries<Set<P>> TARGET = new Entries<>(
            EnumSet.of(P.READ),
            Map.of(ALICE, EnumSet.of(P.SHARE)),
            Map.of("staff", EnumSet.of(P.WRITE), "editors", EnumSet.of(P.MANAGE)));

    /** A more specific target before TARGET: no world entry of its own; carol READ+WRITE; no groups. */
    private static final Entries<Set<P>> INNER =
            new Entries<>(null, Map.of(CAROL, EnumSet.of(P.READ, P.WRITE)), Map.of());

    /** The same inner target, with a world entry of its own (SHARE) that replaces the outer one. */
    private static final Entries<Set<P>> INNER_WITH_WORLD =
            new Entries<>(EnumSet.of(P.SHARE), Map.of(CAROL, EnumSet.of(P.READ, P.WRITE)), Map.of());

    static Stream<Arguments> cases() {
        return Stream.of(
                // UNION: every match counts
                row(Precedence.UNION, List.of(TARGET), ADMIN, EnumSet.allOf(P.class)),
                row(Precedence.UNION, List.of(TARGET), ALICE, EnumSet.of(P.READ, P.SHARE, P.WRITE)),
                row(Precedence.UNION, List.of(TARGET), BOB, EnumSet.of(P.READ, P.WRITE, P.MANAGE)),
                row(Precedence.UNION, List.of(TARGET), CAROL, EnumSet.of(P.READ)),
                row(Precedence.UNION, List.of(TARGET), ANONYMOUS_ALICE, EnumSet.of(P.READ)),
                row(Precedence.UNION, List.of(INNER, TARGET), CAROL, EnumSet.of(P.READ, P.WRITE)),
                row(Precedence.UNION, List.of(INNER_WITH_WORLD, TARGET), BOB, EnumSet.allOf(P.class)),
                // MOST_SPECIFIC: user, else groups (their union), else world
                row(Precedence.MOST_SPECIFIC, List.of(TARGET), ADMIN, EnumSet.allOf(P.class)),
                row(Precedence.MOST_SPECIFIC, List.of(TARGET), ALICE, EnumSet.of(P.SHARE)),
                row(Precedence.MOST_SPECIFIC, List.of(TARGET), BOB, EnumSet.of(P.WRITE, P.MANAGE)),
                row(Precedence.MOST_SPECIFIC, List.of(TARGET), CAROL, EnumSet.of(P.READ)),
                row(Precedence.MOST_SPECIFIC, List.of(TARGET), ANONYMOUS_ALICE, EnumSet.of(P.READ)),
                // ... across two targets: any user entry beats any group entry, which beats any world entry
                row(Precedence.MOST_SPECIFIC, List.of(INNER, TARGET), CAROL, EnumSet.of(P.READ, P.WRITE)),
                row(Precedence.MOST_SPECIFIC, List.of(INNER, TARGET), ALICE, EnumSet.of(P.SHARE)),
                row(Precedence.MOST_SPECIFIC, List.of(INNER, TARGET), BOB, EnumSet.of(P.WRITE, P.MANAGE)),
                row(Precedence.MOST_SPECIFIC, List.of(INNER, TARGET), ANONYMOUS_ALICE, EnumSet.of(P.READ)),
                row(Precedence.MOST_SPECIFIC, List.of(INNER_WITH_WORLD, TARGET), ANONYMOUS_ALICE, EnumSet.of(P.SHARE)),
                row(Precedence.MOST_SPECIFIC, List.of(INNER_WITH_WORLD, TARGET), BOB, EnumSet.of(P.WRITE, P.MANAGE)),
                // nothing granted anywhere: nothing, but for administrators
                row(Precedence.MOST_SPECIFIC, List.of(empty()), ALICE, EnumSet.noneOf(P.class)),
                row(Precedence.UNION, List.of(empty()), ALICE, EnumSet.noneOf(P.class)),
                row(Precedence.UNION, List.of(empty()), ADMIN, EnumSet.allOf(P.class)));
    }

    @ParameterizedTest(name = "{0} over {1}: {2} holds {3}")
    @MethodSource("cases")
    void resolves(Precedence precedence, List<Entries<Set<P>>> targets, DomainUserId user, Set<P> expected) {
        PermissionResolver<Set<P>> resolver = PermissionResolver.ofSets(P.class, precedence);
        assertEquals(expected, resolver.resolve(user, () -> groupsOf(user), targets));
    }

    @Test
    void theDefaultAppliesOnlyWhenNothingIsGrantedToAnyone() {
        PermissionResolver<Set<P>> resolver =
                PermissionResolver.ofSets(P.class, Precedence.MOST_SPECIFIC).whenNothingGranted(EnumSet.of(P.READ));
        assertEquals(EnumSet.of(P.READ), resolver.resolve(CAROL, List::of, empty()));
        assertEquals(EnumSet.allOf(P.class), resolver.resolve(ADMIN, List::of, empty()));
        // An empty world is no grant; any user or group entry is, even for somebody else.
        Entries<Set<P>> onlyBob = new Entries<>(EnumSet.noneOf(P.class), Map.of(BOB, EnumSet.of(P.WRITE)), Map.of());
        assertEquals(EnumSet.noneOf(P.class), resolver.resolve(CAROL, List::of, onlyBob));
        Entries<Set<P>> onlyStaff = new Entries<>(Set.of(), Map.of(), Map.of("staff", EnumSet.of(P.WRITE)));
        assertEquals(EnumSet.noneOf(P.class), resolver.resolve(CAROL, List::of, onlyStaff));
    }

    @Test
    void implicationsApplyToWhatWasResolvedButNotToAdministrators() {
        PermissionResolver<Set<P>> resolver = PermissionResolver.ofSets(P.class, Precedence.MOST_SPECIFIC)
                .implying(granted -> granted.contains(P.MANAGE) ? EnumSet.allOf(P.class) : granted);
        assertEquals(EnumSet.allOf(P.class), resolver.resolve(BOB, () -> groupsOf(BOB), TARGET));
        assertEquals(EnumSet.of(P.SHARE), resolver.resolve(ALICE, () -> groupsOf(ALICE), TARGET));
        PermissionResolver<Set<P>> never = PermissionResolver.ofSets(P.class, Precedence.UNION)
                .implying(granted -> {
                    throw new AssertionError("asked for an administrator");
                });
        assertEquals(EnumSet.allOf(P.class), never.resolve(ADMIN, List::of, TARGET));
    }

    @Test
    void groupsAreAskedOnceAndOnlyIfSomeTargetHasGroupEntries() {
        for (Precedence precedence : Precedence.values()) {
            PermissionResolver<Set<P>> resolver = PermissionResolver.ofSets(P.class, precedence);
            AtomicInteger asked = new AtomicInteger();
            resolver.resolve(
                    CAROL,
                    () -> {
                        asked.incrementAndGet();
                        return List.of();
                    },
                    List.of(INNER_WITH_WORLD, INNER));
            assertEquals(0, asked.get(), precedence + ": no group entries");
            resolver.resolve(
                    CAROL,
                    () -> {
                        asked.incrementAndGet();
                        return List.of();
                    },
                    List.of(TARGET, TARGET));
            assertEquals(1, asked.get(), precedence + ": two targets with group entries");
            resolver.resolve(
                    ADMIN,
                    () -> {
                        throw new AssertionError("asked for an administrator");
                    },
                    TARGET);
        }
    }

    @Test
    void everyAnswerIsTheCallersToKeep() {
        PermissionResolver<Set<P>> resolver = PermissionResolver.ofSets(P.class, Precedence.MOST_SPECIFIC);
        Set<P> alice = resolver.resolve(ALICE, () -> groupsOf(ALICE), TARGET);
        alice.add(P.MANAGE);
        assertEquals(EnumSet.of(P.SHARE), TARGET.users().get(ALICE));
        assertEquals(EnumSet.of(P.SHARE), resolver.resolve(ALICE, () -> groupsOf(ALICE), TARGET));
    }

    @Test
    void entriesOfAnyShapeResolveTheSameWay() {
        // A record of flags, as models keep theirs; groups combine by the union given.
        record Flags(boolean read, boolean write) {}
        PermissionResolver<Flags> resolver = PermissionResolver.of(
                Precedence.MOST_SPECIFIC,
                new Flags(true, true),
                new Flags(false, false),
                (a, b) -> new Flags(a.read() || b.read(), a.write() || b.write()));
        Entries<Flags> entries = new Entries<>(
                new Flags(true, false),
                Map.of(ALICE, new Flags(false, false)),
                Map.of("staff", new Flags(false, true), "editors", new Flags(true, false)));
        assertEquals(new Flags(false, false), resolver.resolve(ALICE, () -> groupsOf(ALICE), entries));
        assertEquals(new Flags(true, true), resolver.resolve(BOB, () -> groupsOf(BOB), entries));
        assertEquals(new Flags(true, false), resolver.resolve(CAROL, () -> groupsOf(CAROL), entries));
        assertEquals(new Flags(true, true), resolver.resolve(ADMIN, List::of, entries));
    }

    @Test
    void grantsAreEntries() {
        Grants<P> grants = new Grants<>(
                EnumSet.of(P.READ), Map.of(ALICE, EnumSet.of(P.SHARE)), Map.of("staff", EnumSet.of(P.WRITE)));
        Entries<Set<P>> entries = Entries.of(grants);
        assertEquals(grants.world(), entries.world());
        assertEquals(grants.users(), entries.users());
        assertEquals(grants.groups(), entries.groups());
        assertThrows(NullPointerException.class, () -> new Entries<Set<P>>(Set.of(), null, Map.of()));
    }

    private static Entries<Set<P>> empty() {
        return new Entries<>(EnumSet.noneOf(P.class), Map.of(), Map.of());
    }

    private static Arguments row(
            Precedence precedence, List<Entries<Set<P>>> targets, DomainUserId user, Set<P> expected) {
        return Arguments.of(precedence, targets, user, expected);
    }
}
