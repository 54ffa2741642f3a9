package dev.tandem.interfaces.realtime;

import dev.tandem.identity.DomainUserView;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.identity.IdentityCacheUpdateMessage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one connection's client has been told about sessions and users. The client resolves session ids and users
 * only from its identity cache, and throws (killing that service) on an unknown one, so every message naming a
 * session must be preceded by an {@code identityCacheUpdate} that covers it.
 */
public final class IdentityCacheTracker {

    private final Set<String> knownSessions = new HashSet<>();
    private final Set<String> knownUsers = new HashSet<>();

    /** Sends one update with whatever of {@code sessions} the client does not know yet; nothing if it knows all. */
    public void ensureKnown(ClientConnection connection, Map<String, DomainUserView> sessions) {
        IdentityCacheUpdateMessage.Builder update = IdentityCacheUpdateMessage.newBuilder();
        synchronized (this) {
            for (Map.Entry<String, DomainUserView> entry : sessions.entrySet()) {
                DomainUserView user = entry.getValue();
                if (knownSessions.add(entry.getKey())) {
                    update.putSessions(entry.getKey(), Wire.userId(user));
                }
                if (knownUsers.add(user.type() + ":" + user.username())) {
                    update.addUsers(Wire.user(user));
                }
            }
            if (update.getSessionsCount() == 0 && update.getUsersCount() == 0) {
                return;
            }
            // Sent under the lock, so that a concurrent caller that found everything known cannot overtake it.
            connection.send(ConvergenceMessage.newBuilder().setIdentityCacheUpdate(update).build());
        }
    }
}
