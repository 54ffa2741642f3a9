package dev.tandem.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tandem.tenant.JwtVerificationKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the JWTs clients log in with, following Convergence's rules, with no container involved.
 *
 * <p>Accepted only: a JWS signed with <b>RS256</b> (so {@code alg:none}, HMAC algorithms, even keyed with the public
 * key's bytes, and every other algorithm are refused before any key is touched); a {@code kid} header naming an
 * enabled key of the domain; an {@code exp} claim not past; an {@code nbf} and an {@code iat}, if present, not in
 * the future; a non-blank {@code sub}; an {@code aud} that contains {@value #AUDIENCE}. Times allow {@link #MAX_CLOCK_SKEW} of
 * skew between the token's issuer and this server. Optional claims {@code displayName}, {@code firstName},
 * {@code lastName}, {@code email} (strings) and {@code groups} (array of strings) are read; a wrong type refuses the
 * token rather than silently dropping the claim.
 *
 * <p>Thread-safe.
 */
public final class JwtVerifier {

    /** The audience a login JWT must be meant for, as in Convergence. */
    public static final String AUDIENCE = "Convergence";

    /** How far apart the issuer's clock and ours may be. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    /** Finds a domain's key by the token's {@code kid}. */
    @FunctionalInterface
    public interface KeyResolver {
        Optional<JwtVerificationKey> find(String keyId);
    }

    private final Clock clock;

    public JwtVerifier() {
        this(Clock.systemUTC());
    }

    public JwtVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * Verifies {@code token} with the keys {@code keys} knows.
     *
     * @throws InvalidJwtException if the token must not log anyone in
     */
    public VerifiedJwt verify(String token, KeyResolver keys) throws InvalidJwtException {
        if (token == null || token.isBlank()) {
            throw new InvalidJwtException("empty token");
        }
        SignedJWT jwt;
        try {
            // Refuses unsecured (alg:none) and encrypted tokens: neither has a JWS header.
            jwt = SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            throw new InvalidJwtException("not a signed JWT: " + e.getMessage(), e);
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(algorithm)) {
            throw new InvalidJwtException("algorithm " + algorithm + " not accepted, only RS256");
        }
        String keyId = jwt.getHeader().getKeyID();
        if (keyId == null || keyId.isBlank()) {
            throw new InvalidJwtException("no kid header");
        }
        JwtVerificationKey key = keys.find(keyId).orElseThrow(() -> new InvalidJwtException("unknown kid " + keyId));
        if (!key.enabled()) {
            throw new InvalidJwtException("key " + keyId + " is disabled");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key.publicKey()))) {
                throw new InvalidJwtException("signature does not verify with key " + keyId);
            }
        } catch (JOSEException e) {
            throw new InvalidJwtException("signature check failed: " + e.getMessage(), e);
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            checkTimes(claims);
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new InvalidJwtException("no sub claim");
            }
            List<String> audience = claims.getAudience();
            if (!audience.contains(AUDIENCE)) {
                throw new InvalidJwtException("aud " + audience + " does not contain " + AUDIENCE);
            }
            List<String> groups = claims.getClaim("groups") == null ? null : claims.getStringListClaim("groups");
            return new VerifiedJwt(
                    keyId,
                    key.adminKey(),
                    subject,
                    claims.getStringClaim("displayName"),
                    claims.getStringClaim("firstName"),
                    claims.getStringClaim("lastName"),
                    claims.getStringClaim("email"),
                    groups == null
                            ? null
                            : groups.stream()
                                    .filter(Objects::nonNull)
                                    .distinct()
                                    .toList());
        } catch (ParseException e) {
            throw new InvalidJwtException("bad claims: " + e.getMessage(), e);
        }
    }

    private void checkTimes(JWTClaimsSet claims) throws InvalidJwtException {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new InvalidJwtException("no exp claim");
        }
        if (now.isAfter(expiry.toInstant().plus(MAX_CLOCK_SKEW))) {
            throw new InvalidJwtException("expired at " + expiry.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(MAX_CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            throw new InvalidJwtException("not valid before " + notBefore.toInstant());
        }
        // A token issued in the future (past the skew) comes from an issuer whose clock is wrong, or was minted ahead
        // to be used later (after a key is meant to be retired, say): neither may log in. Without an nbf claim it
        // would otherwise be valid from now, earlier than its issuer said it exists.
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && now.plus(MAX_CLOCK_SKEW).isBefore(issuedAt.toInstant())) {
            throw new InvalidJwtException("issued in the future, at " + issuedAt.toInstant());
        }
    }
}
