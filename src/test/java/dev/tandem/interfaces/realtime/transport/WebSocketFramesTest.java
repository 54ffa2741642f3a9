package dev.tandem.interfaces.realtime.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server frames as RFC 6455 section 5.2 defines them, read back by a parser written from the RFC. */
class WebSocketFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 200_000})
    void aMessageOfAnyLengthReadsBackAsOneFinalUnmaskedBinaryFrame(int length) throws IOException {
        byte[] message = randomBytes(length, length);
        byte[] frames = WebSocketFrames.gather(queueOf(message));
        List<byte[]> read = parse(frames);
        assertEquals(1, read.size());
        assertArrayEquals(message, read.get(0));
    }

    @Test
    void theLengthUsesTheShortestEncoding() {
        assertArrayEquals(new byte[] {(byte) 0x82, 125}, header(125));
        assertArrayEquals(new byte[] {(byte) 0x82, 126, 0, 126}, header(126));
        assertArrayEquals(new byte[] {(byte) 0x82, 126, (byte) 0xFF, (byte) 0xFF}, header(65_535));
        assertArrayEquals(new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0}, header(65_536));
    }

    @Test
    void waitingMessagesLeaveTogetherInOrder() throws IOException {
        Queue<byte[]> queue = new ArrayDeque<>();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] message = randomBytes(i, 20 + i * 7);
            sent.add(message);
            queue.add(message);
        }
        List<byte[]> read = parse(WebSocketFrames.gather(queue));
        assertTrue(queue.isEmpty());
        assertEquals(sent.size(), read.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), read.get(i), "message " + i);
        }
    }

    @Test
    void aWriteStopsGatheringOnceItIsLargeEnough() throws IOException {
        byte[] a = randomBytes(1, 40_000);
        byte[] b = randomBytes(2, 40_000);
        byte[] c = randomBytes(3, 10);
        Queue<byte[]> queue = queueOf(a, b, c);
        List<byte[]> first = parse(WebSocketFrames.gather(queue));
        assertEquals(2, first.size());
        assertArrayEquals(b, first.get(1));
        assertEquals(List.of(c), List.copyOf(queue));
        assertArrayEquals(c, parse(WebSocketFrames.gather(queue)).get(0));
        assertNull(WebSocketFrames.gather(queue));
    }

    @Test
    void aLargeMessageGoesAlone() throws IOException {
        byte[] big = randomBytes(4, WebSocketFrames.GATHER_BYTES + 1);
        byte[] small = randomBytes(5, 3);
        Queue<byte[]> queue = queueOf(big, small);
        assertEquals(1, parse(WebSocketFrames.gather(queue)).size());
        assertEquals(1, queue.size());
    }

    private static byte[] header(int length) {
        byte[] frames = WebSocketFrames.gather(queueOf(new byte[length]));
        return Arrays.copyOf(frames, frames.length - length);
    }

    private static Queue<byte[]> queueOf(byte[]... messages) {
        return new ArrayDeque<>(List.of(messages));
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Reads server-to-client frames per RFC 6455 5.2; fails on anything but final, unmasked binary frames. */
    private static List<byte[]> parse(byte[] frames) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frames));
        List<byte[]> messages = new ArrayList<>();
        while (in.available() > 0) {
            int first = in.readUnsignedByte();
            assertEquals(0x80, first & 0x80, "FIN");
            assertEquals(0, first & 0x70, "RSV1-3");
            assertEquals(0x2, first & 0x0F, "binary opcode");
            int second = in.readUnsignedByte();
            assertEquals(0, second & 0x80, "server frames are not masked");
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
                assertTrue(length >= 126, "minimal length encoding");
            } else if (length == 127) {
                length = in.readLong();
                assertTrue(length > 0xFFFF, "minimal length encoding");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            messages.add(payload);
        }
        return messages;
    }
}
