package dev.tandem.interfaces.realtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.core.PingMessage;
import dev.tandem.interfaces.realtime.proto.identity.IdentityCacheUpdateMessage;
import dev.tandem.interfaces.realtime.wire.Wire;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdentityCacheTest {

    private static final DomainUserView ALICE = new DomainUserView(UserType.NORMAL, "alice", "Alice", null, null, null);
    private static final DomainUserView BOB = new DomainUserView(UserType.NORMAL, "bob", "Bob", null, null, null);

    /** Everything sent on a fake socket, decoded, in order. */
    private final List<ConvergenceMessage> sent = Collections.synchronizedList(new ArrayList<>());

    private final ClientConnection connection =
            new ClientConnection(fakeSocket(), "ns", "d", "test", settings(), System.nanoTime());
    private final IdentityCache cache = new IdentityCache();

    private static RealtimeSettings settings() {
        RealtimeSettings settings = new RealtimeSettings();
        settings.maxMessagesPerSecond = 1000;
        settings.messageBurst = 2000;
        return settings;
    }

    private Session fakeSocket() {
        RemoteEndpoint.Basic remote = (RemoteEndpoint.Basic) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Basic.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendBinary")) {
                        sent.add(ConvergenceMessage.parseFrom((ByteBuffer) args[0]));
                    }
                    return null;
                });
        return (Session) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBasicRemote" -> remote;
                    case "getId" -> "socket-1";
                    default -> null;
                });
    }

    private List<IdentityCacheUpdateMessage> updates() {
        return sent.stream()
                .filter(ConvergenceMessage::hasIdentityCacheUpdate)
                .map(ConvergenceMessage::getIdentityCacheUpdate)
                .toList();
    }

    @Test
    void sendsOnlyWhatTheClientLacksInOneMessage() {
        cache.ensureKnown(connection, Map.of("s1", ALICE), List.of(BOB));
        assertEquals(1, updates().size());
        IdentityCacheUpdateMessage first = updates().get(0);
        assertEquals(
                List.of("bob", "alice"),
                first.getUsersList().stream()
                        .map(u -> u.getUserId().getUsername())
                        .toList());
        assertEquals("alice", first.getSessionsMap().get("s1").getUsername());

        cache.ensureKnown(connection, Map.of("s1", ALICE), List.of(ALICE, BOB));
        assertEquals(1, updates().size(), "nothing new, nothing sent");

        cache.ensureKnown(connection, Map.of("s2", ALICE), List.of());
        assertEquals(2, updates().size());
        assertEquals(0, updates().get(1).getUsersCount(), "alice is known already");
        assertEquals(Map.of("s2", Wire.userId(ALICE)), updates().get(1).getSessionsMap());
    }

    @Test
    void sendsAUserAgainWhenItsNamesChanged() {
        cache.ensureKnown(connection, Map.of(), List.of(ALICE));
        DomainUserView renamed = new DomainUserView(UserType.NORMAL, "alice", "Alice Renamed", null, null, null);
        cache.ensureKnown(connection, Map.of(), List.of(renamed));
        assertEquals(2, updates().size());
        assertEquals(
                "Alice Renamed", updates().get(1).getUsers(0).getDisplayName().getValue());
    }

    @Test
    void noThreadSendsAMessageNamingAUserBeforeTheUpdateThatIntroducesIt() throws InterruptedException {
        int threads = 8;
        int rounds = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < rounds; i++) {
                    DomainUserView user = new DomainUserView(UserType.NORMAL, "user-" + i, null, null, null, null);
                    cache.ensureKnown(connection, Map.of("session-" + i, user), List.of());
                    // stands for the message that names the session: a ping whose position we can check
                    connection.send(ConvergenceMessage.newBuilder()
                            .setPing(PingMessage.getDefaultInstance())
                            .setRequestId(com.google.protobuf.Int32Value.of(i))
                            .build());
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

        java.util.Set<String> introduced = new java.util.HashSet<>();
        int updatesSeen = 0;
        synchronized (sent) {
            for (ConvergenceMessage message : sent) {
                if (message.hasIdentityCacheUpdate()) {
                    updatesSeen++;
                    introduced.addAll(
                            message.getIdentityCacheUpdate().getSessionsMap().keySet());
                } else {
                    String session = "session-" + message.getRequestId().getValue();
                    assertTrue(introduced.contains(session), session + " named before it was introduced");
                }
            }
        }
        assertEquals(rounds, updatesSeen, "each session introduced exactly once");
    }
}
