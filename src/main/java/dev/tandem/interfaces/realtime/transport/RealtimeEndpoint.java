package dev.tandem.interfaces.realtime.transport;

import dev.tandem.identity.AuthenticationService;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.CloseReasons;
import dev.tandem.interfaces.realtime.connection.ConnectionEvent;
import dev.tandem.interfaces.realtime.connection.ConnectionRegistry;
import dev.tandem.interfaces.realtime.connection.RealtimeSettings;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.dispatch.MessageRouter;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The WebSocket endpoint the Convergence client connects to: {@code ws://host/api/realtime/{namespace}/{domainId}}.
 * One instance per socket; it only adapts container callbacks to {@link ClientConnection} and
 * {@link MessageRouter}.
 *
 * <p>Every frame passes here, so the instance keeps its connection and the router itself (not its CDI proxy) in
 * fields: no user-properties lookup and no proxy dispatch per frame.
 */
@ServerEndpoint("/api/realtime/{namespace}/{domainId}")
public class RealtimeEndpoint {

    private static final Logger LOG = Logger.getLogger(RealtimeEndpoint.class.getName());

    @Inject
    ConnectionRegistry registry;

    @Inject
    MessageRouter router;

    @Inject
    RealtimeSettings settings;

    @Inject
    AuthenticationService authentication;

    @Inject
    TyrusSchedulerSwap schedulerSwap;

    @Inject
    TyrusRawFrames rawFrames;

    @Inject
    Event<ConnectionEvent> connectionEvents;

    // Set in open(), before any frame of the socket is delivered; volatile because the container may deliver the
    // socket's frames and its close on other threads than the open.
    private volatile ClientConnection connection;
    private volatile MessageRouter.FrameSink directRouter;

    @OnOpen
    public void open(
            Session socket,
            EndpointConfig config,
            @PathParam("namespace") String namespace,
            @PathParam("domainId") String domainId) {
        schedulerSwap.install(socket);
        // Bounds the reassembly of fragmented messages; whole frames are checked by the router (close 1009).
        socket.setMaxBinaryMessageBufferSize(settings.maxFrameBytes());
        socket.setMaxTextMessageBufferSize(4096);
        ClientConnection connection = new ClientConnection(
                socket,
                rawFrames.writerFor(socket),
                namespace,
                domainId,
                remoteHost(socket),
                settings,
                System.nanoTime());
        MessageRouter.FrameSink direct = router.direct();
        this.directRouter = direct != null ? direct : router::onFrame;
        this.connection = connection; // last: a frame that sees the connection sees the router
        registry.add(connection);
    }

    @OnMessage
    public void binary(Session socket, ByteBuffer frame) {
        ClientConnection connection = this.connection;
        if (connection != null) {
            directRouter.onFrame(connection, frame);
        }
    }

    @OnMessage
    public void text(Session socket, String frame) {
        ClientConnection connection = this.connection;
        if (connection != null) {
            connection.send(IncomingMessage.errorMessage(
                            ErrorCodes.INVALID_MESSAGE,
                            "text frames are not part of the protocol: send binary protobuf frames")
                    .build());
            if (connection.countProtocolViolation() >= settings.maxProtocolViolations()) {
                connection.close(CloseReasons.TOO_MANY_ERRORS);
            }
        }
    }

    @OnClose
    public void close(Session socket, CloseReason reason) {
        ClientConnection connection = this.connection;
        if (connection == null) {
            return;
        }
        connection.markClosed();
        registry.remove(connection);
        if (connection.session().isPresent()) {
            try {
                connectionEvents.fire(new ConnectionEvent.Disconnected(connection));
            } finally {
                authentication.sessionEnded(connection.requireSession().sessionId());
            }
        }
        LOG.log(Level.FINE, "{0} closed: {1}", new Object[] {connection, reason});
    }

    @OnError
    public void error(Session socket, Throwable error) {
        // Client-side trouble (resets, oversized frames) ends up here; it is routine, not a server fault.
        LOG.log(Level.FINE, "socket {0} error: {1}", new Object[] {socket.getId(), error.toString()});
    }

    private static String remoteHost(Session socket) {
        // Tyrus publishes the peer address under this key; the standard API has none.
        Object address = socket.getUserProperties().get("jakarta.websocket.endpoint.remoteAddress");
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString();
        }
        return address == null ? "unknown" : address.toString();
    }
}
