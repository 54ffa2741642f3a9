package dev.tandem.interfaces.realtime.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Int32Value;
import dev.tandem.interfaces.realtime.generation.ClientGeneration;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.core.GetServerTimeResponseMessage;
import dev.tandem.interfaces.realtime.proto.core.PingMessage;
import dev.tandem.interfaces.realtime.proto.model.DiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.NumberSetOperationData;
import dev.tandem.interfaces.realtime.proto.model.OperationData;
import dev.tandem.interfaces.realtime.proto.model.RemoteOperationMessage;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** How a connection queues messages and hands them to its writer: order, gathering, failures. */
class ClientConnectionWritesTest {

    private final List<List<byte[]>> writes = Collections.synchronizedList(new ArrayList<>());
    private volatile Exception failNextWrite;
    private volatile CloseReason closedWith;

    private final FrameWriter recording = messages -> {
        Exception failure = failNextWrite;
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure != null) {
            throw (RuntimeException) failure;
        }
        List<byte[]> write = new ArrayList<>();
        byte[] message;
        while ((message = messages.poll()) != null) {
            write.add(message);
        }
        writes.add(write);
    };

    private final Session socket = (Session) Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getId" -> "socket-1";
                case "close" -> {
                    closedWith = (CloseReason) args[0];
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private final ClientConnection connection =
            new ClientConnection(socket, recording, "ns", "d", "127.0.0.1", new RealtimeSettings(), 0);

    @Test
    void heldMessagesWaitForTheFlushAndLeaveInOneWrite() {
        byte[] ack = {1};
        byte[] operation = {2};
        connection.hold(ack);
        connection.hold(operation);
        assertTrue(writes.isEmpty());
        connection.flush();
        assertEquals(1, writes.size());
        assertSame(ack, writes.get(0).get(0));
        assertSame(operation, writes.get(0).get(1));
        connection.flush();
        assertEquals(1, writes.size(), "nothing more to write");
    }

    @Test
    void anRc9ConnectionGetsItsOwnGenerationsFramesAndNoneItCannotRead() throws Exception {
        byte[] ping = ConvergenceMessage.newBuilder()
                .setPing(PingMessage.getDefaultInstance())
                .build()
                .toByteArray();
        byte[] serverTime = ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(1))
                .setServerTimeResponse(GetServerTimeResponseMessage.getDefaultInstance())
                .build()
                .toByteArray();
        byte[] numberSet = ConvergenceMessage.newBuilder()
                .setRemoteOperation(RemoteOperationMessage.newBuilder()
                        .setResourceId(2)
                        .setOperation(OperationData.newBuilder()
                                .setDiscreteOperation(DiscreteOperationData.newBuilder()
                                        .setNumberSetOperation(NumberSetOperationData.newBuilder()
                                                .setValue(5)))))
                .build()
                .toByteArray();

        assertEquals(ClientGeneration.G7, connection.generation());
        connection.hold(numberSet);
        connection.useGeneration(ClientGeneration.G6);
        connection.hold(ping);
        connection.hold(serverTime);
        connection.hold(numberSet);
        connection.flush();

        List<byte[]> written = writes.get(0);
        assertEquals(3, written.size(), "the server time is not sent to rc.9");
        assertSame(numberSet, written.get(0), "held before the generation was known: the server's own frame");
        assertSame(ping, written.get(1), "the same on both wires: not copied");
        var received = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(written.get(2));
        assertEquals(
                5.0,
                received.getRemoteOperation()
                        .getOperation()
                        .getDiscreteOperation()
                        .getNumberSetOperation()
                        .getValue(),
                "G6 numbers the number set 14, G7 13");
        assertTrue(connection.toString().contains(" G6 "));
    }

    @Test
    void aSendWritesWhatWasHeldBeforeIt() {
        byte[] held = {1};
        byte[] reply = {2};
        connection.hold(held);
        connection.sendEncoded(reply);
        assertEquals(List.of(List.of(held, reply)), writes);
    }

    @Test
    void eachThreadsMessagesLeaveInItsOrderWhateverFlushesThem() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte thread = (byte) t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        connection.hold(
                                ByteBuffer.allocate(5).put(thread).putInt(i).array());
                        if (i % 3 == 0) {
                            connection.flush();
                        }
                    }
                    connection.flush();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int[] next = new int[threads];
        int total = 0;
        for (List<byte[]> write : writes) {
            for (byte[] message : write) {
                ByteBuffer read = ByteBuffer.wrap(message);
                int thread = read.get();
                assertEquals(next[thread]++, read.getInt(), "thread " + thread + "'s order");
                total++;
            }
        }
        assertEquals(threads * perThread, total);
        assertTrue(writes.size() < total, "some writes carried several messages: " + writes.size());
    }

    @Test
    void aFailedWriteClosesTheSocketAndLaterMessagesAreDropped() {
        failNextWrite = new IOException("broken pipe");
        connection.sendEncoded(new byte[] {1});
        assertEquals(CloseReason.CloseCodes.UNEXPECTED_CONDITION, closedWith.getCloseCode());
        assertEquals(ClientConnection.State.CLOSED, connection.state());
        failNextWrite = null;
        connection.sendEncoded(new byte[] {2});
        assertTrue(writes.isEmpty());
    }

    @Test
    void aContainerFailureOfAnyKindClosesThisConnectionInsteadOfReachingTheSender() {
        // What Tyrus throws when the socket closed under the send.
        failNextWrite = new RuntimeException("Socket is not connected.");
        connection.hold(new byte[] {1});
        connection.flush();
        assertEquals(CloseReason.CloseCodes.UNEXPECTED_CONDITION, closedWith.getCloseCode());
        assertEquals(ClientConnection.State.CLOSED, connection.state());
    }
}
