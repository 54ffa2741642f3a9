package dev.tandem.identity;

import dev.tandem.persistence.Ids;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/** Sessions and reconnect tokens. */
@ApplicationScoped
public class SessionRepository {

    // 24 bytes = 192 bits for session ids, 32 bytes = 256 bits for reconnect tokens: far past guessing either.
    private static final int SESSION_ID_BYTES = 24;
    private static final int TOKEN_BYTES = 32;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    /** Records the start of a session of {@code user} and returns it. */
    @Transactional
    public DomainSession open(DomainUser user, String authMethod, ClientInfo client) {
        DomainSession session =
                new DomainSession(Ids.newSecret(SESSION_ID_BYTES), managed(user), authMethod, client, Instant.now());
        em.persist(session);
        return session;
    }

    public Optional<DomainSession> find(String sessionId) {
        return Optional.ofNullable(sessionId).map(id -> em.find(DomainSession.class, id));
    }

    /** Records the end of a session; false if there is no such open session. */
    @Transactional
    public boolean close(String sessionId) {
        DomainSession session = sessionId == null ? null : em.find(DomainSession.class, sessionId);
        if (session == null || session.getDisconnectedAt() != null) {
            return false;
        }
        session.setDisconnectedAt(Instant.now());
        return true;
    }

    /** A new reconnect token for {@code user}, valid for {@code validity}; only its hash is stored. */
    @Transactional
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
    @Transactional
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
    @Transactional
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
