package dev.tandem.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.persistence.GrantRows;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantsTest {

    // Any enum serves as a permission type; days keep the test independent of the capabilities.
    private static final DomainUserId ALICE = DomainUserId.normal("alice");
    private static final DomainUserId BOB = DomainUserId.normal("bob");

    private static Set<DayOfWeek> set(DayOfWeek... days) {
        return days.length == 0 ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(List.of(days));
    }

    private static Grants<DayOfWeek> grants(
            Set<DayOfWeek> world, Map<DomainUserId, Set<DayOfWeek>> users, Map<String, Set<DayOfWeek>> groups) {
        return new Grants<>(world, users, groups);
    }

    @Test
    void addMergesEntryByEntry() {
        Grants<DayOfWeek> base = grants(set(DayOfWeek.MONDAY), Map.of(ALICE, set(DayOfWeek.TUESDAY)), Map.of());
        Grants<DayOfWeek> added = base.plus(grants(
                set(DayOfWeek.FRIDAY),
                Map.of(ALICE, set(DayOfWeek.SUNDAY), BOB, set(DayOfWeek.MONDAY)),
                Map.of("g", set(DayOfWeek.MONDAY))));

        assertEquals(set(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), added.world());
        assertEquals(set(DayOfWeek.TUESDAY, DayOfWeek.SUNDAY), added.users().get(ALICE));
        assertEquals(set(DayOfWeek.MONDAY), added.users().get(BOB));
        assertEquals(set(DayOfWeek.MONDAY), added.groups().get("g"));
        assertEquals(set(DayOfWeek.TUESDAY), base.users().get(ALICE), "the original is unchanged");
    }

    @Test
    void removeDropsEntriesLeftEmptyAndIgnoresUnknownOnes() {
        Grants<DayOfWeek> base = grants(
                set(DayOfWeek.MONDAY, DayOfWeek.TUESDAY),
                Map.of(ALICE, set(DayOfWeek.TUESDAY), BOB, set(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)),
                Map.of("g", set(DayOfWeek.MONDAY)));
        Grants<DayOfWeek> removed = base.minus(grants(
                set(DayOfWeek.MONDAY),
                Map.of(ALICE, set(DayOfWeek.TUESDAY), BOB, set(DayOfWeek.FRIDAY)),
                Map.of("g", set(DayOfWeek.MONDAY), "unknown", set(DayOfWeek.MONDAY))));

        assertEquals(set(DayOfWeek.TUESDAY), removed.world());
        assertFalse(removed.users().containsKey(ALICE), "an emptied entry is gone");
        assertEquals(set(DayOfWeek.MONDAY), removed.users().get(BOB));
        assertTrue(removed.groups().isEmpty());
    }

    @Test
    void setReplacesOnlyTheGivenParts() {
        Grants<DayOfWeek> base = grants(
                set(DayOfWeek.MONDAY), Map.of(ALICE, set(DayOfWeek.TUESDAY)), Map.of("g", set(DayOfWeek.MONDAY)));

        Grants<DayOfWeek> worldOnly = base.with(set(), null, false, null, false);
        assertEquals(set(), worldOnly.world());
        assertEquals(base.users(), worldOnly.users());
        assertEquals(base.groups(), worldOnly.groups());

        Grants<DayOfWeek> oneUser = base.with(null, Map.of(BOB, set(DayOfWeek.SUNDAY)), false, null, false);
        assertEquals(Set.of(ALICE, BOB), oneUser.users().keySet(), "without replaceAll the others stay");

        Grants<DayOfWeek> replaced =
                base.with(null, Map.of(BOB, set(DayOfWeek.SUNDAY)), true, Map.of("h", set(DayOfWeek.MONDAY)), true);
        assertEquals(Map.of(BOB, set(DayOfWeek.SUNDAY)), replaced.users());
        assertEquals(Map.of("h", set(DayOfWeek.MONDAY)), replaced.groups());

        Grants<DayOfWeek> cleared = base.with(null, Map.of(ALICE, set()), false, null, false);
        assertTrue(cleared.users().isEmpty(), "setting an empty entry removes it");
    }

    @Test
    void storedFormRoundTrips() {
        Grants<DayOfWeek> grants = grants(
                set(DayOfWeek.FRIDAY, DayOfWeek.MONDAY),
                Map.of(ALICE, set(DayOfWeek.TUESDAY), new DomainUserId(UserType.ANONYMOUS, "anon"), set()),
                Map.of("g", set(DayOfWeek.MONDAY, DayOfWeek.SUNDAY)));

        String world = grants.worldNames(DayOfWeek::name);
        List<GrantRows.Row> rows = grants.rows(DayOfWeek::name);
        assertEquals("MONDAY,FRIDAY", world, "sorted by declaration order");
        assertEquals(grants, Grants.fromStored(DayOfWeek.class, world, rows, DayOfWeek::valueOf));
        assertEquals(
                grants(set(), Map.of(), Map.of()),
                Grants.fromStored(DayOfWeek.class, "", List.of(), DayOfWeek::valueOf));
    }
}
