package dev.tandem.presence;

import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserId;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link PresenceService} of a cluster: a user's sessions may be connected to several members, and a session on
 * any member follows users connected anywhere.
 *
 * <p><b>Where the truth is.</b> Each user's presence is one entry of a shared directory (the data grid's map,
 * {@code tandem.presence}), a {@link SharedUser}: the user's sessions and the member each is on, the state, and a
 * version, kept as {@link VersionedEntries}. Every change is a compare-and-set of that entry, so concurrent changes from several members serialize per
 * user, as they do under one node's lock; the data grid keeps a backup of each entry, so a member's death loses no
 * other member's presence. A member that joins reads what it needs; nothing is handed over.
 *
 * <p><b>How changes reach the sessions.</b> The member that made a change sends the user's new entry to every other
 * member (the channel {@code presence-changes}); each member keeps, for every session of its own, the version of each followed user it
 * last showed that session, and pushes the difference between that and a newer entry (older ones, overtaken on the
 * way, are dropped). So every session sees each user's changes in order and ends at the same state, though two quick
 * changes from two members may reach it as one. A session is not told what it did itself: the keys its own change
 * set or removed are left out of what it is pushed.
 *
 * <p><b>A member that leaves</b> (dies, or is cut off) takes its sessions with it: the oldest remaining member removes
 * them from every user's entry, which tells their followers, as a disconnect would.
 *
 * <p>Local state (the sessions of this member, what each was shown) is guarded per domain by the domain's lock, held
 * while listeners are called, as on one node; the shared directory is read or written outside it except where a
 * session's first view of a user must be read in order with the changes that follow it.
 */
final class ClusterPresenceService implements PresenceService {

    static final String DIRECTORY = "presence";

    private static final Logger LOG = Logger.getLogger(ClusterPresenceService.class.getName());

    private record DomainKey(String namespace, String domainId) {}

    /** A session of this member: its listener, whom it subscribed to, and each followed user as it last saw them. */
    private static final class LocalSession {
        final PresenceSession session;
        final PresenceListener listener;
        final Set<DomainUserId> subscriptions = new HashSet<>();
        final Map<DomainUserId, SharedUser> views = new HashMap<>();

        LocalSession(PresenceSession session, PresenceListener listener) {
            this.session = session;
            this.listener = listener;
        }

        boolean follows(DomainUserId user) {
            return subscriptions.contains(user) || session.user().equals(user);
        }
    }

    /** This member's sessions of one domain, and which of them follow each user. */
    private static final class LocalDomain {
        final Map<String, LocalSession> sessions = new HashMap<>();
        final Map<DomainUserId, Set<String>> followers = new HashMap<>();

        void follow(LocalSession session, DomainUserId user, SharedUser view) {
            session.views.put(user, view);
            followers.computeIfAbsent(user, u -> new LinkedHashSet<>()).add(session.session.sessionId());
        }

        void unfollow(LocalSession session, DomainUserId user) {
            session.views.remove(user);
            Set<String> ids = followers.get(user);
            if (ids != null) {
                ids.remove(session.session.sessionId());
                if (ids.isEmpty()) {
                    followers.remove(user);
                }
            }
        }
    }

    private final VersionedEntries<SharedUser> entries;
    private final int maxStateKeys;
    private final long maxStateBytes;
    private final Map<DomainKey, LocalDomain> domains = new ConcurrentHashMap<>();

    /**
     * @param executor runs what other members send, in order, off the data grid's threads
     */
    ClusterPresenceService(ClusterMembership membership, Executor executor, int maxStateKeys, long maxStateBytes) {
        this.entries = new VersionedEntries<>(
                membership, DIRECTORY, SharedUser::parse, SharedUser.ABSENT, executor, this::received);
        this.maxStateKeys = maxStateKeys;
        this.maxStateBytes = maxStateBytes;
    }

    @Override
    public UserPresence connect(PresenceSession session, PresenceListener listener) {
        LocalDomain domain = domain(session.namespace(), session.domainId());
        synchronized (domain) {
            if (domain.sessions.containsKey(session.sessionId())) {
                throw new IllegalStateException("session " + session.sessionId() + " is already connected");
            }
        }
        String key = key(session);
        VersionedEntries.Change<SharedUser> change =
                update(key, u -> u.withSession(session.sessionId(), entries.localMemberId()));
        SharedUser shown;
        synchronized (domain) {
            deliver(domain, session.user(), change.after(), session.sessionId(), Set.of(), false);
            LocalSession local = new LocalSession(session, listener);
            domain.sessions.put(session.sessionId(), local);
            // A change made elsewhere may have been delivered before this session was here to receive it: start it
            // from the newest entry, read now, in order with every change delivered after it.
            shown = newer(change.after(), read(key));
            domain.follow(local, session.user(), shown);
            // The client learns its own availability only from the server, whether it is the first session or not.
            call(local, l -> l.availabilityChanged(session.user(), true));
        }
        broadcast(key, change.after(), session.sessionId(), Set.of(), false);
        return shown.presence(session.user());
    }

    @Override
    public void disconnect(PresenceSession session) {
        LocalDomain domain = domain(session.namespace(), session.domainId());
        synchronized (domain) {
            LocalSession local = domain.sessions.remove(session.sessionId());
            if (local == null) {
                return;
            }
            for (DomainUserId followed : List.copyOf(local.views.keySet())) {
                domain.unfollow(local, followed);
            }
        }
        String key = key(session);
        VersionedEntries.Change<SharedUser> change = update(
                key, u -> u.sessions().containsKey(session.sessionId()) ? u.withoutSession(session.sessionId()) : null);
        if (change != null) {
            publish(domain, session.user(), key, change.after(), null, Set.of(), false);
        }
    }

    @Override
    public void setState(PresenceSession session, Map<String, JsonValue> state) {
        if (state.size() > maxStateKeys) {
            throw new IllegalArgumentException("a user's presence state holds at most " + maxStateKeys + " keys");
        }
        requireConnected(session);
        if (state.isEmpty()) {
            return;
        }
        Map<String, JsonValue> delta = new LinkedHashMap<>(state);
        String key = key(session);
        VersionedEntries.Change<SharedUser> change = update(key, u -> {
            Map<String, JsonValue> next = new LinkedHashMap<>(u.state());
            next.putAll(delta);
            checkLimits(next);
            return u.withState(next);
        });
        publish(
                domain(session.namespace(), session.domainId()),
                session.user(),
                key,
                change.after(),
                session.sessionId(),
                delta.keySet(),
                false);
    }

    @Override
    public void removeState(PresenceSession session, Collection<String> keys) {
        requireConnected(session);
        Set<String> removed = new LinkedHashSet<>(keys);
        String key = key(session);
        VersionedEntries.Change<SharedUser> change = update(key, u -> {
            Map<String, JsonValue> next = new LinkedHashMap<>(u.state());
            return next.keySet().removeAll(removed) ? u.withState(next) : null;
        });
        if (change != null) {
            publish(
                    domain(session.namespace(), session.domainId()),
                    session.user(),
                    key,
                    change.after(),
                    session.sessionId(),
                    removed,
                    false);
        }
    }

    @Override
    public void clearState(PresenceSession session) {
        requireConnected(session);
        String key = key(session);
        VersionedEntries.Change<SharedUser> change =
                update(key, u -> u.state().isEmpty() ? null : u.withState(Map.of()));
        if (change != null) {
            publish(
                    domain(session.namespace(), session.domainId()),
                    session.user(),
                    key,
                    change.after(),
                    session.sessionId(),
                    Set.of(),
                    true);
        }
    }

    @Override
    public List<UserPresence> presence(String namespace, String domainId, List<DomainUserId> users) {
        checkSize(users);
        List<UserPresence> result = new ArrayList<>(users.size());
        for (DomainUserId user : users) {
            result.add(read(SharedUser.key(namespace, domainId, user)).presence(user));
        }
        return result;
    }

    @Override
    public void subscribe(PresenceSession session, List<DomainUserId> users, Consumer<List<UserPresence>> reply) {
        checkSize(users);
        LocalDomain domain = domain(session.namespace(), session.domainId());
        synchronized (domain) {
            LocalSession local = requireLocal(domain, session);
            long added = new LinkedHashSet<>(users)
                    .stream().filter(u -> !local.subscriptions.contains(u)).count();
            if (local.subscriptions.size() + added > MAX_SUBSCRIPTIONS_PER_SESSION) {
                throw new IllegalArgumentException(
                        "a session follows at most " + MAX_SUBSCRIPTIONS_PER_SESSION + " users");
            }
            List<UserPresence> result = new ArrayList<>(users.size());
            for (DomainUserId user : users) {
                // A user the session already follows is answered as the session last saw them, so that the changes
                // still on their way follow on from it; another is read now, under the lock, in order with them.
                SharedUser view = local.views.get(user);
                if (view == null) {
                    view = read(SharedUser.key(session.namespace(), session.domainId(), user));
                    domain.follow(local, user, view);
                }
                local.subscriptions.add(user);
                result.add(view.presence(user));
            }
            reply.accept(List.copyOf(result));
        }
    }

    @Override
    public void unsubscribe(PresenceSession session, Collection<DomainUserId> users) {
        LocalDomain domain = domain(session.namespace(), session.domainId());
        synchronized (domain) {
            LocalSession local = domain.sessions.get(session.sessionId());
            if (local == null) {
                return;
            }
            for (DomainUserId user : users) {
                if (local.subscriptions.remove(user) && !local.follows(user)) {
                    domain.unfollow(local, user);
                }
            }
        }
    }

    /**
     * A member left: if this member is now the oldest, it removes the sessions the member had from every user's
     * entry and tells everyone, as their disconnects would have. Runs off the caller's thread.
     */
    void memberLeft(String memberId) {
        entries.whenOldest(() -> {
            int removed = 0;
            for (String key : entries.keys()) {
                SharedUser.Key parts = SharedUser.parseKey(key);
                if (parts == null) {
                    continue;
                }
                VersionedEntries.Change<SharedUser> change =
                        update(key, u -> u.sessions().containsValue(memberId) ? u.withoutMember(memberId) : null);
                if (change != null) {
                    removed++;
                    publish(
                            domain(parts.namespace(), parts.domainId()),
                            parts.user(),
                            key,
                            change.after(),
                            null,
                            Set.of(),
                            false);
                }
            }
            if (removed > 0) {
                LOG.log(
                        Level.INFO,
                        "Presence: {0} user(s) had sessions on member {1}, which left; they were removed",
                        new Object[] {removed, memberId});
            }
        });
    }

    // --- changes ---

    private VersionedEntries.Change<SharedUser> update(String key, UnaryOperator<SharedUser> change) {
        return entries.update(key, change);
    }

    /** Shows a change to this member's sessions, then sends it to every other member. */
    private void publish(
            LocalDomain domain,
            DomainUserId user,
            String key,
            SharedUser after,
            String origin,
            Set<String> ownKeys,
            boolean ownClear) {
        synchronized (domain) {
            deliver(domain, user, after, origin, ownKeys, ownClear);
        }
        broadcast(key, after, origin, ownKeys, ownClear);
    }

    private void broadcast(String key, SharedUser after, String origin, Set<String> ownKeys, boolean ownClear) {
        JsonArrayBuilder keys = Json.createArrayBuilder();
        ownKeys.forEach(keys::add);
        JsonObjectBuilder note = Json.createObjectBuilder().add("ownKeys", keys).add("ownClear", ownClear);
        if (origin != null) {
            note.add("origin", origin);
        }
        entries.announce(key, after, note.build().toString());
    }

    /** A change another member made. */
    private void received(String key, SharedUser after, String noteText) {
        SharedUser.Key parts = SharedUser.parseKey(key);
        if (parts == null || noteText == null) {
            return;
        }
        LocalDomain domain = domains.get(new DomainKey(parts.namespace(), parts.domainId()));
        if (domain == null) {
            return; // nobody here follows anyone of that domain
        }
        JsonObject note = SharedUser.read(noteText).asJsonObject();
        Set<String> ownKeys = new HashSet<>();
        note.getJsonArray("ownKeys").getValuesAs(JsonString.class).forEach(s -> ownKeys.add(s.getString()));
        synchronized (domain) {
            deliver(
                    domain,
                    parts.user(),
                    after,
                    note.getString("origin", null),
                    ownKeys,
                    note.getBoolean("ownClear", false));
        }
    }

    /**
     * Pushes to each session of this member that follows {@code user} what changed since it last saw the user, if
     * {@code after} is newer than that. The session that made the change ({@code origin}) is not told the keys it set
     * or removed ({@code ownKeys}), nor a clear it made. Called under the domain's lock.
     */
    private void deliver(
            LocalDomain domain,
            DomainUserId user,
            SharedUser after,
            String origin,
            Set<String> ownKeys,
            boolean ownClear) {
        Set<String> followers = domain.followers.get(user);
        if (followers == null) {
            return;
        }
        for (String id : List.copyOf(followers)) {
            LocalSession session = domain.sessions.get(id);
            if (session == null) {
                continue;
            }
            SharedUser view = session.views.get(user);
            if (view == null || after.version() <= view.version()) {
                continue; // already shown, or overtaken by a newer change shown before it
            }
            session.views.put(user, after);
            boolean own = id.equals(origin);
            pushDifference(session, user, view, after, own ? ownKeys : Set.of(), own && ownClear);
        }
    }

    private static void pushDifference(
            LocalSession session,
            DomainUserId user,
            SharedUser before,
            SharedUser after,
            Set<String> ownKeys,
            boolean ownClear) {
        if (!before.available() && after.available()) {
            call(session, l -> l.availabilityChanged(user, true));
        }
        Map<String, JsonValue> was = before.state();
        Map<String, JsonValue> now = after.state();
        if (now.isEmpty() && !was.isEmpty()) {
            if (!ownClear) {
                call(session, l -> l.stateCleared(user));
            }
        } else {
            List<String> removed = new ArrayList<>();
            for (String key : was.keySet()) {
                if (!now.containsKey(key) && !ownKeys.contains(key)) {
                    removed.add(key);
                }
            }
            Map<String, JsonValue> set = new LinkedHashMap<>();
            now.forEach((key, value) -> {
                if (!Objects.equals(was.get(key), value) && !ownKeys.contains(key)) {
                    set.put(key, value);
                }
            });
            if (!removed.isEmpty()) {
                List<String> pushed = List.copyOf(removed);
                call(session, l -> l.stateRemoved(user, pushed));
            }
            if (!set.isEmpty()) {
                Map<String, JsonValue> pushed = java.util.Collections.unmodifiableMap(set);
                call(session, l -> l.stateSet(user, pushed));
            }
        }
        if (before.available() && !after.available()) {
            call(session, l -> l.availabilityChanged(user, false));
        }
    }

    private static void call(LocalSession session, Consumer<PresenceListener> push) {
        try {
            push.accept(session.listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "presence listener of session " + session.session.sessionId() + " failed", e);
        }
    }

    // --- helpers ---

    private SharedUser read(String key) {
        return entries.read(key);
    }

    private static SharedUser newer(SharedUser a, SharedUser b) {
        return b.version() > a.version() ? b : a;
    }

    private void checkLimits(Map<String, JsonValue> state) {
        if (state.size() > maxStateKeys) {
            throw new IllegalArgumentException("a user's presence state holds at most " + maxStateKeys + " keys");
        }
        long bytes = 0;
        for (Map.Entry<String, JsonValue> e : state.entrySet()) {
            bytes += DomainPresence.size(e.getKey(), e.getValue());
        }
        if (bytes > maxStateBytes) {
            throw new IllegalArgumentException(
                    "a user's presence state holds at most " + maxStateBytes + " bytes (keys and JSON values)");
        }
    }

    private void requireConnected(PresenceSession session) {
        LocalDomain domain = domain(session.namespace(), session.domainId());
        synchronized (domain) {
            requireLocal(domain, session);
        }
    }

    private static LocalSession requireLocal(LocalDomain domain, PresenceSession session) {
        LocalSession local = domain.sessions.get(session.sessionId());
        if (local == null) {
            throw new IllegalStateException("session " + session.sessionId() + " is not connected");
        }
        return local;
    }

    private LocalDomain domain(String namespace, String domainId) {
        return domains.computeIfAbsent(new DomainKey(namespace, domainId), k -> new LocalDomain());
    }

    private static String key(PresenceSession session) {
        return SharedUser.key(session.namespace(), session.domainId(), session.user());
    }

    private static void checkSize(Collection<?> users) {
        if (users.size() > MAX_USERS_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_USERS_PER_CALL + " users per call");
        }
    }
}
