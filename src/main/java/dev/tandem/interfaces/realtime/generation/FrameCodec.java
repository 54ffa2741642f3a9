package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import java.nio.ByteBuffer;

/**
 * Translates one connection's frames between its client's generation and the server's (G7). A codec may keep state
 * of its connection (which resource id names which activity, say): {@link ClientGeneration#codec} makes one per
 * connection. {@link #decode} is called by the one thread that delivers the socket's frames, {@link #encode} by any
 * thread that sends to it.
 */
public interface FrameCodec {

    /**
     * The client's frame as the server's message, or {@code null} when the codec answered it itself (through the
     * {@link ClientLink} it was made with) and the server has nothing to do.
     *
     * @throws InvalidProtocolBufferException the frame is not a message of the client's generation
     */
    ConvergenceMessage decode(ByteBuffer frame) throws InvalidProtocolBufferException;

    /**
     * The server's encoded message as the client's frame, or {@code null} when the client's generation has no such
     * message (it never asked for it). Returns {@code frame} itself when the message is the same on both wires.
     */
    byte[] encode(byte[] frame);

    /**
     * As {@link #encode(byte[])}, for a message that reports what the session {@code originSession} did. The server's
     * generation names the user only where an older one named the session (G3's chat message names its sender by
     * session): the edge passes the session along so that a codec can write it. Codecs that need no more than the
     * message itself leave this as it is.
     */
    default byte[] encode(byte[] frame, String originSession) {
        return encode(frame);
    }
}
