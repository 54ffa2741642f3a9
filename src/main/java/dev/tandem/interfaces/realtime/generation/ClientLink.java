package dev.tandem.interfaces.realtime.generation;

/**
 * What a codec may do on its connection besides translating: answer the client itself, for a message of the client's
 * generation that the server has no counterpart of (the first half of the old two-step handshake).
 */
@FunctionalInterface
public interface ClientLink {

    /** Sends a frame already in the client's generation, untranslated, after everything queued before it. */
    void sendToClient(byte[] clientFrame);
}
