package dev.tandem.presence;

import dev.tandem.identity.DomainUserId;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of one user's presence.
 *
 * @param available true while at least one session of the user is connected
 * @param state     the user's shared state, in the order keys were first set; empty while unavailable
 */
public record UserPresence(DomainUserId user, boolean available, Map<String, JsonValue> state) {

    public UserPresence {
        // Copied into an insertion-ordered map (Map.copyOf would lose the order, which clients display).
        state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }

    /** How a user nobody has seen looks: unavailable, no state. */
    public static UserPresence unavailable(DomainUserId user) {
        return new UserPresence(user, false, Map.of());
    }
}
