package dev.tandem.presence;

import dev.tandem.identity.DomainUserId;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who is available and what they share, per domain user across all their sessions.
 *
 * <ul>
 *   <li>A user is available while at least one of their sessions is connected.</li>
 *   <li>A user's state is one map (string → JSON value) shared by all their sessions; any of them may merge keys
 *       into it, remove keys or clear it. It ends with the user's last session: an unavailable user has no state.</li>
 *   <li>A session may subscribe to any users of its domain (existing or not: an unknown user is simply never
 *       available) and then receives every change of theirs through its {@link PresenceListener}; a session also
 *       receives the changes its user's other sessions make, but not the echo of its own.</li>
 * </ul>
 *
 * <p>Bad input (too many users in one call, a state over its limits) throws {@link IllegalArgumentException} and
 * changes nothing.
 * Operations on a session that is not connected throw {@link IllegalStateException}.
 */
public interface PresenceService {

    /** The most users one call may name. */
    int MAX_USERS_PER_CALL = 1000;
    /** The most keys a user's state may hold, unless {@code tandem.presence.max-state-keys} says otherwise. */
    int MAX_STATE_KEYS = 1000;
    /**
     * The most bytes a user's state may hold (each key and the JSON text of its value, in UTF-8), unless
     * {@code tandem.presence.max-state-bytes} says otherwise. Without it a session could set a thousand keys of
     * 4 MB each, one message at a time, all kept in memory and pushed to every subscriber.
     */
    int MAX_STATE_BYTES = 256 * 1024;
    /** The most users one session may follow at once. */
    int MAX_SUBSCRIPTIONS_PER_SESSION = 10_000;

    /**
     * Registers a newly connected session and the listener that receives its pushes from now on. If it is the
     * user's first session, the user's subscribers are told the user became available. The session's own listener
     * is told too, whether first or not, so that the client sees its own user as available.
     *
     * @return the user's presence, including this session: the state to give the client, to which the pushes that
     *         follow are the changes
     * @throws IllegalStateException if the session is already registered
     */
    UserPresence connect(PresenceSession session, PresenceListener listener);

    /**
     * Unregisters a session and drops its subscriptions. If it was the user's last session, the user's state is
     * cleared (subscribers are told, when there was any) and the user becomes unavailable. Unknown sessions are
     * ignored, so this may be called more than once.
     */
    void disconnect(PresenceSession session);

    /** Merges {@code state} into the session's user's state; an empty map changes nothing. */
    void setState(PresenceSession session, Map<String, JsonValue> state);

    /** Removes {@code keys} from the session's user's state; keys not present are ignored. */
    void removeState(PresenceSession session, Collection<String> keys);

    /** Empties the session's user's state. */
    void clearState(PresenceSession session);

    /** The presence of each of {@code users} of the session's domain, one per user, in the order given. */
    List<UserPresence> presence(String namespace, String domainId, List<DomainUserId> users);

    /**
     * Subscribes the session to {@code users} (subscribing twice is the same as once) and hands their presence,
     * one per user in the order given, to {@code reply} <em>before</em> any change that follows the subscription is
     * pushed to the session's listener, so a client never gets a change for a subscription it has not yet seen.
     */
    void subscribe(PresenceSession session, List<DomainUserId> users, Consumer<List<UserPresence>> reply);

    /** Ends the session's subscriptions to {@code users}; users it does not follow are ignored. */
    void unsubscribe(PresenceSession session, Collection<DomainUserId> users);
}
