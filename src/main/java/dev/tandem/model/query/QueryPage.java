package dev.tandem.model.query;

import java.util.List;

/**
 * A page of query results.
 *
 * @param models the matches of this page, in order
 * @param offset how many matches precede this page
 * @param totalResults how many models match in all, regardless of {@code LIMIT} and {@code OFFSET}
 */
public record QueryPage(List<QueryResult> models, long offset, long totalResults) {
    /** Copies the list. */
    public QueryPage {
        models = List.copyOf(models);
    }
}
