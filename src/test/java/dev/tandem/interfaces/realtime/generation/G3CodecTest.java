package dev.tandem.interfaces.realtime.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Int32Value;
import com.google.protobuf.Timestamp;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.chat.RemoteChatMessageMessage;
import dev.tandem.interfaces.realtime.proto.core.DomainUserIdData;
import dev.tandem.interfaces.realtime.proto.core.DomainUserTypeData;
import dev.tandem.interfaces.realtime.proto.core.OkResponse;
import dev.tandem.interfaces.realtime.proto.core.PingMessage;
import dev.tandem.interfaces.realtime.proto.g3.activity.ActivityLeaveMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The G3 (rc.6) translation with the generated classes of its schema and the server's: the one-way activity leave
 * made a request whose reply the client never sees, and a chat message's sender written as the session the edge
 * passes, made known to the client first.
 */
class G3CodecTest {

    private final List<byte[]> told = new ArrayList<>();
    private final FrameCodec codec = ClientGeneration.G3.codec(told::add);

    @Test
    void aOneWayLeaveReachesTheServerAsARequestAndItsReplyIsDropped() throws Exception {
        byte[] leave = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.newBuilder()
                .setActivityLeaveRequest(ActivityLeaveMessage.newBuilder().setActivityId("room"))
                .build()
                .toByteArray();
        ConvergenceMessage first = codec.decode(ByteBuffer.wrap(leave));
        ConvergenceMessage second = codec.decode(ByteBuffer.wrap(leave));
        assertTrue(first.hasActivityLeaveRequest());
        assertTrue(first.hasRequestId(), "the server refuses a leave without a request id");
        int own = first.getRequestId().getValue();
        assertTrue(own < 0, "never one of the client's ids, which count up from 0");
        assertTrue(second.getRequestId().getValue() != own);

        assertNull(codec.encode(ok(own)), "the client waits for no reply");
        assertNull(codec.encode(ok(second.getRequestId().getValue())));
        // the client's own requests are answered as before, and a reply is dropped once only
        assertNotNull(codec.encode(ok(3)));
        assertNotNull(codec.encode(ok(own)));
        assertTrue(told.isEmpty());
    }

    @Test
    void aChatMessageNamesItsSendersSessionWhichTheClientIsToldTheUserOfFirst() throws Exception {
        byte[] fromAlice = ConvergenceMessage.newBuilder()
                .setRemoteChatMessage(RemoteChatMessageMessage.newBuilder()
                        .setChatId("c")
                        .setEventNumber(4)
                        .setTimestamp(Timestamp.newBuilder().setSeconds(1_800_000_000L))
                        .setUser(DomainUserIdData.newBuilder()
                                .setUserType(DomainUserTypeData.Normal)
                                .setUsername("alice"))
                        .setMessage("hello"))
                .build()
                .toByteArray();

        var message = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.parseFrom(
                codec.encode(fromAlice, "session-a"));
        var remote = message.getRemoteChatMessage();
        assertEquals("c", remote.getChatId());
        assertEquals(4, remote.getEventNumber());
        assertEquals(1_800_000_000L, remote.getTimestamp().getSeconds());
        assertEquals("session-a", remote.getSessionId());
        assertEquals("hello", remote.getMessage());

        assertEquals(1, told.size(), "the session's user, before the message");
        var update = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.parseFrom(told.get(0))
                .getIdentityCacheUpdate();
        assertEquals("alice", update.getSessionsOrThrow("session-a").getUsername());
        assertEquals(
                dev.tandem.interfaces.realtime.proto.g3.core.DomainUserTypeData.Normal,
                update.getSessionsOrThrow("session-a").getUserType());

        codec.encode(fromAlice, "session-a");
        assertEquals(1, told.size(), "a session is told once");
        assertEquals(
                "session-b",
                dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.parseFrom(
                                codec.encode(fromAlice, "session-b"))
                        .getRemoteChatMessage()
                        .getSessionId());
        assertEquals(2, told.size());
    }

    @Test
    void everyOtherMessagePassesAsItIs() throws Exception {
        byte[] ping = ConvergenceMessage.newBuilder()
                .setPing(PingMessage.getDefaultInstance())
                .build()
                .toByteArray();
        assertArrayEquals(ping, codec.encode(ping, "session-a"));
        assertTrue(codec.decode(ByteBuffer.wrap(ping)).hasPing());
        assertTrue(told.isEmpty());
    }

    private static byte[] ok(int responseId) {
        return ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(responseId))
                .setOk(OkResponse.getDefaultInstance())
                .build()
                .toByteArray();
    }
}
