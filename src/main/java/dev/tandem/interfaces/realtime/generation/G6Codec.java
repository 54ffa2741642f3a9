package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.WireFormat;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.model.HistoricalOperationsResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.OperationSubmissionMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteOperationMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * G6 (client rc.9) frames to and from the server's G7 messages.
 *
 * <p>Most message kinds are the same on both wires and pass untouched, without being decoded twice or re-encoded:
 * the codec only looks at which body field a frame carries. The kinds whose shape differs are the three that carry
 * model operations, each with one entry in {@link #TRANSLATED}; the operations themselves are translated by
 * {@link G6Operations}. The kinds only G7 has (the server clock and a model's version at a time) are requests G6
 * never sends and replies it never asks for: such a field in a G6 frame is ignored, as a G6 parser ignores a field it
 * does not know (a frame with nothing else has no body, which the router refuses as it would from rc.12), and the
 * server's are not sent. When the class loads, every other kind is checked to be the same on both wires; the unit
 * tests load it, so a schema difference no table covers fails the build. (The class loads at the first rc.9
 * connection, not at start: servers without rc.9 clients never pay for it.)
 */
public final class G6Codec implements FrameCodec {

    static final G6Codec INSTANCE = new G6Codec();

    /** How one message kind crosses: the client's message as the server's, and the server's as the client's. */
    private record Translation(
            Function<dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage, ConvergenceMessage> toServer,
            Function<ConvergenceMessage, dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage> toClient) {}

    /** The message kinds whose shape differs, by body field number (the same in both generations). */
    private static final Map<Integer, Translation> TRANSLATED = Map.of(
            ConvergenceMessage.OPERATIONSUBMISSION_FIELD_NUMBER,
                    new Translation(G6Codec::operationSubmission, G6Codec::sentByClientOnly),
            ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER,
                    new Translation(G6Codec::sentByServerOnly, G6Codec::remoteOperation),
            ConvergenceMessage.HISTORICALOPERATIONSRESPONSE_FIELD_NUMBER,
                    new Translation(G6Codec::sentByServerOnly, G6Codec::historicalOperations));

    private static final Descriptor G6_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.getDescriptor();

    /** Body fields of G7 that G6 does not have. */
    private static final Set<Integer> ONLY_G7 = new HashSet<>();

    static {
        var g6 = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.getDescriptor();
        var g7 = ConvergenceMessage.getDescriptor();
        for (FieldDescriptor field : g7.getFields()) {
            FieldDescriptor old = g6.findFieldByNumber(field.getNumber());
            if (old == null) {
                ONLY_G7.add(field.getNumber());
            } else if (!TRANSLATED.containsKey(field.getNumber())
                    && !(field.getType() == old.getType()
                            && (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                                    || WireShapes.identical(old.getMessageType(), field.getMessageType())))) {
                throw new IllegalStateException("ConvergenceMessage field " + field.getNumber() + " (" + field.getName()
                        + ") differs between G6 and G7 and nothing translates it");
            }
        }
        for (FieldDescriptor field : g6.getFields()) {
            if (g7.findFieldByNumber(field.getNumber()) == null) {
                throw new IllegalStateException("G6 message " + field.getName() + " has no G7 counterpart");
            }
        }
    }

    private G6Codec() {}

    @Override
    public ConvergenceMessage decode(ByteBuffer frame) throws InvalidProtocolBufferException {
        int body = bodyField(CodedInputStream.newInstance(frame.duplicate()), G6_MESSAGE);
        Translation translation = TRANSLATED.get(body);
        if (translation != null) {
            return translation
                    .toServer()
                    .apply(dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(frame.duplicate()));
        }
        ConvergenceMessage message = ConvergenceMessage.parseFrom(frame.duplicate());
        if (message.getBodyCase().getNumber() == body) {
            return message; // the same on both wires
        }
        // The frame carries a field only G7 has, which a G6 client cannot mean: read it as a G6 server would, as
        // an unknown field, ignored.
        var asG6 = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(frame.duplicate());
        return sameOnTheWire(asG6.toBuilder()
                        .setUnknownFields(UnknownFieldSet.getDefaultInstance())
                        .build())
                .build();
    }

    @Override
    public byte[] encode(byte[] frame) {
        int body;
        try {
            body = bodyField(CodedInputStream.newInstance(frame), ConvergenceMessage.getDescriptor());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the server encoded an unreadable message", e);
        }
        if (ONLY_G7.contains(body)) {
            return null;
        }
        Translation translation = TRANSLATED.get(body);
        if (translation == null) {
            return frame;
        }
        try {
            return translation
                    .toClient()
                    .apply(ConvergenceMessage.parseFrom(frame))
                    .toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the server encoded an unreadable message", e);
        }
    }

    /**
     * The number of the body field a {@code ConvergenceMessage} carries, as a parser of the given generation's
     * {@code ConvergenceMessage} reads it: the last field that generation knows (a parser keeps the last member of a
     * oneof and takes fields it does not know for unknown ones), or 0 for none. The request and response ids are
     * skipped.
     */
    static int bodyField(CodedInputStream in, Descriptor generation) throws InvalidProtocolBufferException {
        int body = 0;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int number = WireFormat.getTagFieldNumber(tag);
                if (number != ConvergenceMessage.REQUESTID_FIELD_NUMBER
                        && number != ConvergenceMessage.RESPONSEID_FIELD_NUMBER
                        && generation.findFieldByNumber(number) != null) {
                    body = number;
                }
                if (!in.skipField(tag)) {
                    break; // an end-group tag: not a valid message, the parser reports it
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        return body;
    }

    // ---- one method per translated kind ----

    private static ConvergenceMessage operationSubmission(
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage message) {
        var submission = message.getOperationSubmission();
        // Fields G6 does not know are dropped, as a G6 server would ignore them: read as G7 they could be a body of
        // their own (field 20 is G7's serverTimeRequest) and take the submission's place.
        ConvergenceMessage.Builder out = sameOnTheWire(message.toBuilder()
                .setUnknownFields(UnknownFieldSet.getDefaultInstance())
                .setOperationSubmission(submission.toBuilder().clearOperation())
                .build());
        OperationSubmissionMessage.Builder translated = out.getOperationSubmissionBuilder();
        if (submission.hasOperation()) {
            translated.setOperation(G6Operations.toG7(submission.getOperation()));
        }
        return out.build();
    }

    private static dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage remoteOperation(
            ConvergenceMessage message) {
        RemoteOperationMessage remote = message.getRemoteOperation();
        var out = sameOnTheWire(message.toBuilder()
                .setRemoteOperation(remote.toBuilder().clearOperation())
                .build());
        if (remote.hasOperation()) {
            out.getRemoteOperationBuilder().setOperation(G6Operations.toG6(remote.getOperation()));
        }
        return out.build();
    }

    private static dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage historicalOperations(
            ConvergenceMessage message) {
        HistoricalOperationsResponseMessage history = message.getHistoricalOperationsResponse();
        HistoricalOperationsResponseMessage.Builder withoutOperations = history.toBuilder();
        for (var entry : withoutOperations.getOperationsBuilderList()) {
            entry.clearOperation();
        }
        var out = sameOnTheWire(message.toBuilder()
                .setHistoricalOperationsResponse(withoutOperations)
                .build());
        var entries = out.getHistoricalOperationsResponseBuilder().getOperationsBuilderList();
        for (int i = 0; i < entries.size(); i++) {
            if (history.getOperations(i).hasOperation()) {
                entries.get(i)
                        .setOperation(G6Operations.toG6(history.getOperations(i).getOperation()));
            }
        }
        return out.build();
    }

    private static ConvergenceMessage sentByServerOnly(
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage message) {
        // What a client sends in the server's place answers no request: the router says so, as it would to rc.12.
        return sameOnTheWire(message.toBuilder()
                        .setUnknownFields(UnknownFieldSet.getDefaultInstance())
                        .clearBody()
                        .build())
                .build();
    }

    private static dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage sentByClientOnly(
            ConvergenceMessage message) {
        throw new IllegalStateException("the server does not send " + message.getBodyCase());
    }

    /** The same bytes read as the other generation's message: for the parts both wires share. */
    private static ConvergenceMessage.Builder sameOnTheWire(
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage message) {
        try {
            return ConvergenceMessage.newBuilder().mergeFrom(message.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.Builder sameOnTheWire(
            ConvergenceMessage message) {
        try {
            return dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder()
                    .mergeFrom(message.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
