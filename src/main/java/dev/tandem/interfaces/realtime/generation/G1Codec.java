package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.Value;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.g1.model.ModelResyncCompleteResponseMessage;
import dev.tandem.interfaces.realtime.proto.g3.model.ModelResyncClientCompleteMessage;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * G1 (client rc.4, the release Tandem rebuilds; schema convergence-proto 1.0.0-rc.1) frames to and from the server's:
 * G1 is translated to G2 (client rc.5) here, and G2 onwards by {@link G2Codec}. The differences
 * (compat/generations/README.md, "G1 (rc.4) → G2 (rc.5)"):
 *
 * <ul>
 *   <li><b>the end of a resync</b> (fields 133/134): G1's client sends {@code modelResyncCompleteRequest} {resourceId,
 *       open} as a request and waits for {@code modelResyncCompleteResponse} {connectedClients, resyncingClients,
 *       references} as its reply; from G2 on the client's part is a one-way message of the same shape and the server
 *       sends its part, which names the model, on its own. The codec sends the client's part on without its request
 *       id, remembering the id by the model's resource id, and answers it with the server's part, renumbered (G1's
 *       reply has no resource id);
 *   <li><b>{@code ErrorMessage.details}</b> is a map of strings in G1 and of {@code google.protobuf.Value}s from G2 on:
 *       each value is written as text.
 * </ul>
 *
 * <p>And one defect of rc.4 the codec works around: after a reconnect, rc.4 loses track of a model whose resync
 * response names the same resource id as the model had before (its model service maps the new id, then deletes the
 * old one, which is the same key), so every message of that model is dropped and the resync never ends. The server
 * numbers a connection's models from 0, so the first model of the new connection would always meet it. The codec
 * therefore names each model to the client by the server's id and a tag of its own connection ({@code "0.1k"}), and
 * back: ids never repeat across an rc.4 client's connections. (rc.6 on replaced that code.)
 *
 * <p>G2's schema was never published, so this class compares G1's generated classes with G3's when it loads: every
 * message is the same on both wires but for the two above and the four {@link G2Codec} accounts for. One instance
 * per connection: it holds the resyncs in flight.
 */
final class G1Codec implements FrameCodec {

    private static final Descriptor G1_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.getDescriptor();
    private static final Descriptor G3_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.getDescriptor();

    private static final int RESYNC_COMPLETE =
            dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.MODELRESYNCCOMPLETEREQUEST_FIELD_NUMBER;
    private static final int RESYNC_SERVER_COMPLETE =
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.MODELRESYNCSERVERCOMPLETE_FIELD_NUMBER;
    private static final int ERROR = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.ERROR_FIELD_NUMBER;

    /** The differences between G1 and G3 that are G2's (see {@link G2Codec}): the history request, two responses
     * that only gained fields, and chat search, which G1 and G2 do not have. */
    private static final Set<Integer> G2_TO_G3 = Set.of(
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.GETCHATHISTORYREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.GETCHATHISTORYRESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.PUBLISHCHATMESSAGERESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.CHATSSEARCHREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.CHATSSEARCHRESPONSE_FIELD_NUMBER);

    static {
        for (FieldDescriptor g3 : G3_MESSAGE.getFields()) {
            int number = g3.getNumber();
            FieldDescriptor g1 = G1_MESSAGE.findFieldByNumber(number);
            boolean same = g1 != null
                    && g1.getType() == g3.getType()
                    && (g3.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                            || WireShapes.identical(g1.getMessageType(), g3.getMessageType()));
            boolean covered = number == RESYNC_COMPLETE
                    || number == RESYNC_SERVER_COMPLETE
                    || number == ERROR
                    || G2_TO_G3.contains(number);
            if (!same && !covered) {
                throw new IllegalStateException("ConvergenceMessage field " + number + " (" + g3.getName()
                        + ") differs between G1 and G3 and nothing translates it");
            }
        }
        for (FieldDescriptor g1 : G1_MESSAGE.getFields()) {
            if (G3_MESSAGE.findFieldByNumber(g1.getNumber()) == null) {
                throw new IllegalStateException("G1 message " + g1.getName() + " has no G3 counterpart");
            }
        }
    }

    /** The model messages that name a model by its resource id (field 1, a string up to G5). */
    private static final Set<Integer> RESOURCE_ID_KINDS = Set.copyOf(G5Codec.resourceIdKinds());

    /** Tags of connections, so that resource ids never repeat across a client's connections. */
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private final G2Codec next;

    /** This connection's suffix of every resource id the client sees. */
    private final String tag = "." + Long.toString(CONNECTIONS.incrementAndGet(), 36);

    /** Resyncs whose end the client asked for: the model's resource id → the request id to answer. */
    private final Map<String, Integer> completing = new ConcurrentHashMap<>();

    G1Codec(ClientLink link) {
        this.next = new G2Codec(link);
    }

    @Override
    public ConvergenceMessage decode(ByteBuffer frame) throws InvalidProtocolBufferException {
        int body = G6Codec.bodyField(CodedInputStream.newInstance(frame.duplicate()), G1_MESSAGE);
        if (RESOURCE_ID_KINDS.contains(body) || body == RESYNC_COMPLETE) {
            frame = ByteBuffer.wrap(withResourceId(toBytes(frame), body, this::serverResourceId));
        }
        if (body != RESYNC_COMPLETE) {
            return next.decode(frame);
        }
        var message = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.parseFrom(frame.duplicate());
        var request = message.getModelResyncCompleteRequest();
        if (message.hasRequestId()) {
            completing.put(request.getResourceId(), message.getRequestId().getValue());
        }
        // G2 on: the same fields, one-way (the server refuses it as a request).
        byte[] g2 = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.newBuilder()
                .setModelResyncClientComplete(ModelResyncClientCompleteMessage.newBuilder()
                        .setResourceId(request.getResourceId())
                        .setOpen(request.getOpen()))
                .build()
                .toByteArray();
        return next.decode(ByteBuffer.wrap(g2));
    }

    @Override
    public byte[] encode(byte[] frame) {
        return encode(frame, null);
    }

    @Override
    public byte[] encode(byte[] frame, String originSession) {
        byte[] g2 = next.encode(frame, originSession);
        if (g2 == null) {
            return null;
        }
        try {
            int body = G6Codec.bodyField(CodedInputStream.newInstance(g2), G3_MESSAGE);
            if (body == RESYNC_SERVER_COMPLETE) {
                return resyncCompleted(dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.parseFrom(g2));
            }
            if (body == ERROR) {
                return error(g2);
            }
            if (RESOURCE_ID_KINDS.contains(body)) {
                return withResourceId(g2, body, id -> id + tag);
            }
            return g2;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the server encoded an unreadable message", e);
        }
    }

    /** The server's resource id of one the client names: its own tag removed; an id that is not ours names none. */
    private String serverResourceId(String clientId) {
        return clientId.endsWith(tag) ? clientId.substring(0, clientId.length() - tag.length()) : "";
    }

    /** The frame with its body's resource id (field 1, a string) replaced, on the raw fields. */
    private static byte[] withResourceId(byte[] frame, int body, java.util.function.UnaryOperator<String> change)
            throws InvalidProtocolBufferException {
        UnknownFieldSet message = UnknownFieldSet.parseFrom(frame);
        UnknownFieldSet.Field field = message.getField(body);
        if (field.getLengthDelimitedList().size() != 1) {
            return frame;
        }
        UnknownFieldSet inner =
                UnknownFieldSet.parseFrom(field.getLengthDelimitedList().get(0));
        var ids = inner.getField(1).getLengthDelimitedList();
        String id = ids.isEmpty() ? "" : ids.get(ids.size() - 1).toStringUtf8();
        UnknownFieldSet changed = UnknownFieldSet.newBuilder(inner)
                .clearField(1)
                .addField(
                        1,
                        UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFromUtf8(change.apply(id)))
                                .build())
                .build();
        return UnknownFieldSet.newBuilder(message)
                .clearField(body)
                .addField(
                        body,
                        UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(changed.toByteString())
                                .build())
                .build()
                .toByteArray();
    }

    private static byte[] toBytes(ByteBuffer frame) {
        ByteBuffer copy = frame.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** The server's end of a resync as the reply to the client's request; nothing if the client asked for none. */
    private byte[] resyncCompleted(dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage message)
            throws InvalidProtocolBufferException {
        var complete = message.getModelResyncServerComplete();
        Integer requestId = completing.remove(complete.getResourceId());
        if (requestId == null) {
            return null;
        }
        var reply = ModelResyncCompleteResponseMessage.newBuilder()
                .addAllConnectedClients(complete.getConnectedClientsList())
                .addAllResyncingClients(complete.getResyncingClientsList());
        for (var reference : complete.getReferencesList()) {
            reply.addReferencesBuilder().mergeFrom(reference.toByteString()); // the same shape in G1
        }
        return dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.newBuilder()
                .setResponseId(com.google.protobuf.Int32Value.of(requestId))
                .setModelResyncCompleteResponse(reply)
                .build()
                .toByteArray();
    }

    /** An error with its details as G1's strings (the server sends none today; a G1 client would misread them). */
    private static byte[] error(byte[] frame) throws InvalidProtocolBufferException {
        var message = dev.tandem.interfaces.realtime.proto.g3.ConvergenceMessage.parseFrom(frame);
        var error = message.getError();
        if (error.getDetailsCount() == 0) {
            return frame;
        }
        var out = dev.tandem.interfaces.realtime.proto.g1.core.ErrorMessage.newBuilder()
                .setCode(error.getCode())
                .setMessage(error.getMessage());
        error.getDetailsMap().forEach((key, value) -> out.putDetails(key, text(value)));
        var g1 = dev.tandem.interfaces.realtime.proto.g1.ConvergenceMessage.newBuilder()
                .setError(out);
        if (message.hasRequestId()) {
            g1.setRequestId(message.getRequestId());
        }
        if (message.hasResponseId()) {
            g1.setResponseId(message.getResponseId());
        }
        return g1.build().toByteArray();
    }

    private static String text(Value value) {
        return switch (value.getKindCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case NUMBER_VALUE ->
                value.getNumberValue() == Math.rint(value.getNumberValue()) && Math.abs(value.getNumberValue()) < 1e15
                        ? Long.toString((long) value.getNumberValue())
                        : Double.toString(value.getNumberValue());
            case NULL_VALUE, KIND_NOT_SET -> "";
            default -> TextFormat.shortDebugString(value);
        };
    }
}
