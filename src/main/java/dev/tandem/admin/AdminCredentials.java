package dev.tandem.admin;

import dev.tandem.persistence.Ids;
import dev.tandem.security.PasswordHasher;
import dev.tandem.security.SecretHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How server users prove who they are on the admin API: expiring session tokens (password login), one long-lived
 * bearer token each, and any number of named API keys. Every secret is made here with 256 random bits and only its
 * {@link SecretHash} is stored, so each is shown once, when made. A disabled user, a disabled or deleted key, and an
 * expired or logged-out token stop working on the next request: every check reads the database.
 */
@ApplicationScoped
public class AdminCredentials {

    /** A freshly made API key: its stored form and the key itself, shown only now. */
    public record NewApiKey(ServerApiKey key, String secret) {}

    /** A session token and how long it stays valid without use. */
    public record SessionToken(String token, Duration expiresIn) {}

    /** What {@code validate} tells about a session token. */
    public record SessionTokenState(String username, Duration expiresIn) {}

    private static final Logger LOG = Logger.getLogger(AdminCredentials.class.getName());
    private static final int SECRET_BYTES = 32;
    private static final int MAX_KEYS_PER_USER = 100;

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    ServerUserRepository users;

    @Inject
    ServerUserService userService;

    @Inject
    ServerConfigService config;

    private final PasswordHasher hasher = new PasswordHasher();

    /**
     * The enabled local user with this username and password, if any (the check costs the same either way). Single
     * sign-on accounts never match: only their identity provider signs them in.
     */
    public Optional<ServerUser> checkPassword(String username, String password) {
        Optional<ServerUser> user = username == null ? Optional.empty() : users.find(username);
        boolean matches =
                hasher.verify(password, user.map(ServerUser::getPasswordHash).orElse(null));
        return user.filter(u -> matches && !u.isDisabled() && !u.isSso());
    }

    /** Logs in with a password; empty on wrong credentials. */
    @Transactional
    public Optional<SessionToken> login(String username, String password) {
        Optional<ServerUser> user = checkPassword(username, password);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Duration timeout = sessionTimeout();
        String token = Ids.newSecret(SECRET_BYTES);
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO server_session_tokens (token_hash, user_ref, created_at, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, SecretHash.of(token))
                .setParameter(2, user.get().getId())
                .setParameter(3, utc(now))
                .setParameter(4, utc(now.plus(timeout)))
                .executeUpdate();
        // expired tokens of this user go now, so the table does not grow with logins that never log out
        em.createNativeQuery("DELETE FROM server_session_tokens WHERE user_ref = ?1 AND expires_at < ?2")
                .setParameter(1, user.get().getId())
                .setParameter(2, utc(now))
                .executeUpdate();
        userService.recordLogin(user.get().getId());
        return Optional.of(new SessionToken(token, timeout));
    }

    /** The user of a valid session token, whose expiry moves on by the session timeout (inactivity expiry). */
    @Transactional
    public Optional<ServerUser> useSessionToken(String token) {
        Optional<SessionTokenState> state = validate(token);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        em.createNativeQuery("UPDATE server_session_tokens SET expires_at = ?1 WHERE token_hash = ?2")
                .setParameter(1, utc(Instant.now().plus(sessionTimeout())))
                .setParameter(2, SecretHash.of(token))
                .executeUpdate();
        return users.find(state.get().username()).filter(u -> !u.isDisabled());
    }

    /** Whether a session token is valid, for whom and for how long; does not extend it. */
    public Optional<SessionTokenState> validate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT u.username, t.expires_at FROM server_session_tokens t "
                        + "JOIN server_users u ON u.id = t.user_ref WHERE t.token_hash = ?1")
                .setParameter(1, SecretHash.of(token))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = toInstant(rows.get(0)[1]);
        Duration left = Duration.between(Instant.now(), expires);
        return left.isNegative() ? Optional.empty() : Optional.of(new SessionTokenState((String) rows.get(0)[0], left));
    }

    @Transactional
    public void logout(String token) {
        if (token != null) {
            em.createNativeQuery("DELETE FROM server_session_tokens WHERE token_hash = ?1")
                    .setParameter(1, SecretHash.of(token))
                    .executeUpdate();
        }
    }

    /** Makes a new bearer token for the user; the previous one stops working. */
    @Transactional
    public String regenerateBearerToken(String userRef) {
        String token = Ids.newSecret(SECRET_BYTES);
        em.find(ServerUser.class, userRef).setBearerTokenHash(SecretHash.of(token));
        return token;
    }

    public Optional<ServerUser> useBearerToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("SELECT u FROM ServerUser u WHERE u.bearerTokenHash = :hash", ServerUser.class)
                .setParameter("hash", SecretHash.of(token))
                .getResultStream()
                .filter(u -> !u.isDisabled())
                .findFirst();
    }

    // ---- API keys

    /** The owner of an enabled API key; records when it was last used. */
    @Transactional
    public Optional<ServerUser> useApiKey(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Optional<ServerApiKey> key = em.createQuery(
                        "SELECT k FROM ServerApiKey k WHERE k.keyHash = :hash", ServerApiKey.class)
                .setParameter("hash", SecretHash.of(secret))
                .getResultStream()
                .filter(ServerApiKey::isEnabled)
                .findFirst();
        key.ifPresent(k -> k.setLastUsed(Instant.now()));
        return key.map(k -> em.find(ServerUser.class, k.getUserRef())).filter(u -> u != null && !u.isDisabled());
    }

    public List<ServerApiKey> apiKeys(String userRef, int offset, int limit) {
        return em.createQuery(
                        "SELECT k FROM ServerApiKey k WHERE k.userRef = :user ORDER BY k.createdAt, k.id",
                        ServerApiKey.class)
                .setParameter("user", userRef)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public ServerApiKey apiKey(String userRef, String keyId) throws AdminException {
        ServerApiKey key = em.find(ServerApiKey.class, keyId);
        if (key == null || !key.getUserRef().equals(userRef)) {
            throw AdminException.notFound("API key", keyId);
        }
        return key;
    }

    @Transactional(rollbackOn = AdminException.class)
    public NewApiKey createApiKey(String userRef, String name, boolean enabled) throws AdminException {
        long count = em.createQuery("SELECT COUNT(k) FROM ServerApiKey k WHERE k.userRef = :user", Long.class)
                .setParameter("user", userRef)
                .getSingleResult();
        if (count >= MAX_KEYS_PER_USER) {
            throw AdminException.conflict(
                    "too_many_api_keys", "a user may have at most " + MAX_KEYS_PER_USER + " API keys");
        }
        // the prefix lets secret scanners and people tell a Tandem API key at a glance
        String secret = "tdk_" + Ids.newSecret(SECRET_BYTES);
        ServerApiKey key = new ServerApiKey(userRef, name, SecretHash.of(secret), enabled, Instant.now());
        em.persist(key);
        LOG.log(Level.INFO, "Created API key {0} ({1})", new Object[] {key.getId(), name});
        return new NewApiKey(key, secret);
    }

    @Transactional(rollbackOn = AdminException.class)
    public ServerApiKey updateApiKey(String userRef, String keyId, String name, boolean enabled) throws AdminException {
        ServerApiKey key = apiKey(userRef, keyId);
        key.setName(name);
        key.setEnabled(enabled);
        return key;
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteApiKey(String userRef, String keyId) throws AdminException {
        em.remove(apiKey(userRef, keyId));
    }

    private Duration sessionTimeout() {
        return Duration.ofMinutes(config.getLong(ServerConfigService.SESSION_TIMEOUT));
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
