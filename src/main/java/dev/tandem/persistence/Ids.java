package dev.tandem.persistence;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Identifiers made by the application rather than by the database, so inserts need no database-specific identity
 * or sequence support and an entity has its key before it is persisted.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Ids() {}

    /** A new row key (a random UUID, 36 characters). */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * A secret that cannot be guessed: {@code bytes} random bytes from {@link SecureRandom}, URL-safe Base64 without
     * padding (so it travels unchanged in URLs, headers and protobuf strings).
     */
    public static String newSecret(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return URL_SAFE.encodeToString(buffer);
    }
}
