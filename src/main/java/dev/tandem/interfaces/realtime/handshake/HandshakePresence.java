package dev.tandem.interfaces.realtime.handshake;

import com.google.protobuf.Value;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import java.util.Map;

/**
 * Joins a newly authenticated connection to presence during the handshake, before the
 * {@code ConnectionResponseMessage} is sent, and supplies the presence state that response carries (the client
 * replaces its own user's state with it). Joining before the response means the user is available by the time the
 * client believes it is connected; pushes for the connection are held back until its
 * {@link dev.tandem.interfaces.realtime.connection.ConnectionEvent.Connected} event, so nothing reaches the client before the response.
 *
 * <p>Implemented by the presence adapter; without one the response carries no state.
 */
public interface HandshakePresence {

    /** Registers the (just authenticated) connection's session and returns its user's current shared state. */
    Map<String, Value> join(ClientConnection connection);
}
