package dev.tandem.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** In-container helpers for states the public services do not produce on demand. */
@ApplicationScoped
@Transactional
public class IdentityFixtures {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    /** Makes a reconnect token expire now, as if its validity had run out. */
    public void expire(String reconnectToken) {
        em.find(ReconnectToken.class, SessionRepository.hash(reconnectToken)).setExpiresAt(Instant.now().minusSeconds(1));
    }

    public boolean tokenStored(String reconnectToken) {
        return em.find(ReconnectToken.class, SessionRepository.hash(reconnectToken)) != null;
    }

    /** The database product, to tell in the log which database the run used. */
    public String databaseProduct() {
        return em.unwrap(java.sql.Connection.class) == null ? "?" : describe(em.unwrap(java.sql.Connection.class));
    }

    private static String describe(java.sql.Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
        } catch (java.sql.SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
