package dev.tandem.model;

import dev.tandem.model.ModelStore.NewOperation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of one round of the operation log as it waits in {@code model_log} to be filed (see
 * V9__model_log.sql): the batches of every model in the round, each with its operations in version order.
 *
 * <p>A format of its own rather than JSON because a round is written on the hot path and read back only when it is
 * filed or after a crash; it starts with a format number so that a later format can still read rounds an older server
 * left behind.
 */
final class LogRound {

    private static final int FORMAT = 1;

    /** One model's operations of a round. */
    record Batch(String modelRef, String domainRef, List<NewOperation> operations) {}

    private LogRound() {}

    static byte[] encode(List<OperationLog.Append> appends) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * appends.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(appends.size());
            for (OperationLog.Append append : appends) {
                writeString(out, append.modelRef());
                writeString(out, append.domainRef());
                out.writeInt(append.operations().size());
                for (NewOperation op : append.operations()) {
                    out.writeLong(op.version());
                    writeString(out, op.sessionId());
                    out.writeLong(op.committedAt().getEpochSecond());
                    out.writeInt(op.committedAt().getNano());
                    writeString(out, op.operationJson());
                    writeString(out, op.appliedJson());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a round this server can read */
    static List<Batch> decode(byte[] round) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(round))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("a log round in format " + format + "; this server reads " + FORMAT);
            }
            int batchCount = in.readInt();
            List<Batch> batches = new ArrayList<>(batchCount);
            for (int b = 0; b < batchCount; b++) {
                String modelRef = readString(in);
                String domainRef = readString(in);
                int opCount = in.readInt();
                List<NewOperation> operations = new ArrayList<>(opCount);
                for (int o = 0; o < opCount; o++) {
                    long version = in.readLong();
                    String sessionId = readString(in);
                    Instant committedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
                    operations.add(new NewOperation(version, sessionId, committedAt, readString(in), readString(in)));
                }
                batches.add(new Batch(modelRef, domainRef, operations));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("a log round with " + in.available() + " bytes after its end");
            }
            return batches;
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated log round", e);
        }
    }

    // DataOutputStream.writeUTF stops at 64 KiB; an operation (a pasted document) can be larger.
    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a string of " + length + " bytes where " + in.available() + " remain");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
