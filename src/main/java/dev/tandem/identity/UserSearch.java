package dev.tandem.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A validated user search: normal users of a domain whose value in any of {@link #fields} contains {@link #term},
 * ignoring case, ordered by {@link #orderBy} (then username, so pages are stable) and cut to one page.
 *
 * <p>Build it with {@link #of}, which applies the defaults and limits so that the query never has to guess.
 */
public record UserSearch(
        Set<UserField> fields, String term, int offset, int limit, UserField orderBy, boolean ascending) {

    /** Results per page when the client names no limit (or limit 0, which is how an empty wrapper arrives). */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page served; a larger limit is cut to this rather than refused. */
    public static final int MAX_LIMIT = 1000;
    /** Longer terms are refused: nobody types them, and they only cost the database. */
    public static final int MAX_TERM_LENGTH = 256;

    public UserSearch {
        fields = Set.copyOf(fields);
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(orderBy, "orderBy");
    }

    /**
     * Applies defaults and checks the arguments.
     *
     * @param fields    at least one field to match
     * @param term      the substring to look for; empty matches every user with a value in one of the fields
     * @param offset    results to skip; {@code null} means 0
     * @param limit     page size; {@code null} or 0 means {@value #DEFAULT_LIMIT}, more than {@value #MAX_LIMIT}
     *                  means {@value #MAX_LIMIT}
     * @param orderBy   {@code null} means {@link UserField#USERNAME}
     * @param ascending the direction of {@code orderBy}
     * @throws IllegalArgumentException for no fields, no term, a term longer than {@value #MAX_TERM_LENGTH}
     *                                  characters, or a negative offset or limit
     */
    public static UserSearch of(
            Collection<UserField> fields,
            String term,
            Integer offset,
            Integer limit,
            UserField orderBy,
            boolean ascending) {
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("name at least one field to search");
        }
        if (fields.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a search field is missing");
        }
        if (term == null) {
            throw new IllegalArgumentException("a search term is required");
        }
        if (term.length() > MAX_TERM_LENGTH) {
            throw new IllegalArgumentException("the search term is longer than " + MAX_TERM_LENGTH + " characters");
        }
        int from = offset == null ? 0 : offset;
        if (from < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        int size = limit == null ? 0 : limit;
        if (size < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        size = size == 0 ? DEFAULT_LIMIT : Math.min(size, MAX_LIMIT);
        return new UserSearch(
                EnumSet.copyOf(fields), term, from, size, orderBy == null ? UserField.USERNAME : orderBy, ascending);
    }

    /**
     * The LIKE pattern for {@link #term}: lower case, with the wildcards {@code %} and {@code _} (and the escape
     * character {@code !} itself) escaped, so a term is always a plain substring.
     */
    public String likePattern() {
        StringBuilder pattern = new StringBuilder(term.length() + 8).append('%');
        for (char c : term.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '%' || c == '_' || c == '!') {
                pattern.append('!');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
