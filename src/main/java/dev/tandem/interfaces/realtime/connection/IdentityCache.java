package dev.tandem.interfaces.realtime.connection;

import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.IdentityService;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.identity.IdentityCacheUpdateMessage;
import dev.tandem.interfaces.realtime.wire.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps each client's identity cache filled. The client resolves the sessions and users named in model, activity,
 * chat and presence messages only from what it was told in {@code identityCacheUpdate} messages, and a name it cannot
 * resolve throws inside (and so disables) one of its services. So before sending a message that names sessions or
 * users, a handler calls one of the {@code ensure...Known} methods for them.
 *
 * <p>Each call sends at most one {@code identityCacheUpdate}, with only what this connection has not been told yet
 * (a user is sent again if its names changed), and returns once it is sent. Safe from any thread: the check and the
 * send happen under the connection's own lock, so a thread that finds a user already known can never overtake the
 * update that made it known.
 */
@ApplicationScoped
public class IdentityCache {

    private static final Logger LOG = Logger.getLogger(IdentityCache.class.getName());

    @Inject
    IdentityService identity;

    @Inject
    ConnectionRegistry connections;

    /**
     * Makes sure the client knows {@code users} and {@code sessions} (session id → its user; the users are sent
     * too). Sends nothing if it knows them all.
     */
    public void ensureKnown(
            ClientConnection connection, Map<String, DomainUserView> sessions, Collection<DomainUserView> users) {
        KnownIdentities known = connection.knownIdentities();
        synchronized (known) {
            Map<DomainUserId, DomainUserView> newUsers = new LinkedHashMap<>();
            for (DomainUserView user : users) {
                addIfNew(known, newUsers, user);
            }
            Map<String, DomainUserView> newSessions = new LinkedHashMap<>();
            sessions.forEach((sessionId, user) -> {
                if (!known.sessions.contains(sessionId)) {
                    newSessions.put(sessionId, user);
                    addIfNew(known, newUsers, user);
                }
            });
            if (newUsers.isEmpty() && newSessions.isEmpty()) {
                return;
            }
            IdentityCacheUpdateMessage.Builder update = IdentityCacheUpdateMessage.newBuilder();
            // Users first in the message and in the client's processing: a session entry resolves its user from them.
            newUsers.values().forEach(u -> update.addUsers(Wire.user(u)));
            newSessions.forEach((sessionId, user) -> update.putSessions(sessionId, Wire.userId(user)));
            connection.send(ConvergenceMessage.newBuilder()
                    .setIdentityCacheUpdate(update)
                    .build());
            known.users.putAll(newUsers);
            known.sessions.addAll(newSessions.keySet());
        }
    }

    /**
     * Makes sure the client knows the users named, loading from the database only those it has not been told about.
     * Users the domain does not have are skipped: there is nothing to tell.
     */
    public void ensureUsersKnown(ClientConnection connection, Collection<DomainUserId> users) {
        Set<DomainUserId> missing = new LinkedHashSet<>();
        KnownIdentities known = connection.knownIdentities();
        synchronized (known) {
            for (DomainUserId user : users) {
                if (!known.users.containsKey(user)) {
                    missing.add(user);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        // Outside the lock: a database read must not hold up other threads sending to this connection.
        List<DomainUserView> loaded = new ArrayList<>();
        Authenticated own = connection.requireSession();
        if (missing.remove(DomainUserId.of(own.user()))) {
            loaded.add(own.user());
        }
        if (!missing.isEmpty()) {
            loaded.addAll(identity.users(connection.namespace(), connection.domainId(), missing));
        }
        ensureKnown(connection, Map.of(), loaded);
    }

    /**
     * Makes sure the client knows the sessions named and their users: sessions connected to this node are resolved
     * from memory, others from the database. Session ids the domain does not know are skipped (and logged).
     */
    public void ensureSessionsKnown(ClientConnection connection, Collection<String> sessionIds) {
        Set<String> missing = new LinkedHashSet<>();
        KnownIdentities known = connection.knownIdentities();
        synchronized (known) {
            for (String sessionId : sessionIds) {
                if (!known.sessions.contains(sessionId)) {
                    missing.add(sessionId);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, DomainUserView> resolved = new HashMap<>();
        for (ClientConnection other : connections.connections()) {
            other.session().ifPresent(s -> {
                if (missing.contains(s.sessionId())
                        && s.namespace().equals(connection.namespace())
                        && s.domainId().equals(connection.domainId())) {
                    resolved.put(s.sessionId(), s.user());
                }
            });
        }
        missing.removeAll(resolved.keySet());
        if (!missing.isEmpty()) {
            Map<String, DomainUserView> stored =
                    identity.sessionUsers(connection.namespace(), connection.domainId(), missing);
            resolved.putAll(stored);
            missing.removeAll(stored.keySet());
            if (!missing.isEmpty()) {
                LOG.log(Level.FINE, "{0}: no user for sessions {1}", new Object[] {connection, missing});
            }
        }
        // Keep the caller's order, so that the update reads naturally in traces.
        Map<String, DomainUserView> ordered = new LinkedHashMap<>();
        for (String sessionId : sessionIds) {
            DomainUserView user = resolved.get(sessionId);
            if (user != null) {
                ordered.put(sessionId, user);
            }
        }
        ensureKnown(connection, ordered, List.of());
    }

    private static void addIfNew(
            KnownIdentities known, Map<DomainUserId, DomainUserView> newUsers, DomainUserView user) {
        DomainUserId id = DomainUserId.of(user);
        if (!user.equals(known.users.get(id))) {
            newUsers.put(id, user);
        }
    }
}
