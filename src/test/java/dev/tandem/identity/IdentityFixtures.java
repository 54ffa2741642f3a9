package dev.tandem.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** In-container helpers for states the public services do not produce on demand. */
@ApplicationScoped
@Transactional
public class IdentityFixtures {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    /** Makes a reconnect token expire now, as if its validity had run out. */
    public void expire(String reconnectToken) {
        em.find(ReconnectToken.class, JpaSessionRepository.hash(reconnectToken))
                .setExpiresAt(Instant.now().minusSeconds(1));
    }

    /** When the stored token expires, or {@code null} if it is not stored. */
    public Instant expiresAt(String reconnectToken) {
        ReconnectToken stored = em.find(ReconnectToken.class, JpaSessionRepository.hash(reconnectToken));
        return stored == null ? null : stored.getExpiresAt();
    }

    /** Whether the token itself (rather than its hash) is a stored key. */
    public boolean storedInClear(String reconnectToken) {
        return em.find(ReconnectToken.class, reconnectToken) != null;
    }

    /** The database product, to tell in the log which database the run used. */
    public String databaseProduct() {
        try {
            Connection connection = em.unwrap(Connection.class);
            return connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
