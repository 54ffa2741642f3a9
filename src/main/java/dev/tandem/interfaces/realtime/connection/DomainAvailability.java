package dev.tandem.interfaces.realtime.connection;

import dev.tandem.tenant.DomainStatus;
import dev.tandem.tenant.DomainStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes a domain's connections on this node when the domain goes into maintenance, offline, or away. The client
 * then reconnects on its schedule, and the login refuses it with {@code domain_unavailable} (retry allowed) until
 * the domain is online again.
 */
@ApplicationScoped
public class DomainAvailability {

    private static final Logger LOG = Logger.getLogger(DomainAvailability.class.getName());

    @Inject
    ConnectionRegistry connections;

    void statusChanged(@Observes DomainStatusChanged event) {
        if (event.status() == DomainStatus.ONLINE) {
            return;
        }
        int closed = 0;
        for (ClientConnection connection : connections.connections()) {
            if (connection.namespace().equals(event.namespace())
                    && connection.domainId().equals(event.domainId())) {
                connection.close(CloseReasons.DOMAIN_UNAVAILABLE);
                closed++;
            }
        }
        LOG.log(Level.INFO, "Domain {0}/{1} is {2}: closed {3} connection(s)", new Object[] {
            event.namespace(), event.domainId(), event.status(), closed
        });
    }
}
