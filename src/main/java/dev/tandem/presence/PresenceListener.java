package dev.tandem.presence;

import dev.tandem.identity.DomainUserId;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Receives the presence changes one session must see: those of the users it subscribed to, and those its user's
 * other sessions make (a session always follows its own user, so that every session of a user shares one state).
 *
 * <p>Calls for one domain arrive one at a time and in the order the changes happened; they are made while the
 * domain's presence is locked, so an implementation must be quick (hand the message to the socket), must not call
 * back into the {@link PresenceService}, and should not throw (what it throws is logged and ignored).
 */
public interface PresenceListener {

    /** {@code user} became available (its first session connected) or unavailable (its last one closed). */
    void availabilityChanged(DomainUserId user, boolean available);

    /** These keys of {@code user}'s state were set (merged into the rest). */
    void stateSet(DomainUserId user, Map<String, JsonValue> state);

    /** These keys of {@code user}'s state were removed. */
    void stateRemoved(DomainUserId user, List<String> keys);

    /** {@code user}'s state was emptied. */
    void stateCleared(DomainUserId user);
}
