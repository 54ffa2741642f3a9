package dev.tandem.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store of the server users' credentials: session tokens, bearer tokens and API keys, each known only by its {@link
 * dev.tandem.security.SecretHash}. Services know it by this interface; CDI gives them {@link
 * JpaServerCredentialRepository}. Every method, reads too, joins the caller's transaction or runs in its own (see
 * {@link dev.tandem.persistence}).
 */
public interface ServerCredentialRepository {

    /** A stored session token: whose it is and when it expires. */
    record SessionTokenRow(String username, Instant expiresAt) {}

    // ---- session tokens

    void addSessionToken(String tokenHash, String userRef, Instant createdAt, Instant expiresAt);

    Optional<SessionTokenRow> findSessionToken(String tokenHash);

    void setSessionTokenExpiry(String tokenHash, Instant expiresAt);

    void deleteSessionToken(String tokenHash);

    /** Deletes the user's session tokens that expired before {@code now}. */
    void deleteExpiredSessionTokens(String userRef, Instant now);

    // ---- bearer tokens

    /** Replaces the user's bearer token. */
    void setBearerTokenHash(String userRef, String tokenHash);

    Optional<ServerUser> findByBearerTokenHash(String tokenHash);

    // ---- API keys

    Optional<ServerApiKey> findApiKeyByHash(String keyHash);

    Optional<ServerApiKey> findApiKey(String keyId);

    /** One page of the user's API keys, oldest first. */
    List<ServerApiKey> findApiKeys(String userRef, int offset, int limit);

    long countApiKeys(String userRef);

    ServerApiKey createApiKey(String userRef, String name, String keyHash, boolean enabled, Instant createdAt);

    /** Renames and enables or disables a key; returns it as changed. */
    ServerApiKey updateApiKey(ServerApiKey key, String name, boolean enabled);

    void setApiKeyLastUsed(ServerApiKey key, Instant at);

    void deleteApiKey(ServerApiKey key);
}
