package dev.tandem.interfaces.realtime.model;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.lang.ref.WeakReference;
import java.util.function.Supplier;

/**
 * Encodes a model broadcast once for all its recipients.
 *
 * <p>A live model tells each participant about the same event (a remote operation, a reference change) one after
 * the other, on its writer thread, with the same objects. The frames differ only in the recipient's
 * {@code resourceId}, which is field 1 of every such body. So the body is encoded once without it, and each
 * recipient's frame is that encoding behind a few bytes: the {@code ConvergenceMessage} field tag and length, and
 * the {@code resourceId} field. The result is byte for byte the frame protobuf itself writes (fields in number
 * order, a zero {@code resourceId} left out).
 *
 * <p>Recipients with the same {@code resourceId} (a connection numbers the models it opens from the same start, so
 * everyone's first model has the same one) get the very same frame: a frame is never modified once built.
 *
 * <p>The last encoding is kept per thread, keyed by the identity of the event's objects: the encoding is a pure
 * function of them (they are immutable), so a hit is always right, and anything else (another event, another
 * thread) only encodes again. The cache holds JDK objects only (weak references to the event's objects, the bytes),
 * so a container thread that keeps it does not keep the application's classes after an undeploy.
 */
final class BroadcastFrames {

    private static final int RESOURCE_ID_FIELD = 1;
    private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();
    // slots of the cached entry
    private static final int FIELD = 0;
    private static final int OBJECTS = 1; // four weak references, slots 1-4
    private static final int NUMBER = 5;
    private static final int REST = 6;
    private static final int FRAME_RESOURCE_ID = 7; // the last recipient's resourceId, and its frame
    private static final int FRAME = 8;

    private BroadcastFrames() {}

    /**
     * The frame for one recipient.
     *
     * @param bodyField the {@code ConvergenceMessage} field number of the body (e.g. {@code REMOTEOPERATION_FIELD_NUMBER})
     * @param a the event's objects and number: what the body is made of, compared by identity
     * @param body builds the body with {@code resourceId} unset; called only when the event was not encoded yet
     * @return the frame, perhaps the same array another recipient got: never to be modified
     */
    static byte[] frame(
            int resourceId,
            int bodyField,
            Object a,
            Object b,
            Object c,
            Object d,
            long n,
            Supplier<? extends MessageLite> body) {
        Object[] last = LAST.get();
        if (last == null || !matches(last, bodyField, a, b, c, d, n)) {
            last = new Object[] {
                bodyField, weak(a), weak(b), weak(c), weak(d), n, body.get().toByteArray(), null, null
            };
            LAST.set(last);
        }
        // consecutive recipients with the same resourceId share the frame (see the class comment)
        if (last[FRAME] != null && (Integer) last[FRAME_RESOURCE_ID] == resourceId) {
            return (byte[]) last[FRAME];
        }
        byte[] frame = withResourceId(bodyField, resourceId, (byte[]) last[REST]);
        last[FRAME_RESOURCE_ID] = resourceId;
        last[FRAME] = frame;
        return frame;
    }

    private static boolean matches(Object[] last, int bodyField, Object a, Object b, Object c, Object d, long n) {
        return (Integer) last[FIELD] == bodyField
                && (Long) last[NUMBER] == n
                && same(last[OBJECTS], a)
                && same(last[OBJECTS + 1], b)
                && same(last[OBJECTS + 2], c)
                && same(last[OBJECTS + 3], d);
    }

    private static Object weak(Object object) {
        return object == null ? null : new WeakReference<>(object);
    }

    /** Whether the slot holds this very object; a collected object never matches, not even a null. */
    private static boolean same(Object slot, Object object) {
        if (slot == null || object == null) {
            return slot == null && object == null;
        }
        return ((WeakReference<?>) slot).get() == object;
    }

    /** {@code ConvergenceMessage{<bodyField>: {resourceId: resourceId, <rest>}}}, encoded. */
    static byte[] withResourceId(int bodyField, int resourceId, byte[] rest) {
        int resourceSize = resourceId == 0 ? 0 : CodedOutputStream.computeInt32Size(RESOURCE_ID_FIELD, resourceId);
        int bodySize = resourceSize + rest.length;
        int tag = (bodyField << 3) | 2; // length-delimited
        int size = CodedOutputStream.computeUInt32SizeNoTag(tag)
                + CodedOutputStream.computeUInt32SizeNoTag(bodySize)
                + bodySize;
        byte[] frame = new byte[size];
        CodedOutputStream out = CodedOutputStream.newInstance(frame);
        try {
            out.writeUInt32NoTag(tag);
            out.writeUInt32NoTag(bodySize);
            if (resourceId != 0) {
                out.writeInt32(RESOURCE_ID_FIELD, resourceId);
            }
            out.writeRawBytes(rest);
            out.checkNoSpaceLeft();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("frame size miscomputed", e); // cannot happen: the array fits exactly
        }
        return frame;
    }
}
