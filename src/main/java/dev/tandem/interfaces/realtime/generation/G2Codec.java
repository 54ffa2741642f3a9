package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * G2 (client rc.5) frames to and from the server's: G2 is translated to G3 (client rc.6) here, and G3 onwards by
 * {@link G3Codec}.
 *
 * <p>G2's schema was never published (compat/generations/README.md): rc.5 embeds one between convergence-proto rc.1
 * (G1) and rc.3 (G3). Rather than retype it, this codec works on the raw fields of the one message that needs
 * translating, with G3's generated classes as the reference. The differences ("G2 (rc.5) → G3 (rc.6)"):
 *
 * <ul>
 *   <li>{@code getChatHistoryRequest}: G3 inserted {@code offset} as field 2, so G2's {@code limit} 2,
 *       {@code startEvent} 3, {@code forward} 4 and {@code eventFilter} 5 are G3's 3 to 6. G2's {@code limit} is an
 *       Int32Value and G3's an Int64Value: both a varint in field 1, the same bytes for a count;
 *   <li>the publish and history responses gained fields in G3 ({@code eventNumber} and {@code timestamp};
 *       {@code startIndex} and {@code totalResults}, the events keeping field 1): a G2 client skips fields it does
 *       not know, as protobuf does, so they pass as they are;
 *   <li>chat search (513/514) is G3's only: a G2 client never sends it, so the server never answers it.
 * </ul>
 *
 * <p>Every other message is G1's, whose generated classes {@link G1Codec} checks against G3's when it loads; the
 * numbering this codec relies on is checked against G3's classes when this one loads. One instance per connection
 * (the G3 codec it hands on to keeps state).
 */
final class G2Codec implements FrameCodec {

    private static final int HISTORY_REQUEST =
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.GETCHATHISTORYREQUEST_FIELD_NUMBER;

    /** G2's field number in the history request → G3's. */
    private static final Map<Integer, Integer> HISTORY_FIELDS = Map.of(2, 3, 3, 4, 4, 5, 5, 6);

    private static final Descriptor G3_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.getDescriptor();

    static {
        // G3's numbering of the history request, which the table above maps to: a schema that moved it fails here.
        Descriptor history = dev.tandem.interfaces.realtime.proto.g3.chat.ChatHistoryRequestMessage.getDescriptor();
        Map<Integer, String> expected =
                Map.of(1, "chatId", 3, "limit", 4, "startEvent", 5, "forward", 6, "eventFilter");
        expected.forEach((number, name) -> {
            FieldDescriptor field = history.findFieldByNumber(number);
            if (field == null || !field.getName().equals(name)) {
                throw new IllegalStateException("G3's ChatHistoryRequestMessage has no " + name + " at " + number);
            }
        });
        if (G3_MESSAGE.findFieldByNumber(HISTORY_REQUEST) == null) {
            throw new IllegalStateException("G3 has no chat history request at " + HISTORY_REQUEST);
        }
    }

    private final G3Codec next;

    G2Codec(ClientLink link) {
        this.next = new G3Codec(link);
    }

    @Override
    public ConvergenceMessage decode(ByteBuffer frame) throws InvalidProtocolBufferException {
        if (G6Codec.bodyField(CodedInputStream.newInstance(frame.duplicate()), G3_MESSAGE) != HISTORY_REQUEST) {
            return next.decode(frame);
        }
        return next.decode(ByteBuffer.wrap(historyToG3(frame)));
    }

    @Override
    public byte[] encode(byte[] frame) {
        return next.encode(frame);
    }

    @Override
    public byte[] encode(byte[] frame, String originSession) {
        return next.encode(frame, originSession);
    }

    /** G2's history request as G3's: the same frame, the request's fields 2-5 moved to 3-6. */
    static byte[] historyToG3(ByteBuffer frame) throws InvalidProtocolBufferException {
        ByteBuffer copy = frame.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        UnknownFieldSet message = UnknownFieldSet.parseFrom(bytes);
        UnknownFieldSet.Builder out = UnknownFieldSet.newBuilder();
        for (Map.Entry<Integer, UnknownFieldSet.Field> field : message.asMap().entrySet()) {
            if (field.getKey() != HISTORY_REQUEST) {
                out.addField(field.getKey(), field.getValue());
                continue;
            }
            UnknownFieldSet.Field.Builder body = UnknownFieldSet.Field.newBuilder();
            for (var request : field.getValue().getLengthDelimitedList()) {
                UnknownFieldSet g2 = UnknownFieldSet.parseFrom(request);
                UnknownFieldSet.Builder g3 = UnknownFieldSet.newBuilder();
                g2.asMap().forEach((number, value) -> g3.addField(HISTORY_FIELDS.getOrDefault(number, number), value));
                body.addLengthDelimited(g3.build().toByteString());
            }
            out.addField(HISTORY_REQUEST, body.build());
        }
        return out.build().toByteArray();
    }
}
