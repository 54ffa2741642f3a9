package dev.tandem.interfaces.realtime.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.BoolValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.Value;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.core.ErrorMessage;
import dev.tandem.interfaces.realtime.proto.core.PingMessage;
import dev.tandem.interfaces.realtime.proto.g1.chat.ChatHistoryRequestMessage;
import dev.tandem.interfaces.realtime.proto.g1.model.ModelResyncCompleteRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelResyncServerCompleteMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteClientOpenedMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The G1 (rc.4) and G2 (rc.5) translations: the resync's end as G1's request and reply, error details as strings, and
 * G2's chat history request renumbered (G1's generated classes write it: its numbering is G2's).
 */
class G1CodecTest {

    private final List<byte[]> told = new ArrayList<>();
    private final FrameCodec rc4 = ClientGeneration.G1.codec(told::add);

    /** The resource id the client is told for the server's {@code id}, from a message that names it. */
    private String clientResourceId(FrameCodec codec, int id) throws Exception {
        byte[] opened = ConvergenceMessage.newBuilder()
                .setRemoteClientOpenedModel(
                        RemoteClientOpenedMessage.newBuilder().setResourceId(id).setSessionId("s-9"))
                .build()
                .toByteArray();
        var g1 = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.parseFrom(codec.encode(opened));
        assertEquals("s-9", g1.getRemoteClientOpenedModel().getSessionId());
        return g1.getRemoteClientOpenedModel().getResourceId();
    }

    @Test
    void resourceIdsNeverRepeatAcrossConnectionsWhichRc4NeedsToResync() throws Exception {
        FrameCodec next = ClientGeneration.G1.codec(told::add);
        String before = clientResourceId(rc4, 0);
        String after = clientResourceId(next, 0);
        assertTrue(before.startsWith("0."), before);
        assertTrue(!before.equals(after), "rc.4 drops a model whose id after a reconnect is the one it had");
        byte[] close = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.newBuilder()
                .setRequestId(Int32Value.of(1))
                .setCloseRealTimeModelRequest(
                        dev.tandem.interfaces.realtime.proto.g1.model.CloseRealtimeModelRequestMessage.newBuilder()
                                .setResourceId(after))
                .build()
                .toByteArray();
        assertEquals(
                0,
                next.decode(ByteBuffer.wrap(close))
                        .getCloseRealTimeModelRequest()
                        .getResourceId());
        assertEquals(
                -1,
                rc4.decode(ByteBuffer.wrap(close))
                        .getCloseRealTimeModelRequest()
                        .getResourceId(),
                "another connection's id names no model of this one");
    }

    @Test
    void theEndOfAResyncIsAnsweredAsTheReplyToG1sRequest() throws Exception {
        byte[] request = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.newBuilder()
                .setRequestId(Int32Value.of(7))
                .setModelResyncCompleteRequest(ModelResyncCompleteRequestMessage.newBuilder()
                        .setResourceId(clientResourceId(rc4, 12))
                        .setOpen(true))
                .build()
                .toByteArray();
        ConvergenceMessage decoded = rc4.decode(ByteBuffer.wrap(request));
        assertFalse(decoded.hasRequestId(), "one-way from G2 on: the server refuses it as a request");
        assertEquals(12, decoded.getModelResyncClientComplete().getResourceId());
        assertTrue(decoded.getModelResyncClientComplete().getOpen());

        byte[] serverComplete = ConvergenceMessage.newBuilder()
                .setModelResyncServerComplete(ModelResyncServerCompleteMessage.newBuilder()
                        .setResourceId(12)
                        .addConnectedClients("s-1")
                        .addConnectedClients("s-2")
                        .addResyncingClients("s-3"))
                .build()
                .toByteArray();
        var reply = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.parseFrom(rc4.encode(serverComplete));
        assertEquals(7, reply.getResponseId().getValue());
        assertEquals(
                List.of("s-1", "s-2"), reply.getModelResyncCompleteResponse().getConnectedClientsList());
        assertEquals(List.of("s-3"), reply.getModelResyncCompleteResponse().getResyncingClientsList());
        assertNull(rc4.encode(serverComplete), "answered once; G1 has no such message unasked");
    }

    @Test
    void errorDetailsReachG1AsStrings() throws Exception {
        byte[] error = ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(3))
                .setError(ErrorMessage.newBuilder()
                        .setCode("model_not_found")
                        .setMessage("no model m")
                        .putDetails("id", Value.newBuilder().setStringValue("m").build())
                        .putDetails(
                                "version", Value.newBuilder().setNumberValue(4).build()))
                .build()
                .toByteArray();
        var g1 = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.parseFrom(rc4.encode(error));
        assertEquals(3, g1.getResponseId().getValue());
        assertEquals("model_not_found", g1.getError().getCode());
        assertEquals("m", g1.getError().getDetailsOrThrow("id"));
        assertEquals("4", g1.getError().getDetailsOrThrow("version"));

        byte[] plain = ConvergenceMessage.newBuilder()
                .setError(ErrorMessage.newBuilder().setCode("invalid_message"))
                .build()
                .toByteArray();
        assertArrayEquals(plain, rc4.encode(plain), "no details: the same on both wires");
    }

    @Test
    void g2sHistoryRequestReachesTheServerRenumbered() throws Exception {
        byte[] g2 = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.newBuilder()
                .setRequestId(Int32Value.of(5))
                .setGetChatHistoryRequest(ChatHistoryRequestMessage.newBuilder()
                        .setChatId("c")
                        .setLimit(Int32Value.of(10))
                        .setStartEvent(Int64Value.of(42))
                        .setForward(BoolValue.of(true))
                        .addEventFilter("message"))
                .build()
                .toByteArray();
        for (FrameCodec codec : List.of(rc4, ClientGeneration.G2.codec(told::add))) {
            ConvergenceMessage decoded = codec.decode(ByteBuffer.wrap(g2));
            assertEquals(5, decoded.getRequestId().getValue());
            var history = decoded.getGetChatHistoryRequest();
            assertEquals("c", history.getChatId());
            assertFalse(history.hasOffset());
            assertEquals(10, history.getLimit().getValue());
            assertEquals(42, history.getStartEvent().getValue());
            assertTrue(history.getForward().getValue());
            assertEquals(List.of("message"), history.getEventFilterList());
        }
    }

    @Test
    void everyOtherMessagePassesAsItIs() throws Exception {
        byte[] ping = ConvergenceMessage.newBuilder()
                .setPing(PingMessage.getDefaultInstance())
                .build()
                .toByteArray();
        assertArrayEquals(ping, rc4.encode(ping));
        assertTrue(rc4.decode(ByteBuffer.wrap(ping)).hasPing());
        assertTrue(told.isEmpty());
    }
}
