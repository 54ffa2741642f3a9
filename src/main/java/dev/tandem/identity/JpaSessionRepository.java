package dev.tandem.identity;

import dev.tandem.cluster.ClusterMembership;
import dev.tandem.persistence.Ids;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SessionRepository} on JPA: sessions and reconnect tokens. */
@ApplicationScoped
@Transactional // reads too: see dev.tandem.persistence
public class JpaSessionRepository implements SessionRepository {

    // 24 bytes = 192 bits for session ids, 32 bytes = 256 bits for reconnect tokens: far past guessing either.
    private static final int SESSION_ID_BYTES = 24;
    private static final int TOKEN_BYTES = 32;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    ClusterMembership cluster;

    /** Records the start of a session of {@code user} and returns it. */
    @Override
    public DomainSession open(DomainUser user, String authMethod, ClientInfo client) {
        DomainSession session = new DomainSession(
                Ids.newSecret(SESSION_ID_BYTES),
                managed(user),
                authMethod,
                client,
                cluster.localMemberId(),
                Instant.now());
        em.persist(session);
        return session;
    }

    @Override
    public Optional<DomainSession> find(String sessionId) {
        return Optional.ofNullable(sessionId).map(id -> em.find(DomainSession.class, id));
    }

    /** Records the end of a session; false if there is no such open session. */
    @Override
    public List<DomainSession> find(Domain domain, Filter filter, int offset, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT s FROM DomainSession s WHERE s.domain.id = :domain");
        if (filter.sessionId() != null) {
            jpql.append(" AND s.id = :sessionId");
        }
        if (filter.username() != null) {
            jpql.append(" AND s.user.username = :username");
        }
        if (filter.remoteHost() != null) {
            jpql.append(" AND s.remoteHost = :remoteHost");
        }
        if (filter.authMethod() != null) {
            jpql.append(" AND s.authMethod = :authMethod");
        }
        if (filter.excludeDisconnected()) {
            jpql.append(" AND s.disconnectedAt IS NULL");
        }
        if (filter.userType() != null) {
            jpql.append(" AND s.user.type = :userType");
        }
        jpql.append(" ORDER BY s.connectedAt DESC, s.id");
        TypedQuery<DomainSession> query =
                em.createQuery(jpql.toString(), DomainSession.class).setParameter("domain", domain.getId());
        if (filter.sessionId() != null) {
            query.setParameter("sessionId", filter.sessionId());
        }
        if (filter.username() != null) {
            query.setParameter("username", filter.username());
        }
        if (filter.remoteHost() != null) {
            query.setParameter("remoteHost", filter.remoteHost());
        }
        if (filter.authMethod() != null) {
            query.setParameter("authMethod", filter.authMethod());
        }
        if (filter.userType() != null) {
            query.setParameter("userType", filter.userType());
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public Map<String, DomainUser> usersOf(String namespace, String domainId, Collection<String> sessionIds) {
        Map<String, DomainUser> result = new LinkedHashMap<>();
        if (sessionIds.isEmpty()) {
            return result;
        }
        em.createQuery(
                        "SELECT s.id, s.user FROM DomainSession s WHERE s.domain.namespaceId = :ns "
                                + "AND s.domain.domainId = :domain AND s.id IN :ids",
                        Object[].class)
                .setParameter("ns", namespace)
                .setParameter("domain", domainId)
                .setParameter("ids", sessionIds)
                .getResultStream()
                .forEach(row -> result.put((String) row[0], (DomainUser) row[1]));
        return result;
    }

    @Override
    public boolean close(String sessionId) {
        DomainSession session = sessionId == null ? null : em.find(DomainSession.class, sessionId);
        if (session == null || session.getDisconnectedAt() != null) {
            return false;
        }
        session.setDisconnectedAt(Instant.now());
        return true;
    }

    @Override
    public int closeAbandoned(Collection<String> liveNodes, Instant now) {
        // NOT IN with an empty list is not valid JPQL; there is always at least this node, but be safe.
        String jpql = "UPDATE DomainSession s SET s.disconnectedAt = :now WHERE s.disconnectedAt IS NULL"
                + (liveNodes.isEmpty() ? "" : " AND (s.node IS NULL OR s.node NOT IN :live)");
        var update = em.createQuery(jpql).setParameter("now", now);
        if (!liveNodes.isEmpty()) {
            update.setParameter("live", liveNodes);
        }
        return update.executeUpdate();
    }

    /** A new reconnect token for {@code user}, valid for {@code validity}; only its hash is stored. */
    @Override
    public String issueReconnectToken(DomainUser user, Duration validity) {
        String token = Ids.newSecret(TOKEN_BYTES);
        Instant now = Instant.now();
        em.persist(new ReconnectToken(hash(token), managed(user), now, now.plus(validity)));
        return token;
    }

    /**
     * The user a reconnect token of {@code domain} belongs to, if the token exists and has not expired. The token is
     * used up: a reconnect login hands out a new one, so a stolen token works at most until its owner reconnects.
     */
    @Override
    public Optional<DomainUser> redeemReconnectToken(Domain domain, String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        ReconnectToken stored = em.find(ReconnectToken.class, hash(token));
        if (stored == null || !stored.getDomain().getId().equals(domain.getId())) {
            return Optional.empty();
        }
        em.remove(stored);
        if (!Instant.now().isBefore(stored.getExpiresAt())) {
            return Optional.empty();
        }
        return Optional.of(stored.getUser());
    }

    /** Deletes the tokens that expired before {@code now}; returns how many. */
    @Override
    public int purgeExpiredTokens(Instant now) {
        // Native, so the timestamp is bound as the column's type without relying on converters applying to parameters.
        return em.createNativeQuery("DELETE FROM reconnect_tokens WHERE expires_at < ?")
                .setParameter(1, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    // Not merge(): merging a copy read earlier would write its stale fields (a password hash, the disabled flag) back.
    private DomainUser managed(DomainUser user) {
        return em.find(DomainUser.class, user.getId());
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e); // required of every Java runtime
        }
    }
}
