package dev.tandem.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a server-made secret (session token, bearer token, API key), as stored. These secrets carry 256 random
 * bits, so a slow password hash would add nothing but cost on every request; a fast digest keeps a leaked table from
 * granting access.
 */
public final class SecretHash {

    private SecretHash() {}

    /** Lower-case hex SHA-256 of {@code secret}'s UTF-8 bytes (64 characters). */
    public static String of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
