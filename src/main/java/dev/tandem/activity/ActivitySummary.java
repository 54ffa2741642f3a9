package dev.tandem.activity;

import java.time.Instant;
import java.util.List;

/**
 * An activity as an administrator lists it.
 *
 * @param sessions the sessions joined to it now (lurkers too), in joining order; empty if it is not live
 */
public record ActivitySummary(ActivityId id, boolean ephemeral, Instant created, List<JoinedSession> sessions) {

    public ActivitySummary {
        sessions = List.copyOf(sessions);
    }
}
