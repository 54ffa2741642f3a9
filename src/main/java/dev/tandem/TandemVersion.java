package dev.tandem;

/** The server version reported to clients and operators. */
public final class TandemVersion {

    /** Kept in step with the Maven project version by hand until a release process exists. */
    public static final String VERSION = "0.1.0";

    private TandemVersion() {}
}
