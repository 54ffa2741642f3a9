package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The schema generation a client speaks, named as in compat/generations/README.md, recognised from its first frame
 * ({@link #ofFirstFrame}).
 */
public enum ClientGeneration {
    /**
     * A client that opens with the old handshake and a version this table does not know (not a published release
     * from rc.4 on): its handshake is answered with a refusal.
     */
    UNSERVED,
    /** Client 1.0.0-rc.4, schema convergence-proto 1.0.0-rc.1: translated by {@link G1Codec}. */
    G1,
    /** Client 1.0.0-rc.5, a schema between convergence-proto rc.1 and rc.3 never published: {@link G2Codec}. */
    G2,
    /** Client 1.0.0-rc.6, schema convergence-proto 1.0.0-rc.3: translated by {@link G3Codec}. */
    G3,
    /** Client 1.0.0-rc.7, schema convergence-proto 1.0.0-rc.4: translated by {@link G4Codec}. */
    G4,
    /** Client 1.0.0-rc.8, schema convergence-proto 1.0.0-rc.5: translated by {@link G5Codec}. */
    G5,
    /** Client 1.0.0-rc.9, schema convergence-proto 1.0.0-rc.6: translated by {@link G6Codec}. */
    G6,
    /** Clients 1.0.0-rc.11 and rc.12, schema convergence-proto 1.0.0-rc.7: what the server speaks. */
    G7;

    /** The published clients that open with the old handshake, by the version they announce in it. */
    private static final Map<String, ClientGeneration> HANDSHAKE_CLIENTS = Map.of(
            "1.0.0-rc.4", G1,
            "1.0.0-rc.5", G2,
            "1.0.0-rc.6", G3,
            "1.0.0-rc.7", G4,
            "1.0.0-rc.8", G5);

    /** Body field 7: G1-G5's {@code handshakeRequest}, G6-G7's {@code connectionRequest}. */
    private static final int OPENING_FIELD = 7;

    /** The tag of the opening: field 7, length-delimited. */
    private static final int OPENING_TAG = OPENING_FIELD << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

    /**
     * The generation of a client by the version it announces in a connection request (G6-G7). Versions this server
     * does not know (newer clients, or none given) are taken as G7, the newest.
     */
    public static ClientGeneration ofClientVersion(String clientVersion) {
        return "1.0.0-rc.9".equals(clientVersion) ? G6 : G7;
    }

    /**
     * The generation of a client by the first frame it sends, or {@code null} when the frame opens nothing (it is
     * then read as G7's, which refuses it). Both openings are body field 7, and they differ in that field's members:
     * G6-G7's {@code connectionRequest} starts with {@code client} (1, a string) and names the version in 2; G1-G5's
     * {@code handshakeRequest} has {@code reconnect} (1, a bool, left out when false) and names the version in 4.
     */
    public static ClientGeneration ofFirstFrame(ByteBuffer frame) {
        try {
            CodedInputStream message = CodedInputStream.newInstance(frame.duplicate());
            ByteBuffer opening = null;
            for (int tag = message.readTag(); tag != 0; tag = message.readTag()) {
                if (tag == OPENING_TAG) {
                    opening = message.readByteBuffer();
                } else if (!message.skipField(tag)) {
                    return null;
                }
            }
            if (opening == null) {
                return null;
            }
            CodedInputStream in = CodedInputStream.newInstance(opening);
            boolean clientFirst = false;
            ByteString field2 = null;
            ByteString field4 = null;
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int number = WireFormat.getTagFieldNumber(tag);
                boolean string = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
                if (number == 1 && string) {
                    clientFirst = true;
                    in.skipField(tag);
                } else if (number == 2 && string) {
                    field2 = in.readBytes(); // a string, or G1-G5's reconnect token (a message)
                } else if (number == 4 && string) {
                    field4 = in.readBytes();
                } else if (!in.skipField(tag)) {
                    return null;
                }
            }
            if (clientFirst || field4 == null) {
                return ofClientVersion(field2 == null ? null : field2.toStringUtf8());
            }
            // A handshake: its version names an old client, or a client of G1-G5 this table does not know.
            return HANDSHAKE_CLIENTS.getOrDefault(field4.toStringUtf8(), UNSERVED);
        } catch (IOException | RuntimeException e) {
            return null; // not a readable opening: the router reports the frame as G7 reads it
        }
    }

    /**
     * A new codec for one connection of this generation, which answers that client through {@code link} where the
     * server has nothing to say; {@code null} for G7, whose frames need none.
     */
    public FrameCodec codec(ClientLink link) {
        return switch (this) {
            case UNSERVED -> new UnservedCodec(link);
            case G1 -> new G1Codec(link);
            case G2 -> new G2Codec(link);
            case G3 -> new G3Codec(link);
            case G4 -> new G4Codec(link);
            case G5 -> new G5Codec(link);
            case G6 -> G6Codec.INSTANCE;
            case G7 -> null;
        };
    }
}
