package dev.tandem.activity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable facts of activities, shared by every node: existence, ephemeral flag, creation time and permissions.
 * Who is joined lives in memory ({@link DomainActivities}), not here. {@link JdbcActivityStore} keeps the facts in
 * the database; a failure is a {@link dev.tandem.persistence.StoreException}.
 */
public interface ActivityStore {

    /** A page of the domain's stored activities and how many match in all. */
    record Listing(List<ActivitySummary> activities, long total) {}

    /**
     * Stores a new activity; its creation time is kept to the millisecond.
     *
     * @return the stored activity, or empty if the domain already has one with that type and id
     */
    Optional<ActivityInfo> create(
            String domainRef, ActivityId id, boolean ephemeral, ActivityPermissions permissions, Instant now);

    /** The stored activity, if it exists. */
    Optional<ActivityInfo> find(String domainRef, ActivityId id);

    /** Deletes the activity and its permissions; false if it did not exist. */
    boolean delete(String domainRef, ActivityId id);

    /**
     * Replaces the activity's permissions.
     *
     * @return false if the activity does not exist
     */
    boolean setPermissions(String domainRef, ActivityId id, ActivityPermissions permissions);

    /**
     * The domain's activities whose type and id contain {@code type} and {@code id} ignoring case ({@code null}
     * matches all), by type and id, at most {@code limit} from {@code offset}; without their sessions (the caller
     * knows who is joined).
     */
    Listing list(String domainRef, String type, String id, long offset, int limit);
}
