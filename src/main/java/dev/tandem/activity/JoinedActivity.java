package dev.tandem.activity;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a join: the activity and its visible participants (by session id, in joining order), which include
 * the joiner unless it lurks.
 */
public record JoinedActivity(ActivityId id, boolean ephemeral, Instant created, Map<String, Participant> participants) {

    public JoinedActivity {
        participants = Collections.unmodifiableMap(new LinkedHashMap<>(participants));
    }
}
