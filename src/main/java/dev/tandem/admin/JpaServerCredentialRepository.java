package dev.tandem.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** {@link ServerCredentialRepository} on JPA: session tokens, bearer tokens and API keys. */
@ApplicationScoped
@Transactional // reads too: see dev.tandem.persistence
public class JpaServerCredentialRepository implements ServerCredentialRepository {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Override
    public void addSessionToken(String tokenHash, String userRef, Instant createdAt, Instant expiresAt) {
        em.createNativeQuery("INSERT INTO server_session_tokens (token_hash, user_ref, created_at, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, tokenHash)
                .setParameter(2, userRef)
                .setParameter(3, utc(createdAt))
                .setParameter(4, utc(expiresAt))
                .executeUpdate();
    }

    @Override
    public Optional<SessionTokenRow> findSessionToken(String tokenHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT u.username, t.expires_at FROM server_session_tokens t "
                        + "JOIN server_users u ON u.id = t.user_ref WHERE t.token_hash = ?1")
                .setParameter(1, tokenHash)
                .getResultList();
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.of(new SessionTokenRow((String) rows.get(0)[0], toInstant(rows.get(0)[1])));
    }

    @Override
    public void setSessionTokenExpiry(String tokenHash, Instant expiresAt) {
        em.createNativeQuery("UPDATE server_session_tokens SET expires_at = ?1 WHERE token_hash = ?2")
                .setParameter(1, utc(expiresAt))
                .setParameter(2, tokenHash)
                .executeUpdate();
    }

    @Override
    public void deleteSessionToken(String tokenHash) {
        em.createNativeQuery("DELETE FROM server_session_tokens WHERE token_hash = ?1")
                .setParameter(1, tokenHash)
                .executeUpdate();
    }

    @Override
    public void deleteExpiredSessionTokens(String userRef, Instant now) {
        em.createNativeQuery("DELETE FROM server_session_tokens WHERE user_ref = ?1 AND expires_at < ?2")
                .setParameter(1, userRef)
                .setParameter(2, utc(now))
                .executeUpdate();
    }

    @Override
    public void setBearerTokenHash(String userRef, String tokenHash) {
        em.find(ServerUser.class, userRef).setBearerTokenHash(tokenHash);
    }

    @Override
    public Optional<ServerUser> findByBearerTokenHash(String tokenHash) {
        return em.createQuery("SELECT u FROM ServerUser u WHERE u.bearerTokenHash = :hash", ServerUser.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<ServerApiKey> findApiKeyByHash(String keyHash) {
        return em.createQuery("SELECT k FROM ServerApiKey k WHERE k.keyHash = :hash", ServerApiKey.class)
                .setParameter("hash", keyHash)
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<ServerApiKey> findApiKey(String keyId) {
        return Optional.ofNullable(em.find(ServerApiKey.class, keyId));
    }

    @Override
    public List<ServerApiKey> findApiKeys(String userRef, int offset, int limit) {
        return em.createQuery(
                        "SELECT k FROM ServerApiKey k WHERE k.userRef = :user ORDER BY k.createdAt, k.id",
                        ServerApiKey.class)
                .setParameter("user", userRef)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public long countApiKeys(String userRef) {
        return em.createQuery("SELECT COUNT(k) FROM ServerApiKey k WHERE k.userRef = :user", Long.class)
                .setParameter("user", userRef)
                .getSingleResult();
    }

    @Override
    public ServerApiKey createApiKey(String userRef, String name, String keyHash, boolean enabled, Instant createdAt) {
        ServerApiKey key = new ServerApiKey(userRef, name, keyHash, enabled, createdAt);
        em.persist(key);
        return key;
    }

    @Override
    public ServerApiKey updateApiKey(ServerApiKey key, String name, boolean enabled) {
        ServerApiKey managed = em.find(ServerApiKey.class, key.getId());
        managed.setName(name);
        managed.setEnabled(enabled);
        return managed;
    }

    @Override
    public void setApiKeyLastUsed(ServerApiKey key, Instant at) {
        em.find(ServerApiKey.class, key.getId()).setLastUsed(at);
    }

    @Override
    public void deleteApiKey(ServerApiKey key) {
        em.remove(em.find(ServerApiKey.class, key.getId()));
    }

    // The column is TIMESTAMP WITH TIME ZONE: OffsetDateTime binds portably on H2 and PostgreSQL.
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
