package dev.tandem.interfaces.realtime.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * Encodes binary messages as server-to-client WebSocket frames (RFC 6455, section 5.2), several into one buffer: a
 * final binary frame each, unmasked (only clients mask), no extension bits, with the shortest length encoding.
 */
final class WebSocketFrames {

    /** A write gathers messages until it holds at least this many bytes; a larger message goes alone. */
    static final int GATHER_BYTES = 64 * 1024;

    private static final int FIN_BINARY = 0x82;

    private WebSocketFrames() {}

    /** The frame header's length for a payload of {@code length} bytes. */
    static int headerLength(int length) {
        return length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    }

    /**
     * Takes messages from {@code messages} until they are gathered into {@link #GATHER_BYTES} or the queue is empty,
     * and returns them framed in one array; null if the queue was empty.
     */
    static byte[] gather(Queue<byte[]> messages) {
        byte[] first = messages.poll();
        if (first == null) {
            return null;
        }
        int total = headerLength(first.length) + first.length;
        byte[] next = total < GATHER_BYTES ? messages.poll() : null;
        if (next == null) {
            byte[] frames = new byte[total];
            put(first, frames, 0);
            return frames;
        }
        List<byte[]> taken = new ArrayList<>();
        taken.add(first);
        while (next != null) {
            taken.add(next);
            total += headerLength(next.length) + next.length;
            next = total < GATHER_BYTES ? messages.poll() : null;
        }
        byte[] frames = new byte[total];
        int at = 0;
        for (byte[] message : taken) {
            at = put(message, frames, at);
        }
        return frames;
    }

    /** Writes {@code message} as one frame into {@code frames} at {@code at}; returns where the next one starts. */
    static int put(byte[] message, byte[] frames, int at) {
        int length = message.length;
        frames[at++] = (byte) FIN_BINARY;
        if (length < 126) {
            frames[at++] = (byte) length;
        } else if (length <= 0xFFFF) {
            frames[at++] = 126;
            frames[at++] = (byte) (length >>> 8);
            frames[at++] = (byte) length;
        } else {
            frames[at++] = 127;
            long wide = length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frames[at++] = (byte) (wide >>> shift);
            }
        }
        System.arraycopy(message, 0, frames, at, length);
        return at + length;
    }
}
