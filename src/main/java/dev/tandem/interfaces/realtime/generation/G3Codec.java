package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Int32Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.g3.chat.RemoteChatMessageMessage;
import dev.tandem.interfaces.realtime.proto.g3.core.DomainUserIdData;
import dev.tandem.interfaces.realtime.proto.g3.identity.IdentityCacheUpdateMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * G3 (client rc.6) frames to and from the server's: G3 is translated to G4 (client rc.7) here, and G4 onwards by
 * {@link G4Codec}. The differences (compat/generations/README.md, "G3 (rc.6) → G4 (rc.7)"):
 *
 * <ul>
 *   <li><b>leaving an activity</b> is a one-way message in G3 and a request from G4 on, which the server refuses
 *       without a request id. The codec sends it with a request id of its own, negative so that it can never be one
 *       of the client's (which count up from 0), and drops the server's reply: the client waits for none;
 *   <li><b>a chat message names its sender by session</b> ({@code RemoteChatMessage} field 4, {@code sessionId}),
 *       where G4 on name the user. The server's message has no session, so the edge passes the sender's session
 *       along ({@link FrameCodec#encode(byte[], String)}), and the codec writes it. rc.6 finds the sender's user
 *       through its identity cache of sessions, so the codec first tells the client whose session it is, with an
 *       {@code identityCacheUpdate} (the user itself is known already: the server makes every user a chat message
 *       names known before sending it).
 * </ul>
 *
 * <p>Every other kind is the same on both wires (the renamed messages keep their numbers and fields), checked when
 * the class loads; the unit tests load it. One instance per connection: it holds the connection's own leave requests
 * in flight and the sessions it has told the client about.
 */
final class G3Codec implements FrameCodec {

    private static final Descriptor G3_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.getDescriptor();
    private static final Descriptor G4_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage.getDescriptor();

    private static final int LEAVE =
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.ACTIVITYLEAVEREQUEST_FIELD_NUMBER;
    private static final int CHAT_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.REMOTECHATMESSAGE_FIELD_NUMBER;

    /** G4's reply to a leave: the server answers with G7's {@code ok} instead, so it never reaches a codec. */
    private static final int LEAVE_RESPONSE =
            dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage.ACTIVITYLEAVERESPONSE_FIELD_NUMBER;

    private static final int RESPONSE_ID_TAG =
            ConvergenceMessage.RESPONSEID_FIELD_NUMBER << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    static {
        for (FieldDescriptor g4 : G4_MESSAGE.getFields()) {
            int number = g4.getNumber();
            FieldDescriptor g3 = G3_MESSAGE.findFieldByNumber(number);
            boolean same = g3 != null
                    && g3.getType() == g4.getType()
                    && (g4.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                            || WireShapes.identical(g3.getMessageType(), g4.getMessageType()));
            if (!same && number != CHAT_MESSAGE && !(g3 == null && number == LEAVE_RESPONSE)) {
                throw new IllegalStateException("ConvergenceMessage field " + number + " (" + g4.getName()
                        + ") differs between G3 and G4 and nothing translates it");
            }
        }
        for (FieldDescriptor g3 : G3_MESSAGE.getFields()) {
            if (G4_MESSAGE.findFieldByNumber(g3.getNumber()) == null) {
                throw new IllegalStateException("G3 message " + g3.getName() + " has no G4 counterpart");
            }
        }
    }

    private final ClientLink link;
    private final G4Codec next;

    /** The request ids of this codec's own leave requests: -1, -2, ... (the client's count up from 0). */
    private final AtomicInteger lastOwnRequest = new AtomicInteger();

    private final Set<Integer> ownRequests = ConcurrentHashMap.newKeySet();

    /** The sessions the client was told the user of (session id → that user, as G3 writes it). */
    private final Map<String, DomainUserIdData> toldSessions = new ConcurrentHashMap<>();

    G3Codec(ClientLink link) {
        this.link = link;
        this.next = new G4Codec(link);
    }

    @Override
    public ConvergenceMessage decode(ByteBuffer frame) throws InvalidProtocolBufferException {
        if (G6Codec.bodyField(CodedInputStream.newInstance(frame.duplicate()), G3_MESSAGE) != LEAVE) {
            return next.decode(frame);
        }
        var leave = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.parseFrom(frame.duplicate());
        if (leave.hasRequestId()) {
            return next.decode(frame); // not what rc.6 sends, but a request as G4's: the reply is the client's
        }
        int own = lastOwnRequest.decrementAndGet();
        ownRequests.add(own);
        return next.decode(ByteBuffer.wrap(
                leave.toBuilder().setRequestId(Int32Value.of(own)).build().toByteArray()));
    }

    @Override
    public byte[] encode(byte[] frame) {
        return encode(frame, null);
    }

    @Override
    public byte[] encode(byte[] frame, String originSession) {
        byte[] g4 = next.encode(frame);
        if (g4 == null) {
            return null;
        }
        if (!ownRequests.isEmpty() && ownRequests.remove(responseId(g4))) {
            return null; // the reply to a leave this codec made a request of
        }
        try {
            if (G6Codec.bodyField(CodedInputStream.newInstance(g4), G4_MESSAGE) != CHAT_MESSAGE) {
                return g4;
            }
            return chatMessage(dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage.parseFrom(g4), originSession);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the server encoded an unreadable message", e);
        }
    }

    /**
     * G4's chat message as G3's, which names the sender's session: the one the edge passed, or (for a message no
     * session sent, which the server does not make today) one named after the user, so that rc.6 still finds who
     * sent it. The client is told whose session it is first.
     */
    private byte[] chatMessage(dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage message, String session) {
        var remote = message.getRemoteChatMessage();
        DomainUserIdData user = DomainUserIdData.newBuilder()
                .setUserTypeValue(remote.getUser().getUserTypeValue())
                .setUsername(remote.getUser().getUsername())
                .build();
        String sessionId = session != null
                ? session
                : "user:" + user.getUserType().name().toLowerCase(java.util.Locale.ROOT) + ":" + user.getUsername();
        if (!user.equals(toldSessions.put(sessionId, user))) {
            link.sendToClient(dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.newBuilder()
                    .setIdentityCacheUpdate(
                            IdentityCacheUpdateMessage.newBuilder().putSessions(sessionId, user))
                    .build()
                    .toByteArray());
        }
        var out = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.newBuilder()
                .setRemoteChatMessage(RemoteChatMessageMessage.newBuilder()
                        .setChatId(remote.getChatId())
                        .setEventNumber(remote.getEventNumber())
                        .setTimestamp(remote.getTimestamp())
                        .setSessionId(sessionId)
                        .setMessage(remote.getMessage()));
        if (message.hasRequestId()) {
            out.setRequestId(message.getRequestId());
        }
        if (message.hasResponseId()) {
            out.setResponseId(message.getResponseId());
        }
        return out.build().toByteArray();
    }

    /** The frame's response id, or 0 when it has none (0 is never one of this codec's own). */
    private static int responseId(byte[] frame) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(frame);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (tag == RESPONSE_ID_TAG) {
                    return Int32Value.parseFrom(in.readBytes()).getValue();
                }
                if (!in.skipField(tag)) {
                    return 0;
                }
            }
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("the server encoded an unreadable message", e);
        }
    }
}
