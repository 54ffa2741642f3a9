package dev.tandem.activity;

import dev.tandem.identity.DomainUserView;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Receives what one participant session must see of the activities it joined. Sessions are named only after the
 * listener was told they joined (in the join answer or by {@link #sessionJoined}); lurkers are never named.
 *
 * <p>Calls for one domain arrive one at a time, in the order things happened, while the domain's activities are
 * locked: an implementation must be quick (hand the message to the socket), must not call back into the
 * {@link ActivityService}, and should not throw (what it throws is logged and ignored).
 */
public interface ActivityListener {

    /** A visible participant joined; {@code state} is empty if this session may not view state. */
    void sessionJoined(ActivityId activity, String sessionId, DomainUserView user, Map<String, JsonValue> state);

    /** A visible participant left. */
    void sessionLeft(ActivityId activity, String sessionId);

    /**
     * A participant's state changed: {@code removed} keys went first, then {@code set} was merged. With
     * {@code cleared}, the whole state was emptied and {@code set} and {@code removed} are empty.
     */
    void stateUpdated(
            ActivityId activity, String sessionId, Map<String, JsonValue> set, List<String> removed, boolean cleared);

    /** The activity was deleted; this session is no longer joined. */
    void deleted(ActivityId activity);

    /** This session was removed from the activity by the server. */
    void forcedToLeave(ActivityId activity, String reason);
}
