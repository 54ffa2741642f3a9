package dev.tandem.interfaces.realtime.connection;

/**
 * Fired synchronously (CDI) when a connection completes its handshake or closes, so that capability adapters can
 * set up or tear down per-session state (presence, open models, activities, chat rooms) without the endpoint knowing
 * them.
 */
public sealed interface ConnectionEvent {

    /** The connection concerned; authenticated in both events. */
    ClientConnection connection();

    /** The handshake succeeded; fired after the {@code ConnectionResponseMessage} was sent. */
    record Connected(ClientConnection connection) implements ConnectionEvent {}

    /** The socket closed, for whatever reason; only fired for connections that had authenticated. */
    record Disconnected(ClientConnection connection) implements ConnectionEvent {}
}
