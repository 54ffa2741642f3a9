package dev.tandem.interfaces.realtime.transport;

import dev.tandem.interfaces.realtime.connection.FrameWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends several messages to one socket in one write on Payara's WebSocket implementation (Tyrus).
 *
 * <p>The Jakarta WebSocket API sends one message per call, and Tyrus writes and flushes each one to the socket: a
 * system call per message, about two thirds of the server's cost of sending it (see {@code bench/README.md}). A commit
 * of ten operations on a model with ten editors sends each editor ten messages at once. {@code setBatchingAllowed},
 * the API's way to say so, does nothing in Tyrus. Tyrus's own {@code TyrusWebSocket.sendRawFrame} writes bytes that
 * are already framed, under the same lock and through the same writer as its own sends; this class frames the waiting
 * messages itself ({@link WebSocketFrames}) and hands them over in one call.
 *
 * <p>It reaches the session's {@code TyrusWebSocket} through a package-private field of Tyrus, so it is isolated here,
 * checks what it finds, and falls back to the standard path ({@link FrameWriter#basic}) for a socket where anything
 * is not as expected: another WebSocket implementation (WildFly's Undertow), or an extension negotiated on the socket
 * (a compressing extension would have to see every frame; Tandem's endpoint offers none).
 */
@ApplicationScoped
public class TyrusRawFrames {

    private static final Logger LOG = Logger.getLogger(TyrusRawFrames.class.getName());
    private static final String TYRUS_REMOTE_ENDPOINT = "org.glassfish.tyrus.core.TyrusRemoteEndpoint";

    /** Off only to measure the standard path (bench/): {@code TANDEM_REALTIME_WEBSOCKET_GATHER_WRITES=false}. */
    @Inject
    @ConfigProperty(name = "tandem.realtime.websocket-gather-writes", defaultValue = "true")
    boolean enabled;

    private volatile Access access;
    private volatile boolean resolved;

    /** True once a socket got the gathering writer; false before, or if this Tyrus is not the expected one. */
    public boolean isActive() {
        return access != null;
    }

    /** The writer for a new socket: gathering if possible, the standard one otherwise. */
    FrameWriter writerFor(Session socket) {
        if (!enabled || !socket.getNegotiatedExtensions().isEmpty()) {
            return FrameWriter.basic(socket);
        }
        Access found = resolve(socket);
        if (found == null) {
            return FrameWriter.basic(socket);
        }
        try {
            return new Gathering(found.sendRawFrame.bindTo(found.webSocket.get(socket.getBasicRemote())));
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.WARNING, "WebSocket gathered writes off for a socket: {0}", e.toString());
            return FrameWriter.basic(socket);
        }
    }

    private Access resolve(Session socket) {
        if (resolved) {
            return access;
        }
        synchronized (this) {
            if (!resolved) {
                access = find(socket.getBasicRemote().getClass());
                resolved = true;
                if (access != null) {
                    LOG.info("WebSocket gathered writes active: messages waiting for a socket leave in one write");
                }
            }
            return access;
        }
    }

    private static Access find(Class<?> remote) {
        for (Class<?> type = remote; type != null; type = type.getSuperclass()) {
            if (!TYRUS_REMOTE_ENDPOINT.equals(type.getName())) {
                continue;
            }
            try {
                Field webSocket = type.getDeclaredField("webSocket");
                Method sendRawFrame = webSocket.getType().getMethod("sendRawFrame", ByteBuffer.class);
                if (!Future.class.isAssignableFrom(sendRawFrame.getReturnType())) {
                    LOG.log(
                            Level.WARNING,
                            "WebSocket gathered writes off: sendRawFrame returns {0}",
                            sendRawFrame.getReturnType().getName());
                    return null;
                }
                webSocket.setAccessible(true);
                MethodHandle handle = MethodHandles.publicLookup().unreflect(sendRawFrame);
                return new Access(webSocket, handle);
            } catch (NoSuchFieldException | NoSuchMethodException | IllegalAccessException | RuntimeException e) {
                LOG.log(Level.WARNING, "WebSocket gathered writes off: {0}", e.toString());
                return null;
            }
        }
        LOG.log(
                Level.WARNING,
                "WebSocket gathered writes off: remote endpoints are {0}, not Tyrus's",
                remote.getName());
        return null;
    }

    private record Access(Field webSocket, MethodHandle sendRawFrame) {}

    /** Frames every waiting message and writes them in as few calls as {@link WebSocketFrames#gather} allows. */
    private static final class Gathering implements FrameWriter {

        private final MethodHandle sendRawFrame;

        Gathering(MethodHandle boundSendRawFrame) {
            this.sendRawFrame = boundSendRawFrame;
        }

        @Override
        public void writeAll(Queue<byte[]> messages) throws IOException {
            byte[] frames;
            while ((frames = WebSocketFrames.gather(messages)) != null) {
                Future<?> written;
                try {
                    written = (Future<?>) sendRawFrame.invoke(ByteBuffer.wrap(frames));
                } catch (Error e) {
                    throw e;
                } catch (Throwable e) {
                    // Tyrus throws a bare RuntimeException for a socket that closed meanwhile: a failed send of
                    // this connection (it gets closed), never a failure of the model that was sending.
                    throw new IOException("send failed: " + e, e);
                }
                // As Tyrus's basic remote does: the call returns once the bytes are written (or queued behind a
                // slow reader, which is the back-pressure that keeps a stalled client from growing the heap).
                try {
                    written.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while sending", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
        }
    }
}
