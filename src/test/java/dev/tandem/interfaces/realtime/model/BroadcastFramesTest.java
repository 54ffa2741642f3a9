package dev.tandem.interfaces.realtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.StringValue;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.core.Int32List;
import dev.tandem.interfaces.realtime.proto.model.ReferenceValues;
import dev.tandem.interfaces.realtime.proto.model.RemoteOperationMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteReferenceSetMessage;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.ot.RandomOtData;
import dev.tandem.ot.operation.Operation;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BroadcastFramesTest {

    private static final int[] RESOURCE_IDS = {0, 1, 2, 127, 128, 16_383, 16_384, 300_000, Integer.MAX_VALUE, -1};

    @Test
    void remoteOperationFramesAreTheBytesProtobufWrites() {
        RandomOtData random = new RandomOtData(7, true);
        for (int i = 0; i < 200; i++) {
            Operation operation = random.operation();
            Instant timestamp = random.instant();
            long contextVersion = i * 977L;
            String sessionId = "session-" + i;
            for (int resourceId : RESOURCE_IDS) {
                byte[] expected = ConvergenceMessage.newBuilder()
                        .setRemoteOperation(RemoteOperationMessage.newBuilder()
                                .setResourceId(resourceId)
                                .setSessionId(sessionId)
                                .setContextVersion(contextVersion)
                                .setTimestamp(Wire.timestamp(timestamp))
                                .setOperation(ModelWire.toWire(operation)))
                        .build()
                        .toByteArray();
                byte[] actual = BroadcastFrames.frame(
                        resourceId,
                        ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER,
                        sessionId,
                        timestamp,
                        operation,
                        null,
                        contextVersion,
                        () -> RemoteOperationMessage.newBuilder()
                                .setSessionId(sessionId)
                                .setContextVersion(contextVersion)
                                .setTimestamp(Wire.timestamp(timestamp))
                                .setOperation(ModelWire.toWire(operation))
                                .build());
                assertArrayEquals(expected, actual, "operation " + i + ", resourceId " + resourceId);
            }
        }
    }

    @Test
    void referenceFramesAreTheBytesProtobufWrites() {
        ReferenceValues values = ReferenceValues.newBuilder()
                .setIndices(Int32List.newBuilder().addValues(3).addValues(70_000))
                .build();
        RemoteReferenceSetMessage rest = RemoteReferenceSetMessage.newBuilder()
                .setSessionId("s1")
                .setKey("cursor")
                .setValueId(StringValue.of("1:4"))
                .setReferences(values)
                .build();
        for (int resourceId : RESOURCE_IDS) {
            byte[] expected = ConvergenceMessage.newBuilder()
                    .setReferenceSet(rest.toBuilder().setResourceId(resourceId))
                    .build()
                    .toByteArray();
            assertArrayEquals(
                    expected,
                    BroadcastFrames.withResourceId(
                            ConvergenceMessage.REFERENCESET_FIELD_NUMBER, resourceId, rest.toByteArray()),
                    "resourceId " + resourceId);
        }
    }

    @Test
    void aBroadcastIsEncodedOnceForAllRecipients() {
        AtomicInteger encodings = new AtomicInteger();
        Object operation = new Object();
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        String session = "s1";
        for (int resourceId = 0; resourceId < 50; resourceId++) {
            byte[] frame = BroadcastFrames.frame(
                    resourceId,
                    ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER,
                    session,
                    at,
                    operation,
                    null,
                    5,
                    () -> {
                        encodings.incrementAndGet();
                        return RemoteOperationMessage.newBuilder()
                                .setSessionId(session)
                                .setContextVersion(5)
                                .build();
                    });
            assertEquals(resourceId, parse(frame).getRemoteOperation().getResourceId());
        }
        assertEquals(1, encodings.get());

        // Another event (here: another version of the same objects) is encoded again.
        BroadcastFrames.frame(
                1, ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER, session, at, operation, null, 6, () -> {
                    encodings.incrementAndGet();
                    return RemoteOperationMessage.newBuilder()
                            .setSessionId(session)
                            .setContextVersion(6)
                            .build();
                });
        assertEquals(2, encodings.get());
        // As is an event with an equal but distinct object: identity decides, so a frame is never reused wrongly.
        BroadcastFrames.frame(
                1, ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER, new String(session), at, operation, null, 6, () -> {
                    encodings.incrementAndGet();
                    return RemoteOperationMessage.newBuilder()
                            .setSessionId(session)
                            .setContextVersion(6)
                            .build();
                });
        assertEquals(3, encodings.get());
    }

    @Test
    void recipientsWithTheSameResourceIdShareOneFrame() {
        Object operation = new Object();
        Instant at = Instant.parse("2026-11-27T09:00:00Z");
        String session = "s1";
        int[] recipients = {1, 1, 1, 2, 2, 1, 0, 1};
        byte[][] frames = new byte[recipients.length][];
        for (int i = 0; i < recipients.length; i++) {
            frames[i] = BroadcastFrames.frame(
                    recipients[i],
                    ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER,
                    session,
                    at,
                    operation,
                    null,
                    9,
                    () -> RemoteOperationMessage.newBuilder()
                            .setSessionId(session)
                            .setContextVersion(9)
                            .build());
            assertEquals(recipients[i], parse(frames[i]).getRemoteOperation().getResourceId(), "recipient " + i);
            assertEquals(9, parse(frames[i]).getRemoteOperation().getContextVersion());
        }
        assertSame(frames[0], frames[1]);
        assertSame(frames[0], frames[2]);
        assertSame(frames[3], frames[4]);
        assertNotSame(frames[0], frames[3]);
        assertArrayEquals(frames[0], frames[5]);

        // The next event never gets the previous one's frame, even for the same resourceId.
        byte[] next = BroadcastFrames.frame(
                1,
                ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER,
                session,
                at,
                operation,
                null,
                10,
                () -> RemoteOperationMessage.newBuilder()
                        .setSessionId(session)
                        .setContextVersion(10)
                        .build());
        assertEquals(10, parse(next).getRemoteOperation().getContextVersion());
    }

    @Test
    void aMissingObjectOnlyMatchesAMissingObject() {
        AtomicInteger encodings = new AtomicInteger();
        String session = "s1";
        String key = "cursor";
        String valueId = "1:4";
        for (String id : new String[] {valueId, null, null, valueId}) {
            byte[] frame = BroadcastFrames.frame(
                    3, ConvergenceMessage.REFERENCECLEARED_FIELD_NUMBER, session, id, key, null, 0, () -> {
                        encodings.incrementAndGet();
                        var cleared =
                                dev.tandem.interfaces.realtime.proto.model.RemoteReferenceClearedMessage.newBuilder()
                                        .setSessionId(session)
                                        .setKey(key);
                        if (id != null) {
                            cleared.setValueId(StringValue.of(id));
                        }
                        return cleared.build();
                    });
            assertEquals(id != null, parse(frame).getReferenceCleared().hasValueId());
        }
        assertEquals(3, encodings.get()); // with, without (then reused), with
    }

    private static ConvergenceMessage parse(byte[] frame) {
        try {
            return ConvergenceMessage.parseFrom(frame);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
