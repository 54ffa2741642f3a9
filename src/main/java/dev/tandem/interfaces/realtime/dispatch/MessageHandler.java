package dev.tandem.interfaces.realtime.dispatch;

import dev.tandem.interfaces.realtime.connection.ClientConnection;

/**
 * Handles one kind of client message. A request handler must answer through {@link IncomingMessage#reply} (now or
 * later, from any thread) or throw a {@link dev.tandem.interfaces.realtime.wire.ProtocolException}, which the router turns into an error reply.
 */
@FunctionalInterface
public interface MessageHandler {

    void handle(ClientConnection connection, IncomingMessage message);
}
