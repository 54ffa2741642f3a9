package dev.tandem.interfaces.realtime.handshake;

import com.google.protobuf.Value;
import dev.tandem.TandemVersion;
import dev.tandem.identity.AuthenticationResult;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.AuthenticationResult.Rejected;
import dev.tandem.identity.AuthenticationService;
import dev.tandem.identity.ClientInfo;
import dev.tandem.identity.Credentials;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionEvent;
import dev.tandem.interfaces.realtime.connection.RealtimeSettings;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage;
import dev.tandem.interfaces.realtime.proto.core.ConnectionResponseMessage;
import dev.tandem.interfaces.realtime.proto.core.ConnectionResponseMessage.ConnectionFailureData;
import dev.tandem.interfaces.realtime.proto.core.ConnectionResponseMessage.ConnectionSuccessData;
import dev.tandem.interfaces.realtime.proto.core.ConnectionResponseMessage.ServerData;
import dev.tandem.interfaces.realtime.proto.core.GetServerTimeResponseMessage;
import dev.tandem.interfaces.realtime.wire.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The handshake ({@code ConnectionRequestMessage}) and the server clock. A connection request is always answered
 * with a {@code ConnectionResponseMessage}, never an {@code ErrorMessage}: the client treats anything else as a failed
 * connection and retries forever. A successful login joins presence ({@link HandshakePresence}) before the response
 * is sent, so the response carries the user's presence state and the user is available once the client is connected.
 */
@ApplicationScoped
public class ConnectionHandlers implements HandlerRegistration {

    private static final Logger LOG = Logger.getLogger(ConnectionHandlers.class.getName());

    @Inject
    AuthenticationService authentication;

    @Inject
    Event<ConnectionEvent> connectionEvents;

    @Inject
    Instance<HandshakePresence> handshakePresence;

    @Inject
    RealtimeSettings settings;

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.CONNECTIONREQUEST, this::connect);
        registry.request(BodyCase.SERVERTIMEREQUEST, this::serverTime);
    }

    private void connect(ClientConnection connection, IncomingMessage incoming) {
        ConnectionRequestMessage request = incoming.message().getConnectionRequest();
        ConnectionResponseMessage.Builder response = ConnectionResponseMessage.newBuilder()
                .setServer(ServerData.newBuilder().setVersion(TandemVersion.VERSION));
        String oversized = CredentialSizes.oversized(request, settings.maxTokenBytes());
        Credentials credentials = oversized == null ? credentials(request) : null;
        AuthenticationResult result;
        if (oversized != null) {
            // Refused before anything parses, hashes or looks the credential up; the log names the field, never
            // its value.
            LOG.log(Level.INFO, "Login to {0}/{1} with {2} from {3} refused: {4}", new Object[] {
                connection.namespace(), connection.domainId(), request.getAuthCase(), connection.remoteHost(), oversized
            });
            result = new Rejected(AuthenticationService.AUTHENTICATION_FAILED, oversized, false);
        } else if (credentials == null) {
            result = new Rejected("invalid_auth_method", "the request names no authentication method", false);
        } else {
            ClientInfo client =
                    new ClientInfo(request.getClient(), request.getClientVersion(), connection.remoteHost());
            try {
                result =
                        authentication.authenticate(connection.namespace(), connection.domainId(), credentials, client);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "authentication failed unexpectedly for " + connection, e);
                result = new Rejected("unknown", "the server could not authenticate the connection", true);
            }
        }
        if (result instanceof Authenticated ok) {
            connection.authenticated(ok);
            response.setSuccess(ConnectionSuccessData.newBuilder()
                    .setNamespace(ok.namespace())
                    .setDomainId(ok.domainId())
                    .setUser(Wire.user(ok.user()))
                    .setSessionId(ok.sessionId())
                    .setReconnectToken(ok.reconnectToken())
                    .putAllPresenceState(presenceState(connection)));
            LOG.log(Level.FINE, "{0} authenticated by {1}", new Object[] {connection, ok.authMethod()});
        } else if (result instanceof Rejected rejected) {
            response.setFailure(ConnectionFailureData.newBuilder()
                    .setCode(rejected.code())
                    .setDetails(rejected.details() == null ? "" : rejected.details())
                    .setRetryOk(rejected.retryOk()));
        }
        incoming.reply(ConvergenceMessage.newBuilder().setConnectionResponse(response));
        if (result instanceof Authenticated) {
            connectionEvents.fire(new ConnectionEvent.Connected(connection));
        }
    }

    /** Joins presence; a failure costs the client its presence, never the connection. */
    private Map<String, Value> presenceState(ClientConnection connection) {
        if (!handshakePresence.isResolvable()) {
            return Map.of();
        }
        try {
            return handshakePresence.get().join(connection);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not join presence for " + connection, e);
            return Map.of();
        }
    }

    private static Credentials credentials(ConnectionRequestMessage request) {
        return switch (request.getAuthCase()) {
            case PASSWORD ->
                new Credentials.Password(
                        request.getPassword().getUsername(),
                        request.getPassword().getPassword());
            case JWT -> new Credentials.Jwt(request.getJwt().getJwt());
            case ANONYMOUS ->
                new Credentials.Anonymous(
                        request.getAnonymous().hasDisplayName()
                                ? request.getAnonymous().getDisplayName().getValue()
                                : null);
            case RECONNECT ->
                new Credentials.ReconnectToken(request.getReconnect().getToken());
            case AUTH_NOT_SET -> null;
        };
    }

    private void serverTime(ClientConnection connection, IncomingMessage incoming) {
        incoming.reply(ConvergenceMessage.newBuilder()
                .setServerTimeResponse(
                        GetServerTimeResponseMessage.newBuilder().setServerTime(Wire.timestamp(Instant.now()))));
    }
}
