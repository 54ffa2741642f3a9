package dev.tandem.interfaces.realtime;

/**
 * Handles one kind of client message. A request handler must answer through {@link IncomingMessage#reply} (now or
 * later, from any thread) or throw a {@link ProtocolException}, which the router turns into an error reply.
 */
@FunctionalInterface
public interface MessageHandler {

    void handle(ClientConnection connection, IncomingMessage message);
}
