package dev.tandem.interfaces.realtime.connection;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Queue;

/**
 * Puts one connection's outgoing messages on its socket. The connection queues encoded messages and hands the whole
 * queue to its writer, which may send several of them in one write: that is what makes a commit that produces ten
 * messages for one client cost one system call instead of ten.
 *
 * <p>Public because {@code transport} implements it (Tyrus raw frames); capability adapters never see it.
 */
public interface FrameWriter {

    /**
     * Sends every message waiting in {@code messages}, in order, removing each one it takes. Called with the
     * connection's send lock held, so calls never overlap and messages leave in the order they were queued.
     */
    void writeAll(Queue<byte[]> messages) throws IOException;

    /** The standard path: one {@code sendBinary} of the Jakarta WebSocket API per message. */
    static FrameWriter basic(Session socket) {
        return messages -> {
            byte[] message;
            while ((message = messages.poll()) != null) {
                socket.getBasicRemote().sendBinary(ByteBuffer.wrap(message));
            }
        };
    }
}
