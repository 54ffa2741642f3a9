package dev.tandem.admin;

import dev.tandem.persistence.Ids;
import dev.tandem.security.PasswordHasher;
import dev.tandem.security.SecretHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
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

    @Inject
    ServerCredentialRepository credentials;

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
        credentials.addSessionToken(SecretHash.of(token), user.get().getId(), now, now.plus(timeout));
        // expired tokens of this user go now, so the table does not grow with logins that never log out
        credentials.deleteExpiredSessionTokens(user.get().getId(), now);
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
        credentials.setSessionTokenExpiry(SecretHash.of(token), Instant.now().plus(sessionTimeout()));
        return users.find(state.get().username()).filter(u -> !u.isDisabled());
    }

    /** Whether a session token is valid, for whom and for how long; does not extend it. */
    public Optional<SessionTokenState> validate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<ServerCredentialRepository.SessionTokenRow> row = credentials.findSessionToken(SecretHash.of(token));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Duration left = Duration.between(Instant.now(), row.get().expiresAt());
        return left.isNegative()
                ? Optional.empty()
                : Optional.of(new SessionTokenState(row.get().username(), left));
    }

    @Transactional
    public void logout(String token) {
        if (token != null) {
            credentials.deleteSessionToken(SecretHash.of(token));
        }
    }

    /** Makes a new bearer token for the user; the previous one stops working. */
    @Transactional
    public String regenerateBearerToken(String userRef) {
        String token = Ids.newSecret(SECRET_BYTES);
        credentials.setBearerTokenHash(userRef, SecretHash.of(token));
        return token;
    }

    public Optional<ServerUser> useBearerToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        // the hash is unique (a unique index): at most one user to check
        return credentials.findByBearerTokenHash(SecretHash.of(token)).filter(u -> !u.isDisabled());
    }

    // ---- API keys

    /** The owner of an enabled API key; records when it was last used. */
    @Transactional
    public Optional<ServerUser> useApiKey(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        // the hash is unique (a unique constraint): at most one key to check
        Optional<ServerApiKey> key =
                credentials.findApiKeyByHash(SecretHash.of(secret)).filter(ServerApiKey::isEnabled);
        key.ifPresent(k -> credentials.setApiKeyLastUsed(k, Instant.now()));
        return key.flatMap(k -> users.findById(k.getUserRef())).filter(u -> !u.isDisabled());
    }

    public List<ServerApiKey> apiKeys(String userRef, int offset, int limit) {
        return credentials.findApiKeys(userRef, offset, limit);
    }

    public ServerApiKey apiKey(String userRef, String keyId) throws AdminException {
        ServerApiKey key = credentials.findApiKey(keyId).orElse(null);
        if (key == null || !key.getUserRef().equals(userRef)) {
            throw AdminException.notFound("API key", keyId);
        }
        return key;
    }

    @Transactional(rollbackOn = AdminException.class)
    public NewApiKey createApiKey(String userRef, String name, boolean enabled) throws AdminException {
        long count = credentials.countApiKeys(userRef);
        if (count >= MAX_KEYS_PER_USER) {
            throw AdminException.conflict(
                    "too_many_api_keys", "a user may have at most " + MAX_KEYS_PER_USER + " API keys");
        }
        // the prefix lets secret scanners and people tell a Tandem API key at a glance
        String secret = "tdk_" + Ids.newSecret(SECRET_BYTES);
        ServerApiKey key = credentials.createApiKey(userRef, name, SecretHash.of(secret), enabled, Instant.now());
        LOG.log(Level.INFO, "Created API key {0} ({1})", new Object[] {key.getId(), name});
        return new NewApiKey(key, secret);
    }

    @Transactional(rollbackOn = AdminException.class)
    public ServerApiKey updateApiKey(String userRef, String keyId, String name, boolean enabled) throws AdminException {
        return credentials.updateApiKey(apiKey(userRef, keyId), name, enabled);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteApiKey(String userRef, String keyId) throws AdminException {
        credentials.deleteApiKey(apiKey(userRef, keyId));
    }

    private Duration sessionTimeout() {
        return Duration.ofMinutes(config.getLong(ServerConfigService.SESSION_TIMEOUT));
    }
}
