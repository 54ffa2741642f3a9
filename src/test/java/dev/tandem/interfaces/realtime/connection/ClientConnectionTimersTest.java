package dev.tandem.interfaces.realtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.model.AutoCreateModelConfigRequestMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The connection's timers, driven with a simulated clock and a recording fake socket. */
class ClientConnectionTimersTest {

    private static final long SECOND = 1_000_000_000L;

    private final List<ConvergenceMessage> sent = new ArrayList<>();
    private CloseReason closedWith;

    private final Session socket = (Session) Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getId" -> "socket-1";
                case "getBasicRemote" -> basicRemote();
                case "close" -> {
                    closedWith = args == null ? null : (CloseReason) args[0];
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private RemoteEndpoint.Basic basicRemote() {
        return (RemoteEndpoint.Basic) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Basic.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendBinary")) {
                        sent.add(ConvergenceMessage.parseFrom((ByteBuffer) args[0]));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static RealtimeSettings settings() {
        RealtimeSettings settings = new RealtimeSettings();
        settings.pingIntervalSeconds = 10;
        settings.pongTimeoutSeconds = 10;
        settings.handshakeTimeoutSeconds = 5;
        settings.serverRequestTimeoutSeconds = 10;
        settings.maxMessagesPerSecond = 1000;
        settings.messageBurst = 2000;
        return settings;
    }

    private ClientConnection authenticatedConnection(RealtimeSettings settings) {
        ClientConnection connection = new ClientConnection(socket, "ns", "d", "127.0.0.1", settings, 0);
        connection.authenticated(new Authenticated(
                "ns",
                "d",
                new DomainUserView(UserType.NORMAL, "alice", null, null, null, null),
                "session-1",
                "token",
                "password"));
        return connection;
    }

    @Test
    void closesASocketThatNeverAuthenticates() {
        RealtimeSettings settings = settings();
        ClientConnection connection = new ClientConnection(socket, "ns", "d", "127.0.0.1", settings, 0);
        connection.checkTimers(4 * SECOND, settings);
        assertNull(closedWith);
        connection.checkTimers(6 * SECOND, settings);
        assertEquals(4001, closedWith.getCloseCode().getCode());
        assertEquals(ClientConnection.State.CLOSED, connection.state());
    }

    @Test
    void pingsAfterIdlenessAndClosesWhenNothingAnswers() {
        RealtimeSettings settings = settings();
        ClientConnection connection = authenticatedConnection(settings);
        connection.checkTimers(9 * SECOND, settings);
        assertTrue(sent.isEmpty(), "no ping before the interval");
        connection.checkTimers(11 * SECOND, settings);
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).hasPing());
        connection.checkTimers(15 * SECOND, settings);
        assertEquals(1, sent.size(), "one ping at a time");
        assertNull(closedWith);
        connection.checkTimers(22 * SECOND, settings);
        assertEquals(4002, closedWith.getCloseCode().getCode());
    }

    @Test
    void anyReceivedFrameAnswersThePing() {
        RealtimeSettings settings = settings();
        ClientConnection connection = authenticatedConnection(settings);
        connection.checkTimers(11 * SECOND, settings);
        connection.markReceived(12 * SECOND);
        connection.checkTimers(30 * SECOND, settings);
        assertNull(closedWith, "the client answered");
        assertEquals(2, sent.size(), "idle again after the answer: a new ping");
    }

    @Test
    void serverRequestsAreNumberedFromZeroAndTimeOut() throws Exception {
        RealtimeSettings settings = settings();
        ClientConnection connection = authenticatedConnection(settings);
        ConvergenceMessage.Builder ask = ConvergenceMessage.newBuilder()
                .setModelAutoCreateConfigRequest(
                        AutoCreateModelConfigRequestMessage.newBuilder().setAutoCreateId(0));
        CompletableFuture<ConvergenceMessage> first = connection.request(ask.clone(), 0);
        CompletableFuture<ConvergenceMessage> second = connection.request(ask.clone(), 60 * SECOND);
        assertEquals(0, sent.get(0).getRequestId().getValue());
        assertTrue(sent.get(0).hasRequestId(), "request id 0 is sent explicitly");
        assertEquals(1, sent.get(1).getRequestId().getValue());

        connection.checkTimers(System.nanoTime() + SECOND, settings);
        ExecutionException timedOut =
                org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, first::get);
        assertInstanceOf(TimeoutException.class, timedOut.getCause());
        assertFalse(second.isDone());

        ConvergenceMessage reply = ConvergenceMessage.newBuilder().build();
        assertTrue(connection.completeRequest(1, reply));
        assertEquals(reply, second.get());
        assertFalse(connection.completeRequest(1, reply), "a reply is matched once");
    }
}
