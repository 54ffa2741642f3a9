package dev.tandem.interfaces.realtime.presence;

import com.google.protobuf.Value;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionEvent;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.handshake.HandshakePresence;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.core.DomainUserIdData;
import dev.tandem.interfaces.realtime.proto.presence.PresenceResponseMessage;
import dev.tandem.interfaces.realtime.proto.presence.SubscribePresenceResponseMessage;
import dev.tandem.interfaces.realtime.proto.presence.UserPresenceData;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.interfaces.realtime.wire.WireJson;
import dev.tandem.presence.PresenceService;
import dev.tandem.presence.PresenceSession;
import dev.tandem.presence.UserPresence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Presence over the protocol. Requests: {@code presenceRequest} and {@code presenceSubscribeRequest} (one entry per
 * user named, echoing the id exactly: the client looks its subscriptions up by it). Normal messages:
 * {@code presenceSetState}, {@code presenceRemoveState}, {@code presenceClearState}, {@code presenceUnsubscribe}.
 * Bad input is answered with {@code malformed_request_content} and changes nothing.
 *
 * <p>Users nobody knows are answered as unavailable rather than refused, like Convergence: the client resubscribes
 * to everything in one request after each reconnect, and one deleted user must not fail all the others.
 */
@ApplicationScoped
public class PresenceHandlers implements HandlerRegistration, HandshakePresence {

    private static final Logger LOG = Logger.getLogger(PresenceHandlers.class.getName());

    @Inject
    PresenceService presence;

    @Inject
    IdentityCache identityCache;

    /** Listeners of connections that joined in their handshake and wait for their Connected event. */
    private final Map<ClientConnection, ConnectionPresenceListener> joining = new ConcurrentHashMap<>();

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.PRESENCEREQUEST, this::presence);
        registry.request(BodyCase.PRESENCESUBSCRIBEREQUEST, this::subscribe);
        registry.message(BodyCase.PRESENCEUNSUBSCRIBE, this::unsubscribe);
        registry.message(BodyCase.PRESENCESETSTATE, this::setState);
        registry.message(BodyCase.PRESENCEREMOVESTATE, this::removeState);
        registry.message(BodyCase.PRESENCECLEARSTATE, this::clearState);
    }

    @Override
    public Map<String, Value> join(ClientConnection connection) {
        PresenceSession session = session(connection);
        ConnectionPresenceListener listener = new ConnectionPresenceListener(connection, identityCache);
        joining.put(connection, listener);
        UserPresence joined = presence.connect(session, listener);
        if (connection.state() == ClientConnection.State.CLOSED) {
            // Closed during the handshake: its Disconnected event may have come before the join and found nothing
            // to remove, so remove here, or the user would stay available forever.
            joining.remove(connection);
            presence.disconnect(session);
        }
        return WireJson.toProto(joined.state());
    }

    void onConnectionEvent(@Observes ConnectionEvent event) {
        ClientConnection connection = event.connection();
        try {
            ConnectionPresenceListener listener = joining.remove(connection);
            if (event instanceof ConnectionEvent.Connected) {
                if (listener != null) {
                    listener.activate();
                }
            } else {
                presence.disconnect(session(connection));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "presence could not process " + event, e);
        }
    }

    private void presence(ClientConnection connection, IncomingMessage incoming) {
        Authenticated session = connection.requireSession();
        List<DomainUserId> users =
                userIds(incoming.message().getPresenceRequest().getUsersList());
        List<UserPresence> presences =
                malformedIfIllegal(() -> presence.presence(session.namespace(), session.domainId(), users));
        identityCache.ensureUsersKnown(connection, users);
        PresenceResponseMessage.Builder response = PresenceResponseMessage.newBuilder();
        presences.forEach(p -> response.addUserPresences(data(p)));
        incoming.reply(ConvergenceMessage.newBuilder().setPresenceResponse(response));
    }

    private void subscribe(ClientConnection connection, IncomingMessage incoming) {
        List<DomainUserId> users =
                userIds(incoming.message().getPresenceSubscribeRequest().getUsersList());
        if (users.size() > PresenceService.MAX_USERS_PER_CALL) {
            throw new ProtocolException(
                    ErrorCodes.MALFORMED_REQUEST_CONTENT,
                    "at most " + PresenceService.MAX_USERS_PER_CALL + " users per request");
        }
        // Before subscribing: the reply and every push after it name these users.
        identityCache.ensureUsersKnown(connection, users);
        malformedIfIllegal(() -> {
            presence.subscribe(session(connection), users, presences -> {
                SubscribePresenceResponseMessage.Builder response = SubscribePresenceResponseMessage.newBuilder();
                presences.forEach(p -> response.addUserPresences(data(p)));
                incoming.reply(ConvergenceMessage.newBuilder().setPresenceSubscribeResponse(response));
            });
            return null;
        });
    }

    private void unsubscribe(ClientConnection connection, IncomingMessage incoming) {
        List<DomainUserId> users =
                userIds(incoming.message().getPresenceUnsubscribe().getUsersList());
        presence.unsubscribe(session(connection), users);
    }

    private void setState(ClientConnection connection, IncomingMessage incoming) {
        Map<String, JsonValue> state = malformedIfIllegal(
                () -> WireJson.toJson(incoming.message().getPresenceSetState().getStateMap()));
        malformedIfIllegal(() -> {
            presence.setState(session(connection), state);
            return null;
        });
    }

    private void removeState(ClientConnection connection, IncomingMessage incoming) {
        presence.removeState(
                session(connection), incoming.message().getPresenceRemoveState().getKeysList());
    }

    private void clearState(ClientConnection connection, IncomingMessage incoming) {
        presence.clearState(session(connection));
    }

    private static PresenceSession session(ClientConnection connection) {
        Authenticated session = connection.requireSession();
        return new PresenceSession(
                session.namespace(), session.domainId(), DomainUserId.of(session.user()), session.sessionId());
    }

    private static UserPresenceData data(UserPresence presence) {
        return UserPresenceData.newBuilder()
                .setUser(Wire.userId(presence.user()))
                .setAvailable(presence.available())
                .putAllState(WireJson.toProto(presence.state()))
                .build();
    }

    private static List<DomainUserId> userIds(List<DomainUserIdData> data) {
        List<DomainUserId> ids = new ArrayList<>(data.size());
        for (DomainUserIdData id : data) {
            ids.add(Wire.userId(id));
        }
        return ids;
    }

    private static <T> T malformedIfIllegal(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, e.getMessage());
        }
    }
}
