package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.g5.model.CreateRealtimeModelRequestMessage;
import java.nio.ByteBuffer;

/**
 * G4 (client rc.7) frames to and from the server's: G4 is translated to G5 (client rc.8) here, and G5 onwards by
 * {@link G5Codec}. The one difference (compat/generations/README.md, "G4 (rc.7) → G5 (rc.8)") is
 * {@code createRealtimeModelRequest}: G5 inserted {@code createdTime} as field 4 and moved the permissions to 5-7. It
 * is only sent by the client, so only that direction translates; every other kind is checked to be the same on both
 * wires when the class loads (the unit tests load it).
 */
final class G4Codec implements FrameCodec {

    private static final Descriptor G4_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage.getDescriptor();

    private static final int CREATE =
            dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage.CREATEREALTIMEMODELREQUEST_FIELD_NUMBER;

    static {
        Descriptor g5 = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.getDescriptor();
        if (G4_MESSAGE.getFields().size() != g5.getFields().size()) {
            throw new IllegalStateException("G4 and G5 have different message kinds: translate them");
        }
        for (FieldDescriptor g4 : G4_MESSAGE.getFields()) {
            FieldDescriptor other = g5.findFieldByNumber(g4.getNumber());
            boolean same = other != null
                    && other.getType() == g4.getType()
                    && (g4.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                            || WireShapes.identical(g4.getMessageType(), other.getMessageType()));
            if (!same && g4.getNumber() != CREATE) {
                throw new IllegalStateException("ConvergenceMessage field " + g4.getNumber() + " (" + g4.getName()
                        + ") differs between G4 and G5 and nothing translates it");
            }
        }
    }

    private final G5Codec next;

    G4Codec(ClientLink link) {
        this.next = new G5Codec(link);
    }

    @Override
    public ConvergenceMessage decode(ByteBuffer frame) throws InvalidProtocolBufferException {
        if (G6Codec.bodyField(CodedInputStream.newInstance(frame.duplicate()), G4_MESSAGE) != CREATE) {
            return next.decode(frame);
        }
        return next.decode(ByteBuffer.wrap(toG5(frame)));
    }

    @Override
    public byte[] encode(byte[] frame) {
        return next.encode(frame);
    }

    /** G4's create request as G5's: the same fields, the permissions under their new numbers, no created time. */
    static byte[] toG5(ByteBuffer frame) throws InvalidProtocolBufferException {
        var message = dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage.parseFrom(frame.duplicate());
        var create = message.getCreateRealTimeModelRequest();
        CreateRealtimeModelRequestMessage.Builder out = CreateRealtimeModelRequestMessage.newBuilder()
                .setCollectionId(create.getCollectionId())
                .setOverrideWorldPermissions(create.getOverrideWorldPermissions());
        if (create.hasModelId()) {
            out.setModelId(create.getModelId());
        }
        if (create.hasData()) {
            out.getDataBuilder().mergeFrom(create.getData().toByteString());
        }
        if (create.hasWorldPermissions()) {
            out.getWorldPermissionsBuilder()
                    .mergeFrom(create.getWorldPermissions().toByteString());
        }
        for (var user : create.getUserPermissionsList()) {
            out.addUserPermissionsBuilder().mergeFrom(user.toByteString());
        }
        var g5 = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder()
                .setCreateRealTimeModelRequest(out);
        if (message.hasRequestId()) {
            g5.setRequestId(message.getRequestId());
        }
        return g5.build().toByteArray();
    }
}
