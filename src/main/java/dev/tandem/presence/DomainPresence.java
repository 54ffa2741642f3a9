package dev.tandem.presence;

import dev.tandem.identity.DomainUserId;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The presence of one domain: its connected sessions, each user's state, and who follows whom.
 *
 * <p>One lock (this object) guards everything and listeners are called while it is held. That makes the domain a
 * single writer, like Convergence's one presence actor per domain: every session sees a user's changes in the order
 * they happened, and a subscription reply can be sent before the changes that follow it. Presence changes are rare
 * next to model operations, so one lock per domain is not a bottleneck; a cluster version shards by domain the same
 * way.
 */
final class DomainPresence {

    private static final Logger LOG = Logger.getLogger(DomainPresence.class.getName());

    /** A user someone is connected as or subscribed to; dropped when neither holds any more. */
    private static final class UserEntry {
        final DomainUserId user;
        /** The user's connected sessions, by session id. */
        final Map<String, SessionEntry> sessions = new LinkedHashMap<>();
        /** Insertion-ordered: clients show keys in the order they were set. */
        final Map<String, JsonValue> state = new LinkedHashMap<>();
        /** The size of {@link #state} as {@link #size} counts it. */
        long stateBytes;
        /** Sessions (of anyone) that subscribed to this user. */
        final Set<String> subscribers = new LinkedHashSet<>();

        UserEntry(DomainUserId user) {
            this.user = user;
        }

        UserPresence snapshot() {
            return new UserPresence(user, !sessions.isEmpty(), state);
        }

        boolean unused() {
            return sessions.isEmpty() && subscribers.isEmpty();
        }
    }

    private record SessionEntry(
            String sessionId, DomainUserId user, PresenceListener listener, Set<DomainUserId> subscriptions) {}

    private final Map<DomainUserId, UserEntry> users = new HashMap<>();
    private final Map<String, SessionEntry> sessions = new HashMap<>();
    private final int maxStateKeys;
    private final long maxStateBytes;

    /** A domain with the default limits on a user's state. */
    DomainPresence() {
        this(PresenceService.MAX_STATE_KEYS, PresenceService.MAX_STATE_BYTES);
    }

    /** A domain whose users' states hold at most {@code maxStateKeys} keys and {@code maxStateBytes} bytes. */
    DomainPresence(int maxStateKeys, long maxStateBytes) {
        this.maxStateKeys = maxStateKeys;
        this.maxStateBytes = maxStateBytes;
    }

    synchronized UserPresence connect(String sessionId, DomainUserId user, PresenceListener listener) {
        if (sessions.containsKey(sessionId)) {
            throw new IllegalStateException("session " + sessionId + " is already connected");
        }
        SessionEntry session = new SessionEntry(sessionId, user, listener, new HashSet<>());
        UserEntry entry = users.computeIfAbsent(user, UserEntry::new);
        boolean wasAvailable = !entry.sessions.isEmpty();
        sessions.put(sessionId, session);
        if (!wasAvailable) {
            notify(audience(entry, sessionId), l -> l.availabilityChanged(user, true));
        }
        entry.sessions.put(sessionId, session);
        // The client learns its own availability only from the server; it is told whether or not it is the first.
        notify(List.of(session), l -> l.availabilityChanged(user, true));
        return entry.snapshot();
    }

    synchronized void disconnect(String sessionId) {
        SessionEntry session = sessions.remove(sessionId);
        if (session == null) {
            return;
        }
        for (DomainUserId followed : session.subscriptions()) {
            UserEntry entry = users.get(followed);
            if (entry != null) {
                entry.subscribers.remove(sessionId);
                dropIfUnused(entry);
            }
        }
        UserEntry entry = users.get(session.user());
        if (entry == null) {
            return;
        }
        entry.sessions.remove(sessionId);
        if (entry.sessions.isEmpty()) {
            // The state ends with the last session (as upstream drops it). Subscribers are told, so that what they
            // hold matches what a presence request would now answer.
            if (!entry.state.isEmpty()) {
                entry.state.clear();
                entry.stateBytes = 0;
                notify(audience(entry, null), l -> l.stateCleared(entry.user));
            }
            notify(audience(entry, null), l -> l.availabilityChanged(entry.user, false));
        }
        dropIfUnused(entry);
    }

    synchronized void setState(String sessionId, Map<String, JsonValue> delta) {
        UserEntry entry = ownEntry(sessionId);
        if (delta.isEmpty()) {
            return;
        }
        long added =
                delta.keySet().stream().filter(k -> !entry.state.containsKey(k)).count();
        if (entry.state.size() + added > maxStateKeys) {
            throw new IllegalArgumentException("a user's presence state holds at most " + maxStateKeys + " keys");
        }
        long bytes = entry.stateBytes;
        for (Map.Entry<String, JsonValue> change : delta.entrySet()) {
            JsonValue old = entry.state.get(change.getKey());
            bytes += size(change.getKey(), change.getValue()) - (old == null ? 0 : size(change.getKey(), old));
        }
        if (bytes > maxStateBytes) {
            throw new IllegalArgumentException(
                    "a user's presence state holds at most " + maxStateBytes + " bytes (keys and JSON values)");
        }
        Map<String, JsonValue> copy = new LinkedHashMap<>(delta);
        entry.state.putAll(copy);
        entry.stateBytes = bytes;
        Map<String, JsonValue> pushed = Collections.unmodifiableMap(copy);
        notify(audience(entry, sessionId), l -> l.stateSet(entry.user, pushed));
    }

    synchronized void removeState(String sessionId, Collection<String> keys) {
        UserEntry entry = ownEntry(sessionId);
        List<String> removed = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            JsonValue value = entry.state.remove(key);
            if (value != null) {
                entry.stateBytes -= size(key, value);
                removed.add(key);
            }
        }
        if (!removed.isEmpty()) {
            List<String> pushed = List.copyOf(removed);
            notify(audience(entry, sessionId), l -> l.stateRemoved(entry.user, pushed));
        }
    }

    synchronized void clearState(String sessionId) {
        UserEntry entry = ownEntry(sessionId);
        if (!entry.state.isEmpty()) {
            entry.state.clear();
            entry.stateBytes = 0;
            notify(audience(entry, sessionId), l -> l.stateCleared(entry.user));
        }
    }

    synchronized List<UserPresence> presence(List<DomainUserId> wanted) {
        List<UserPresence> result = new ArrayList<>(wanted.size());
        for (DomainUserId user : wanted) {
            UserEntry entry = users.get(user);
            result.add(entry == null ? UserPresence.unavailable(user) : entry.snapshot());
        }
        return result;
    }

    synchronized void subscribe(String sessionId, List<DomainUserId> wanted, Consumer<List<UserPresence>> reply) {
        SessionEntry session = requireSession(sessionId);
        long added = new LinkedHashSet<>(wanted)
                .stream().filter(u -> !session.subscriptions().contains(u)).count();
        if (session.subscriptions().size() + added > PresenceService.MAX_SUBSCRIPTIONS_PER_SESSION) {
            throw new IllegalArgumentException(
                    "a session follows at most " + PresenceService.MAX_SUBSCRIPTIONS_PER_SESSION + " users");
        }
        List<UserPresence> result = new ArrayList<>(wanted.size());
        for (DomainUserId user : wanted) {
            UserEntry entry = users.computeIfAbsent(user, UserEntry::new);
            entry.subscribers.add(sessionId);
            session.subscriptions().add(user);
            result.add(entry.snapshot());
        }
        // Still under the lock: no change can reach the session's listener before the reply has gone out.
        reply.accept(List.copyOf(result));
    }

    synchronized void unsubscribe(String sessionId, Collection<DomainUserId> unwanted) {
        SessionEntry session = sessions.get(sessionId);
        if (session == null) {
            return;
        }
        for (DomainUserId user : unwanted) {
            if (session.subscriptions().remove(user)) {
                UserEntry entry = users.get(user);
                if (entry != null) {
                    entry.subscribers.remove(sessionId);
                    dropIfUnused(entry);
                }
            }
        }
    }

    synchronized boolean isEmpty() {
        return sessions.isEmpty() && users.isEmpty();
    }

    /**
     * The sessions that hear about a change of {@code entry}'s user: its subscribers and the user's own sessions,
     * each once, without {@code origin} (which already applied the change itself) unless {@code origin} explicitly
     * subscribed to its own user, so that a subscription object on that client also sees the change.
     */
    private List<SessionEntry> audience(UserEntry entry, String origin) {
        Set<String> ids = new LinkedHashSet<>(entry.subscribers);
        for (String own : entry.sessions.keySet()) {
            if (!own.equals(origin)) {
                ids.add(own);
            }
        }
        List<SessionEntry> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            SessionEntry session = sessions.get(id);
            if (session != null) {
                result.add(session);
            }
        }
        return result;
    }

    private static void notify(List<SessionEntry> audience, Consumer<PresenceListener> call) {
        for (SessionEntry session : audience) {
            try {
                call.accept(session.listener());
            } catch (RuntimeException e) {
                // One broken recipient must not keep the change from the others.
                LOG.log(Level.WARNING, "presence listener of session " + session.sessionId() + " failed", e);
            }
        }
    }

    /** What one key of a state costs: the key and its value's JSON text, in UTF-8 bytes. */
    static long size(String key, JsonValue value) {
        return utf8Length(key) + utf8Length(value.toString());
    }

    private static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4; // with its low surrogate, one code point of four bytes
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    private UserEntry ownEntry(String sessionId) {
        SessionEntry session = requireSession(sessionId);
        return users.get(session.user());
    }

    private SessionEntry requireSession(String sessionId) {
        SessionEntry session = sessions.get(sessionId);
        if (session == null) {
            throw new IllegalStateException("session " + sessionId + " is not connected");
        }
        return session;
    }

    private void dropIfUnused(UserEntry entry) {
        if (entry.unused()) {
            users.remove(entry.user, entry);
        }
    }
}
