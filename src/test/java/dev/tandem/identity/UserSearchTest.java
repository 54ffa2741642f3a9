package dev.tandem.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserSearchTest {

    @Test
    void appliesDefaults() {
        UserSearch search = UserSearch.of(List.of(UserField.EMAIL), "x", null, null, null, false);
        assertEquals(0, search.offset());
        assertEquals(UserSearch.DEFAULT_LIMIT, search.limit());
        assertEquals(UserField.USERNAME, search.orderBy());
        assertFalse(search.ascending());
    }

    @Test
    void readsAZeroLimitAsTheDefaultAndCutsLargeOnes() {
        // the client sends present-but-empty wrappers, which read as 0
        assertEquals(
                UserSearch.DEFAULT_LIMIT,
                UserSearch.of(List.of(UserField.EMAIL), "", 0, 0, null, true).limit());
        assertEquals(
                UserSearch.MAX_LIMIT,
                UserSearch.of(List.of(UserField.EMAIL), "", 0, 1_000_000, null, true)
                        .limit());
        UserSearch page = UserSearch.of(List.of(UserField.EMAIL), "", 5, 7, UserField.LAST_NAME, true);
        assertEquals(5, page.offset());
        assertEquals(7, page.limit());
        assertEquals(UserField.LAST_NAME, page.orderBy());
    }

    @Test
    void collapsesRepeatedFields() {
        UserSearch search = UserSearch.of(
                List.of(UserField.EMAIL, UserField.EMAIL, UserField.USERNAME), "x", null, null, null, true);
        assertEquals(Set.of(UserField.EMAIL, UserField.USERNAME), search.fields());
    }

    @Test
    void refusesWhatNoClientSends() {
        assertThrows(IllegalArgumentException.class, () -> UserSearch.of(List.of(), "x", null, null, null, true));
        assertThrows(IllegalArgumentException.class, () -> UserSearch.of(null, "x", null, null, null, true));
        assertThrows(
                IllegalArgumentException.class,
                () -> UserSearch.of(Arrays.asList(UserField.EMAIL, null), "x", null, null, null, true));
        assertThrows(
                IllegalArgumentException.class,
                () -> UserSearch.of(List.of(UserField.EMAIL), null, null, null, null, true));
        assertThrows(
                IllegalArgumentException.class,
                () -> UserSearch.of(List.of(UserField.EMAIL), "x", -1, null, null, true));
        assertThrows(
                IllegalArgumentException.class,
                () -> UserSearch.of(List.of(UserField.EMAIL), "x", null, -1, null, true));
        assertThrows(
                IllegalArgumentException.class,
                () -> UserSearch.of(
                        List.of(UserField.EMAIL), "x".repeat(UserSearch.MAX_TERM_LENGTH + 1), null, null, null, true));
    }

    @Test
    void makesTheTermALiteralLowerCaseSubstringPattern() {
        assertEquals("%alice%", pattern("ALIce"));
        assertEquals("%%", pattern(""));
        assertEquals("%100!%!_done!!%", pattern("100%_done!"));
        assertTrue(pattern("a.b").contains("a.b"), "only LIKE's own wildcards need escaping");
    }

    private static String pattern(String term) {
        return UserSearch.of(List.of(UserField.USERNAME), term, null, null, null, true)
                .likePattern();
    }
}
