package dev.tandem.activity;

import dev.tandem.identity.DomainUserView;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A visible (not lurking) participant of an activity as one viewer sees it.
 *
 * @param state the session's state in the order keys were first set; empty for a viewer without
 *              {@link ActivityPermission#VIEW_STATE}
 */
public record Participant(String sessionId, DomainUserView user, Map<String, JsonValue> state) {

    public Participant {
        state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }
}
