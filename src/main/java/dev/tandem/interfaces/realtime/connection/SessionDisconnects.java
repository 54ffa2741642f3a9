package dev.tandem.interfaces.realtime.connection;

import dev.tandem.identity.SessionDisconnectRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Closes the socket of a session an administrator disconnects (the console's sessions page, {@code DELETE
 * /domains/{namespace}/{domainId}/sessions/{sessionId}}). The client sees the socket close as any lost connection.
 */
@ApplicationScoped
public class SessionDisconnects {

    @Inject
    ConnectionRegistry connections;

    void disconnect(@Observes SessionDisconnectRequested request) {
        for (ClientConnection connection : connections.connections()) {
            if (connection.namespace().equals(request.namespace())
                    && connection.domainId().equals(request.domainId())
                    && connection
                            .session()
                            .filter(s -> s.sessionId().equals(request.sessionId()))
                            .isPresent()) {
                connection.close(CloseReasons.DISCONNECTED_BY_ADMIN);
            }
        }
    }
}
