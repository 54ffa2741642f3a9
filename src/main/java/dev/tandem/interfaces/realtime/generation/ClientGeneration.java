package dev.tandem.interfaces.realtime.generation;

/**
 * The schema generation a client speaks, named as in compat/generations/README.md. Recognised from the
 * {@code clientVersion} of the connection request: G6 and G7 open with the same {@code connectionRequest} (field 7,
 * same fields), so the version string is the only difference in the first frame.
 */
public enum ClientGeneration {
    /** Client 1.0.0-rc.9, schema convergence-proto 1.0.0-rc.6: translated by {@link G6Codec}. */
    G6,
    /** Clients 1.0.0-rc.11 and rc.12, schema convergence-proto 1.0.0-rc.7: what the server speaks. */
    G7;

    /**
     * The generation of a client by the version it announces. Versions this server does not know (newer clients, or
     * none given) are taken as G7, the newest: a client of G1-G5 cannot send a readable connection request at all.
     */
    public static ClientGeneration ofClientVersion(String clientVersion) {
        return "1.0.0-rc.9".equals(clientVersion) ? G6 : G7;
    }

    /** The codec for this generation's connections; {@code null} for G7, whose frames need none. */
    public FrameCodec codec() {
        return this == G6 ? G6Codec.INSTANCE : null;
    }
}
