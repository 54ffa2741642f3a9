package dev.tandem.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA256 from the JDK, so no extra library is needed.
 *
 * <p>Stored form: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in Base64 without padding). The
 * algorithm and work factor travel with each hash, so the default can rise later: {@link #needsRehash(String)} tells
 * when a stored hash is weaker than today's setting, and old hashes keep verifying meanwhile.
 *
 * <p>Thread-safe and cheap to create.
 */
public final class PasswordHasher {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String JCA_ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final int iterations;
    // Checked when there is no user: the same work as a real check, so timing does not tell which usernames exist.
    private final String decoy;

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** A hasher with another work factor; lower values are for tests only. */
    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
        this.decoy = format(iterations, new byte[SALT_BYTES], new byte[HASH_BITS / 8]);
    }

    /** A new hash of {@code password} with a fresh random salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return format(iterations, salt, derive(password, salt, iterations, HASH_BITS));
    }

    /**
     * Whether {@code password} matches {@code stored}. A {@code null} or malformed stored value never matches (and
     * still costs a full check). The comparison takes the same time wherever the first difference is.
     */
    public boolean verify(String password, String stored) {
        if (password == null) {
            password = "";
        }
        Parsed parsed = parse(stored);
        if (parsed == null) {
            parsed = parse(decoy);
            derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8);
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /** Whether {@code stored} was made with a weaker setting than this hasher's (or cannot be read). */
    public boolean needsRehash(String stored) {
        Parsed parsed = parse(stored);
        return parsed == null || parsed.iterations < iterations;
    }

    private static String format(int iterations, byte[] salt, byte[] hash) {
        return SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    private static Parsed parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = DECODER.decode(parts[2]);
            byte[] hash = DECODER.decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || hash.length == 0) {
                return null;
            }
            return new Parsed(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance(JCA_ALGORITHM)
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            // every Java 17 runtime ships this algorithm
            throw new IllegalStateException(JCA_ALGORITHM + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    @Override
    public String toString() {
        return "PasswordHasher[" + SCHEME + ", " + iterations + " iterations]";
    }
}
