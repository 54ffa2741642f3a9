package dev.tandem.interfaces.realtime.presence;

import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.presence.PresenceAvailabilityChangedMessage;
import dev.tandem.interfaces.realtime.proto.presence.PresenceStateClearedMessage;
import dev.tandem.interfaces.realtime.proto.presence.PresenceStateRemovedMessage;
import dev.tandem.interfaces.realtime.proto.presence.PresenceStateSetMessage;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.interfaces.realtime.wire.WireJson;
import dev.tandem.presence.PresenceListener;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one session's presence pushes into protocol messages on its socket, identity cache first.
 *
 * <p>The session joins presence during the handshake, before the connection response is sent; pushes that come
 * before {@link #activate()} (called once the response is out) are held and then sent in order, so the client never
 * receives a presence message before its connection response.
 */
final class ConnectionPresenceListener implements PresenceListener {

    private record Push(DomainUserId user, ConvergenceMessage.Builder message) {}

    private final ClientConnection connection;
    private final IdentityCache identityCache;
    /** Pushes held until activation; {@code null} once active. Guarded by this. */
    private List<Push> held = new ArrayList<>();

    ConnectionPresenceListener(ClientConnection connection, IdentityCache identityCache) {
        this.connection = connection;
        this.identityCache = identityCache;
    }

    /** Sends the held pushes, in order, and every later one at once. */
    synchronized void activate() {
        List<Push> pending = held;
        held = null;
        if (pending != null) {
            pending.forEach(this::send);
        }
    }

    @Override
    public void availabilityChanged(DomainUserId user, boolean available) {
        push(
                user,
                ConvergenceMessage.newBuilder()
                        .setPresenceAvailabilityChanged(PresenceAvailabilityChangedMessage.newBuilder()
                                .setUser(Wire.userId(user))
                                .setAvailable(available)));
    }

    @Override
    public void stateSet(DomainUserId user, Map<String, JsonValue> state) {
        push(
                user,
                ConvergenceMessage.newBuilder()
                        .setPresenceStateSet(PresenceStateSetMessage.newBuilder()
                                .setUser(Wire.userId(user))
                                .putAllState(WireJson.toProto(state))));
    }

    @Override
    public void stateRemoved(DomainUserId user, List<String> keys) {
        push(
                user,
                ConvergenceMessage.newBuilder()
                        .setPresenceStateRemoved(PresenceStateRemovedMessage.newBuilder()
                                .setUser(Wire.userId(user))
                                .addAllKeys(keys)));
    }

    @Override
    public void stateCleared(DomainUserId user) {
        push(
                user,
                ConvergenceMessage.newBuilder()
                        .setPresenceStateCleared(
                                PresenceStateClearedMessage.newBuilder().setUser(Wire.userId(user))));
    }

    private synchronized void push(DomainUserId user, ConvergenceMessage.Builder message) {
        if (held != null) {
            held.add(new Push(user, message));
        } else {
            send(new Push(user, message));
        }
    }

    private void send(Push push) {
        if (connection.state() == ClientConnection.State.CLOSED) {
            return;
        }
        // The client handles pushes about its own user without its identity cache. Not describing that user here
        // matters: the session's first push arrives right after the connection response, before a client with
        // offline storage has opened it, and rc.12 then throws on the identity update it cannot store.
        boolean ownUser = connection
                .session()
                .map(s -> DomainUserId.of(s.user()).equals(push.user()))
                .orElse(false);
        if (!ownUser) {
            identityCache.ensureUsersKnown(connection, List.of(push.user()));
        }
        connection.send(push.message().build());
    }
}
