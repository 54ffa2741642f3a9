package dev.tandem.interfaces.realtime.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Int32Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.core.GetServerTimeResponseMessage;
import dev.tandem.interfaces.realtime.proto.core.PingMessage;
import dev.tandem.interfaces.realtime.proto.model.AppliedDiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedOperationData;
import dev.tandem.interfaces.realtime.proto.model.AppliedStringSpliceOperationData;
import dev.tandem.interfaces.realtime.proto.model.CompoundOperationData;
import dev.tandem.interfaces.realtime.proto.model.DiscreteOperationData;
import dev.tandem.interfaces.realtime.proto.model.HistoricalOperationsResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.NumberDeltaOperationData;
import dev.tandem.interfaces.realtime.proto.model.OperationData;
import dev.tandem.interfaces.realtime.proto.model.RemoteOperationMessage;
import dev.tandem.interfaces.realtime.proto.model.StringSpliceOperationData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The G6 ⇄ G7 translation with the generated classes of both schemas: every operation kind both generations share,
 * driven by the schemas themselves, and the string operations that differ, case by case.
 */
class G6CodecTest {

    private static final FrameCodec CODEC = ClientGeneration.G6.codec(frame -> {});

    // ---- operations both generations have: every one, found in the G6 schema ----

    static Stream<Arguments> sharedOperations() {
        return sharedMembers(dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.getDescriptor());
    }

    static Stream<Arguments> sharedAppliedOperations() {
        return sharedMembers(
                dev.tandem.interfaces.realtime.proto.g6.model.AppliedDiscreteOperationData.getDescriptor());
    }

    private static Stream<Arguments> sharedMembers(Descriptor oneofHolder) {
        List<Arguments> members = new ArrayList<>();
        for (FieldDescriptor field : oneofHolder.getOneofs().get(0).getFields()) {
            if (!field.getName().startsWith("stringInsert") && !field.getName().startsWith("stringRemove")) {
                members.add(Arguments.of(field.getName()));
            }
        }
        assertEquals(14, members.size(), "G6 has 16 operation kinds, 2 of them string insert and remove");
        return members.stream();
    }

    @ParameterizedTest
    @MethodSource("sharedOperations")
    void aSharedOperationFromRc9ReachesTheServerUnderItsG7Number(String member) throws Exception {
        var g6Op = dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder();
        Message sample = setSample(g6Op, member);
        byte[] frame = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder()
                .setOperationSubmission(
                        dev.tandem.interfaces.realtime.proto.g6.model.OperationSubmissionMessage.newBuilder()
                                .setResourceId(7)
                                .setSequenceNumber(3)
                                .setContextVersion(41)
                                .setOperation(dev.tandem.interfaces.realtime.proto.g6.model.OperationData.newBuilder()
                                        .setDiscreteOperation(g6Op)))
                .build()
                .toByteArray();

        ConvergenceMessage decoded = CODEC.decode(ByteBuffer.wrap(frame));

        var submission = decoded.getOperationSubmission();
        assertEquals(7, submission.getResourceId());
        assertEquals(3, submission.getSequenceNumber());
        assertEquals(41, submission.getContextVersion());
        DiscreteOperationData g7Op = submission.getOperation().getDiscreteOperation();
        FieldDescriptor g7Field = DiscreteOperationData.getDescriptor().findFieldByName(member);
        assertEquals(g7Field, g7Op.getOneofFieldDescriptor(g7Field.getContainingOneof()));
        assertEquals(sample.toByteString(), ((Message) g7Op.getField(g7Field)).toByteString());
        assertTrue(decoded.getUnknownFields().asMap().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("sharedOperations")
    void aSharedOperationFromTheServerReachesRc9UnderItsG6Number(String member) throws Exception {
        var g7Op = DiscreteOperationData.newBuilder();
        Message sample = setSample(g7Op, member);
        byte[] frame = remoteOperation(
                        OperationData.newBuilder().setDiscreteOperation(g7Op).build())
                .toByteArray();

        var g6 = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(CODEC.encode(frame));

        var remote = g6.getRemoteOperation();
        assertEquals(9, remote.getResourceId());
        assertEquals("session-1", remote.getSessionId());
        assertEquals(12, remote.getContextVersion());
        assertEquals(1234, remote.getTimestamp().getSeconds());
        var g6Op = remote.getOperation().getDiscreteOperation();
        FieldDescriptor g6Field = g6Op.getDescriptorForType().findFieldByName(member);
        assertEquals(g6Field, g6Op.getOneofFieldDescriptor(g6Field.getContainingOneof()));
        assertEquals(sample.toByteString(), ((Message) g6Op.getField(g6Field)).toByteString());
    }

    @ParameterizedTest
    @MethodSource("sharedAppliedOperations")
    void aSharedOperationInHistoryReachesRc9UnderItsG6Number(String member) throws Exception {
        var g7Op = AppliedDiscreteOperationData.newBuilder();
        Message sample = setSample(g7Op, member);
        byte[] frame = history(AppliedOperationData.newBuilder()
                        .setDiscreteOperation(g7Op)
                        .build())
                .toByteArray();

        var g6 = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(CODEC.encode(frame));

        assertEquals(5, g6.getResponseId().getValue());
        var entry = g6.getHistoricalOperationsResponse().getOperations(0);
        assertEquals("m", entry.getModelId());
        assertEquals(4, entry.getVersion());
        var g6Op = entry.getOperation().getDiscreteOperation();
        FieldDescriptor g6Field = g6Op.getDescriptorForType().findFieldByName(member);
        assertEquals(g6Field, g6Op.getOneofFieldDescriptor(g6Field.getContainingOneof()));
        assertEquals(sample.toByteString(), ((Message) g6Op.getField(g6Field)).toByteString());
    }

    // ---- string operations: G6 insert and remove, G7 splice ----

    @Test
    void anInsertFromRc9IsASpliceThatDeletesNothing() throws Exception {
        DiscreteOperationData op =
                submitted(dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder()
                        .setStringInsertOperation(
                                dev.tandem.interfaces.realtime.proto.g6.model.StringInsertOperationData.newBuilder()
                                        .setId("s1")
                                        .setIndex(3)
                                        .setValue("abc")));
        assertEquals(
                StringSpliceOperationData.newBuilder()
                        .setId("s1")
                        .setIndex(3)
                        .setInsertedValue("abc")
                        .build(),
                op.getStringSpliceOperation());
    }

    @Test
    void aRemoveFromRc9IsASpliceThatDeletesItsLengthInUtf16Units() throws Exception {
        DiscreteOperationData op =
                submitted(dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder()
                        .setStringRemoveOperation(
                                dev.tandem.interfaces.realtime.proto.g6.model.StringRemoveOperationData.newBuilder()
                                        .setId("s1")
                                        .setNoOp(true)
                                        .setIndex(2)
                                        .setValue("é😀"))); // 1 + 2 code units, as JavaScript counts them
        assertEquals(
                StringSpliceOperationData.newBuilder()
                        .setId("s1")
                        .setNoOp(true)
                        .setIndex(2)
                        .setDeleteCount(3)
                        .build(),
                op.getStringSpliceOperation());
    }

    @Test
    void aCompoundFromRc9KeepsItsOrder() throws Exception {
        byte[] frame = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder()
                .setOperationSubmission(
                        dev.tandem.interfaces.realtime.proto.g6.model.OperationSubmissionMessage.newBuilder()
                                .setOperation(
                                        dev.tandem.interfaces.realtime.proto.g6.model.OperationData.newBuilder()
                                                .setCompoundOperation(dev.tandem.interfaces.realtime.proto.g6.model
                                                        .CompoundOperationData.newBuilder()
                                                        .addOperations(g6Insert(0, "a"))
                                                        .addOperations(g6NumberDelta(2.0)))))
                .build()
                .toByteArray();
        List<DiscreteOperationData> ops = CODEC.decode(ByteBuffer.wrap(frame))
                .getOperationSubmission()
                .getOperation()
                .getCompoundOperation()
                .getOperationsList();
        assertEquals(2, ops.size());
        assertEquals("a", ops.get(0).getStringSpliceOperation().getInsertedValue());
        assertEquals(2.0, ops.get(1).getNumberDeltaOperation().getDelta());
    }

    @Test
    void aSpliceThatOnlyInsertsReachesRc9AsAnInsert() throws Exception {
        var op = received(splice(4, 0, "xy")).getDiscreteOperation();
        assertEquals(
                dev.tandem.interfaces.realtime.proto.g6.model.StringInsertOperationData.newBuilder()
                        .setId("s1")
                        .setIndex(4)
                        .setValue("xy")
                        .build(),
                op.getStringInsertOperation());
    }

    @Test
    void aSpliceThatOnlyDeletesReachesRc9AsARemoveOfThatManyCharacters() throws Exception {
        var op = received(splice(4, 3, "")).getDiscreteOperation();
        assertTrue(op.hasStringRemoveOperation());
        assertEquals(4, op.getStringRemoveOperation().getIndex());
        // rc.9 removes value.length characters and reports the removed text from its own copy of the string
        assertEquals(3, op.getStringRemoveOperation().getValue().length());
    }

    @Test
    void aSpliceThatReplacesReachesRc9AsARemoveThenAnInsertInOneCompound() throws Exception {
        var op = received(splice(1, 2, "zz"));
        assertFalse(op.hasDiscreteOperation());
        var ops = op.getCompoundOperation().getOperationsList();
        assertEquals(2, ops.size());
        assertEquals(1, ops.get(0).getStringRemoveOperation().getIndex());
        assertEquals(2, ops.get(0).getStringRemoveOperation().getValue().length());
        assertEquals(1, ops.get(1).getStringInsertOperation().getIndex());
        assertEquals("zz", ops.get(1).getStringInsertOperation().getValue());
    }

    @Test
    void aSpliceInsideACompoundIsFlattenedInPlace() throws Exception {
        byte[] frame = remoteOperation(OperationData.newBuilder()
                        .setCompoundOperation(CompoundOperationData.newBuilder()
                                .addOperations(DiscreteOperationData.newBuilder()
                                        .setNumberDeltaOperation(NumberDeltaOperationData.newBuilder()
                                                .setId("n")
                                                .setDelta(1)))
                                .addOperations(DiscreteOperationData.newBuilder()
                                        .setStringSpliceOperation(spliceData(0, 1, "q"))))
                        .build())
                .toByteArray();
        var ops = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(CODEC.encode(frame))
                .getRemoteOperation()
                .getOperation()
                .getCompoundOperation()
                .getOperationsList();
        assertEquals(3, ops.size());
        assertTrue(ops.get(0).hasNumberDeltaOperation());
        assertTrue(ops.get(1).hasStringRemoveOperation());
        assertEquals("q", ops.get(2).getStringInsertOperation().getValue());
    }

    @Test
    void anAppliedSpliceInHistoryCarriesTheDeletedText() throws Exception {
        byte[] frame = history(AppliedOperationData.newBuilder()
                        .setDiscreteOperation(AppliedDiscreteOperationData.newBuilder()
                                .setStringSpliceOperation(AppliedStringSpliceOperationData.newBuilder()
                                        .setId("s1")
                                        .setIndex(2)
                                        .setDeletedValue("old")
                                        .setInsertedValue("new")))
                        .build())
                .toByteArray();
        var ops = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(CODEC.encode(frame))
                .getHistoricalOperationsResponse()
                .getOperations(0)
                .getOperation()
                .getCompoundOperation()
                .getOperationsList();
        assertEquals(2, ops.size());
        var removed = ops.get(0).getStringRemoveOperation();
        assertEquals(2, removed.getIndex());
        assertEquals(3, removed.getLength());
        assertEquals("old", removed.getOldValue());
        assertEquals("new", ops.get(1).getStringInsertOperation().getValue());
    }

    // ---- message kinds ----

    @Test
    void framesTheSameOnBothWiresPassUntouched() {
        byte[] frame = ConvergenceMessage.newBuilder()
                .setPing(PingMessage.getDefaultInstance())
                .build()
                .toByteArray();
        assertSame(frame, CODEC.encode(frame));
    }

    @Test
    void whatOnlyG7HasIsNeitherSentToRc9NorReadFromIt() throws Exception {
        byte[] serverTime = ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(1))
                .setServerTimeResponse(GetServerTimeResponseMessage.newBuilder()
                        .setServerTime(Timestamp.newBuilder().setSeconds(5)))
                .build()
                .toByteArray();
        assertNull(CODEC.encode(serverTime));

        byte[] request = ConvergenceMessage.newBuilder()
                .setRequestId(Int32Value.of(3))
                .setServerTimeRequest(
                        dev.tandem.interfaces.realtime.proto.core.GetServerTimeRequestMessage.getDefaultInstance())
                .build()
                .toByteArray();
        ConvergenceMessage decoded = CODEC.decode(ByteBuffer.wrap(request));
        assertEquals(ConvergenceMessage.BodyCase.BODY_NOT_SET, decoded.getBodyCase());
        assertEquals(3, decoded.getRequestId().getValue(), "so the router can answer it");
    }

    @Test
    void aFieldG6DoesNotKnowDoesNotReplaceTheSubmission() throws Exception {
        byte[] submission = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder()
                .setOperationSubmission(
                        dev.tandem.interfaces.realtime.proto.g6.model.OperationSubmissionMessage.newBuilder()
                                .setResourceId(4)
                                .setOperation(dev.tandem.interfaces.realtime.proto.g6.model.OperationData.newBuilder()
                                        .setDiscreteOperation(g6NumberDelta(1))))
                .build()
                .toByteArray();
        // field 20 (G7's serverTimeRequest, unknown to G6), empty, after the submission
        byte[] frame = java.util.Arrays.copyOf(submission, submission.length + 2);
        frame[submission.length] = (byte) 0xa2;
        frame[submission.length + 1] = 0x01;
        frame = java.util.Arrays.copyOf(frame, frame.length + 1); // length 0 of field 20
        ConvergenceMessage decoded = CODEC.decode(ByteBuffer.wrap(frame));
        assertEquals(ConvergenceMessage.BodyCase.OPERATIONSUBMISSION, decoded.getBodyCase());
        assertEquals(4, decoded.getOperationSubmission().getResourceId());
        assertEquals(
                1.0,
                decoded.getOperationSubmission()
                        .getOperation()
                        .getDiscreteOperation()
                        .getNumberDeltaOperation()
                        .getDelta());
    }

    @Test
    void randomAndTruncatedFramesAreRefusedAsUnreadableOrDecoded() {
        // Whatever a client sends, decode either returns a message or says the frame is unreadable: never anything
        // else (the router turns the latter into invalid_message).
        byte[] valid = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder()
                .setOperationSubmission(
                        dev.tandem.interfaces.realtime.proto.g6.model.OperationSubmissionMessage.newBuilder()
                                .setResourceId(4)
                                .setOperation(
                                        dev.tandem.interfaces.realtime.proto.g6.model.OperationData.newBuilder()
                                                .setCompoundOperation(dev.tandem.interfaces.realtime.proto.g6.model
                                                        .CompoundOperationData.newBuilder()
                                                        .addOperations(g6Insert(2, "abc"))
                                                        .addOperations(g6NumberDelta(3)))))
                .build()
                .toByteArray();
        java.util.Random random = new java.util.Random(24);
        int unreadable = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            for (int flips = random.nextInt(3); flips > 0 && frame.length > 0; flips--) {
                frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            }
            try {
                CODEC.decode(ByteBuffer.wrap(frame));
            } catch (InvalidProtocolBufferException e) {
                unreadable++;
            }
        }
        assertTrue(unreadable > 0, "some of the mangled frames are unreadable");
    }

    @Test
    void aFrameThatIsNoMessageIsRefusedAsSuch() {
        assertThrows(
                InvalidProtocolBufferException.class,
                () -> CODEC.decode(ByteBuffer.wrap(new byte[] {(byte) 0x3a, 0x7f, 0x01})));
    }

    @Test
    void theClientVersionNamesTheGeneration() {
        assertEquals(ClientGeneration.G6, ClientGeneration.ofClientVersion("1.0.0-rc.9"));
        assertEquals(ClientGeneration.G7, ClientGeneration.ofClientVersion("1.0.0-rc.12"));
        assertEquals(ClientGeneration.G7, ClientGeneration.ofClientVersion("1.0.0-rc.11"));
        assertEquals(ClientGeneration.G7, ClientGeneration.ofClientVersion(""));
        assertNull(ClientGeneration.G7.codec(frame -> {}));
    }

    // ---- helpers ----

    private static ConvergenceMessage remoteOperation(OperationData operation) {
        return ConvergenceMessage.newBuilder()
                .setRemoteOperation(RemoteOperationMessage.newBuilder()
                        .setResourceId(9)
                        .setSessionId("session-1")
                        .setContextVersion(12)
                        .setTimestamp(Timestamp.newBuilder().setSeconds(1234))
                        .setOperation(operation))
                .build();
    }

    private static ConvergenceMessage history(AppliedOperationData operation) {
        return ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(5))
                .setHistoricalOperationsResponse(HistoricalOperationsResponseMessage.newBuilder()
                        .addOperations(HistoricalOperationsResponseMessage.ModelOperationData.newBuilder()
                                .setModelId("m")
                                .setVersion(4)
                                .setSessionId("session-1")
                                .setOperation(operation)))
                .build();
    }

    private static StringSpliceOperationData spliceData(int index, int deleteCount, String inserted) {
        return StringSpliceOperationData.newBuilder()
                .setId("s1")
                .setIndex(index)
                .setDeleteCount(deleteCount)
                .setInsertedValue(inserted)
                .build();
    }

    private static OperationData splice(int index, int deleteCount, String inserted) {
        return OperationData.newBuilder()
                .setDiscreteOperation(DiscreteOperationData.newBuilder()
                        .setStringSpliceOperation(spliceData(index, deleteCount, inserted)))
                .build();
    }

    private static dev.tandem.interfaces.realtime.proto.g6.model.OperationData received(OperationData operation)
            throws InvalidProtocolBufferException {
        byte[] frame = remoteOperation(operation).toByteArray();
        return dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(CODEC.encode(frame))
                .getRemoteOperation()
                .getOperation();
    }

    private static DiscreteOperationData submitted(
            dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.Builder operation)
            throws InvalidProtocolBufferException {
        byte[] frame = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder()
                .setOperationSubmission(
                        dev.tandem.interfaces.realtime.proto.g6.model.OperationSubmissionMessage.newBuilder()
                                .setOperation(dev.tandem.interfaces.realtime.proto.g6.model.OperationData.newBuilder()
                                        .setDiscreteOperation(operation)))
                .build()
                .toByteArray();
        return CODEC.decode(ByteBuffer.wrap(frame))
                .getOperationSubmission()
                .getOperation()
                .getDiscreteOperation();
    }

    private static dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData g6Insert(
            int index, String value) {
        return dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder()
                .setStringInsertOperation(
                        dev.tandem.interfaces.realtime.proto.g6.model.StringInsertOperationData.newBuilder()
                                .setId("s")
                                .setIndex(index)
                                .setValue(value))
                .build();
    }

    private static dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData g6NumberDelta(double delta) {
        return dev.tandem.interfaces.realtime.proto.g6.model.DiscreteOperationData.newBuilder()
                .setNumberDeltaOperation(
                        dev.tandem.interfaces.realtime.proto.g6.model.NumberDeltaOperationData.newBuilder()
                                .setId("n")
                                .setDelta(delta))
                .build();
    }

    /** Sets the oneof member to a message with every field given a value of its type; returns that message. */
    private static Message setSample(Message.Builder holder, String member) {
        FieldDescriptor field = holder.getDescriptorForType().findFieldByName(member);
        Message sample = sample(holder.newBuilderForField(field), 0);
        holder.setField(field, sample);
        return sample;
    }

    private static Message sample(Message.Builder builder, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            Object value = switch (field.getJavaType()) {
                case STRING -> field.getName() + "-" + field.getNumber();
                case INT -> field.getNumber() + 10;
                case LONG -> field.getNumber() + 100L;
                case DOUBLE -> field.getNumber() + 0.5;
                case FLOAT -> field.getNumber() + 0.25f;
                case BOOLEAN -> true;
                case BYTE_STRING -> ByteString.copyFromUtf8("b");
                case ENUM ->
                    field.getEnumType()
                            .getValues()
                            .get(field.getEnumType().getValues().size() - 1);
                case MESSAGE ->
                    field.getMessageType().equals(Value.getDescriptor())
                            ? Value.newBuilder().setStringValue("v" + depth).build()
                            : depth < 3 ? sample(builder.newBuilderForField(field), depth + 1) : null;
            };
            if (value == null || field.isMapField()) {
                continue;
            }
            if (field.isRepeated()) {
                builder.addRepeatedField(field, value);
            } else {
                builder.setField(field, value);
            }
        }
        return builder.build();
    }
}
