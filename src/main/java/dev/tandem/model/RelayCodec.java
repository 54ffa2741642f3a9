package dev.tandem.model;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.value.DataValue;
import dev.tandem.ot.value.ObjectValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of what the {@link ModelRelay} sends between nodes: the parts of model commands and participant
 * events. Values and operations travel in the operation log's JSON ({@link ModelJson}), which is already exact for
 * every value and operation type; the rest is written field by field. Both ends run the same build, so there is no
 * version negotiation: a cluster is upgraded node by node only within one release.
 */
final class RelayCodec {

    private RelayCodec() {}

    /** Writes one relay message. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        private final DataOutputStream out = new DataOutputStream(bytes);

        boolean isEmpty() {
            return bytes.size() == 0;
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }

        void reset() {
            bytes.reset();
        }

        Writer kind(int kind) {
            return run(() -> out.writeByte(kind));
        }

        Writer bool(boolean value) {
            return run(() -> out.writeBoolean(value));
        }

        Writer integer(int value) {
            return run(() -> out.writeInt(value));
        }

        Writer number(long value) {
            return run(() -> out.writeLong(value));
        }

        /** A string of any length, or null. */
        Writer string(String value) {
            return run(() -> {
                if (value == null) {
                    out.writeInt(-1);
                    return;
                }
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            });
        }

        Writer strings(List<String> values) {
            integer(values.size());
            values.forEach(this::string);
            return this;
        }

        Writer instant(Instant value) {
            return value == null
                    ? number(Long.MIN_VALUE)
                    : number(value.getEpochSecond()).integer(value.getNano());
        }

        Writer user(DomainUserView user) {
            return string(user.type().name())
                    .string(user.username())
                    .string(user.displayName())
                    .string(user.firstName())
                    .string(user.lastName())
                    .string(user.email());
        }

        Writer collaborator(Collaborator collaborator) {
            return string(collaborator.sessionId()).user(collaborator.user());
        }

        Writer collaborators(List<Collaborator> collaborators) {
            integer(collaborators.size());
            collaborators.forEach(this::collaborator);
            return this;
        }

        Writer permissions(ModelPermissions p) {
            return bool(p.read()).bool(p.write()).bool(p.remove()).bool(p.manage());
        }

        Writer operation(Operation operation) {
            return string(ModelJson.write(operation));
        }

        Writer value(DataValue value) {
            return string(ModelJson.write(value));
        }

        /** A reference value, or null. */
        Writer reference(ReferenceValue value) {
            if (value == null) {
                return kind(0);
            }
            if (value instanceof IndexReference index) {
                kind(1).string(index.valueId()).integer(index.indices().size());
                index.indices().forEach(this::integer);
            } else if (value instanceof RangeReference range) {
                kind(2).string(range.valueId()).integer(range.ranges().size());
                range.ranges().forEach(r -> integer(r.start()).integer(r.end()));
            } else if (value instanceof PropertyReference property) {
                kind(3).string(property.valueId()).strings(property.keys());
            } else if (value instanceof ElementReference element) {
                kind(4).strings(element.elementIds());
            }
            return this;
        }

        Writer references(List<SharedReference> references) {
            integer(references.size());
            for (SharedReference r : references) {
                string(r.sessionId()).string(r.valueId()).string(r.key()).reference(r.value());
            }
            return this;
        }

        Writer refusal(Refusal refusal) {
            string(refusal.reason().name()).string(refusal.code()).string(refusal.getMessage());
            integer(refusal.details().size());
            refusal.details().forEach((k, v) -> string(k).string(String.valueOf(v)));
            return this;
        }

        Writer openedModel(OpenedModel m) {
            return string(m.modelId())
                    .string(m.collectionId())
                    .string(m.valueIdPrefix())
                    .number(m.version())
                    .instant(m.createdAt())
                    .instant(m.modifiedAt())
                    .value(m.data())
                    .collaborators(m.collaborators())
                    .references(m.references())
                    .permissions(m.permissions());
        }

        Writer resyncedModel(ResyncedModel m) {
            return collaborators(m.collaborators()).strings(m.resyncing()).references(m.references());
        }

        private Writer run(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte array stream does not fail
            }
            return this;
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Reads one relay message, in the order it was written. */
    static final class Reader {
        private final DataInputStream in;

        Reader(byte[] message) {
            this.in = new DataInputStream(new ByteArrayInputStream(message));
        }

        boolean hasMore() {
            return get(in::available) > 0;
        }

        int kind() {
            return get(in::readUnsignedByte);
        }

        boolean bool() {
            return get(in::readBoolean);
        }

        int integer() {
            return get(in::readInt);
        }

        long number() {
            return get(in::readLong);
        }

        String string() {
            int length = integer();
            if (length < 0) {
                return null;
            }
            byte[] utf8 = new byte[length];
            get(() -> {
                in.readFully(utf8);
                return null;
            });
            return new String(utf8, StandardCharsets.UTF_8);
        }

        List<String> strings() {
            int n = integer();
            List<String> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(string());
            }
            return values;
        }

        Instant instant() {
            long seconds = number();
            return seconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(seconds, integer());
        }

        DomainUserView user() {
            return new DomainUserView(UserType.valueOf(string()), string(), string(), string(), string(), string());
        }

        Collaborator collaborator() {
            return new Collaborator(string(), user());
        }

        List<Collaborator> collaborators() {
            int n = integer();
            List<Collaborator> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(collaborator());
            }
            return values;
        }

        ModelPermissions permissions() {
            return new ModelPermissions(bool(), bool(), bool(), bool());
        }

        Operation operation() {
            return ModelJson.readOperation(string());
        }

        DataValue value() {
            return ModelJson.readValue(string());
        }

        ReferenceValue reference() {
            int kind = kind();
            switch (kind) {
                case 0:
                    return null;
                case 1: {
                    String valueId = string();
                    int n = integer();
                    List<Integer> indices = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        indices.add(integer());
                    }
                    return new IndexReference(valueId, indices);
                }
                case 2: {
                    String valueId = string();
                    int n = integer();
                    List<RangeReference.Range> ranges = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        ranges.add(new RangeReference.Range(integer(), integer()));
                    }
                    return new RangeReference(valueId, ranges);
                }
                case 3:
                    return new PropertyReference(string(), strings());
                case 4:
                    return new ElementReference(strings());
                default:
                    throw new IllegalArgumentException("unknown reference kind " + kind);
            }
        }

        List<SharedReference> references() {
            int n = integer();
            List<SharedReference> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(new SharedReference(string(), string(), string(), reference()));
            }
            return values;
        }

        Refusal refusal() {
            Refusal.Reason reason = Refusal.Reason.valueOf(string());
            String code = string();
            String message = string();
            int n = integer();
            Map<String, Object> details = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                details.put(string(), string());
            }
            return new Refusal(reason, code, message, details);
        }

        OpenedModel openedModel() {
            return new OpenedModel(
                    string(),
                    string(),
                    string(),
                    number(),
                    instant(),
                    instant(),
                    (ObjectValue) value(),
                    collaborators(),
                    references(),
                    permissions());
        }

        ResyncedModel resyncedModel() {
            return new ResyncedModel(collaborators(), strings(), references());
        }

        private <T> T get(IoSupplier<T> read) {
            try {
                return read.get();
            } catch (IOException e) {
                throw new IllegalArgumentException("a truncated relay message", e);
            }
        }
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }
}
