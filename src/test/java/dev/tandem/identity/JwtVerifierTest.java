package dev.tandem.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tandem.security.RsaKeys;
import dev.tandem.tenant.JwtVerificationKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The JWT verification matrix, with keys and tokens made here. */
class JwtVerifierTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final KeyPair KEY = RsaKeys.generate();
    private static final KeyPair DISABLED_KEY = RsaKeys.generate();
    private static final KeyPair ADMIN_KEY = RsaKeys.generate();
    private static final KeyPair STRANGER = RsaKeys.generate();

    private final JwtVerifier verifier = new JwtVerifier(Clock.fixed(NOW, ZoneOffset.UTC));

    private final Map<String, JwtVerificationKey> keys = Map.of(
            "app", new JwtVerificationKey("app", (RSAPublicKey) KEY.getPublic(), true, false),
            "old", new JwtVerificationKey("old", (RSAPublicKey) DISABLED_KEY.getPublic(), false, false),
            "ConvergenceAdminKey",
                    new JwtVerificationKey("ConvergenceAdminKey", (RSAPublicKey) ADMIN_KEY.getPublic(), true, true));
    private final JwtVerifier.KeyResolver resolver = kid -> Optional.ofNullable(keys.get(kid));

    @Test
    void validTokenWithClaims() throws Exception {
        VerifiedJwt jwt = verifier.verify(
                token(
                        KEY,
                        "app",
                        c -> c.claim("firstName", "Alice")
                                .claim("lastName", "A")
                                .claim("displayName", "Alice A")
                                .claim("email", "alice@example.com")
                                .claim("groups", List.of("eng", "ops"))),
                resolver);
        assertEquals("alice", jwt.subject());
        assertEquals("app", jwt.keyId());
        assertFalse(jwt.adminKey());
        assertEquals("Alice", jwt.firstName());
        assertEquals("A", jwt.lastName());
        assertEquals("Alice A", jwt.displayName());
        assertEquals("alice@example.com", jwt.email());
        assertEquals(List.of("eng", "ops"), jwt.groups());
    }

    @Test
    void optionalClaimsAbsent() throws Exception {
        VerifiedJwt jwt = verifier.verify(token(KEY, "app", c -> {}), resolver);
        assertNull(jwt.displayName());
        assertNull(jwt.groups(), "absent groups must not clear memberships");
    }

    @Test
    void adminKeyIsFlagged() throws Exception {
        assertTrue(verifier.verify(token(ADMIN_KEY, "ConvergenceAdminKey", c -> {}), resolver)
                .adminKey());
    }

    @Test
    void audienceMayBeOneOfSeveral() throws Exception {
        verifier.verify(token(KEY, "app", c -> c.audience(List.of("other", "Convergence"))), resolver);
    }

    @Test
    void expired() {
        assertInvalid(token(KEY, "app", c -> c.expirationTime(Date.from(NOW.minusSeconds(31)))), "expired");
    }

    @Test
    void clockSkewToleratedUpTo30Seconds() throws Exception {
        verifier.verify(token(KEY, "app", c -> c.expirationTime(Date.from(NOW.minusSeconds(29)))), resolver);
        verifier.verify(token(KEY, "app", c -> c.notBeforeTime(Date.from(NOW.plusSeconds(29)))), resolver);
        assertInvalid(token(KEY, "app", c -> c.notBeforeTime(Date.from(NOW.plusSeconds(31)))), "not valid before");
    }

    @Test
    void issuedInTheFuture() throws Exception {
        verifier.verify(token(KEY, "app", c -> c.issueTime(Date.from(NOW.plusSeconds(29)))), resolver);
        assertInvalid(token(KEY, "app", c -> c.issueTime(Date.from(NOW.plusSeconds(31)))), "issued in the future");
    }

    @Test
    void wrongAudience() {
        assertInvalid(token(KEY, "app", c -> c.audience("Elsewhere")), "aud");
        assertInvalid(token(KEY, "app", c -> c.audience((String) null)), "aud");
    }

    @Test
    void unknownKid() {
        assertInvalid(token(KEY, "nope", c -> {}), "unknown kid");
    }

    @Test
    void missingKid() {
        assertInvalid(token(KEY, null, c -> {}), "no kid");
    }

    @Test
    void disabledKey() {
        assertInvalid(token(DISABLED_KEY, "old", c -> {}), "disabled");
    }

    @Test
    void signedByAnotherKey() {
        assertInvalid(token(STRANGER, "app", c -> {}), "signature");
    }

    @Test
    void algNone() {
        String unsigned = new PlainJWT(claims(c -> {}).build()).serialize();
        assertInvalid(unsigned, "not a signed JWT");
        // the same, dressed as a JWS with an RS256-looking header but an empty signature
        String[] parts = token(KEY, "app", c -> {}).split("\\.");
        assertInvalid(
                Base64URL.encode("{\"alg\":\"none\",\"kid\":\"app\"}") + "." + parts[1] + ".", "not a signed JWT");
        assertInvalid(parts[0] + "." + parts[1] + ".", "not a signed JWT");
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() throws Exception {
        // the classic key-confusion attack: HMAC "secret" = the public key as the server stores it
        byte[] secret = RsaKeys.toPem(KEY.getPublic()).getBytes(StandardCharsets.UTF_8);
        assertInvalid(
                sign(
                        new MACSigner(secret),
                        JWSAlgorithm.HS256,
                        "app",
                        claims(c -> {}).build()),
                "HS256");
        assertInvalid(
                sign(
                        new MACSigner(KEY.getPublic().getEncoded()),
                        JWSAlgorithm.HS256,
                        "app",
                        claims(c -> {}).build()),
                "HS256");
    }

    @Test
    void otherRsaAlgorithmsAreRefused() throws Exception {
        assertInvalid(
                sign(
                        new RSASSASigner(KEY.getPrivate()),
                        JWSAlgorithm.RS512,
                        "app",
                        claims(c -> {}).build()),
                "RS512");
        assertInvalid(
                sign(
                        new RSASSASigner(KEY.getPrivate()),
                        JWSAlgorithm.PS256,
                        "app",
                        claims(c -> {}).build()),
                "PS256");
    }

    @Test
    void missingSub() {
        assertInvalid(token(KEY, "app", c -> c.subject(null)), "no sub");
        assertInvalid(token(KEY, "app", c -> c.subject(" ")), "no sub");
    }

    @Test
    void missingExp() {
        assertInvalid(token(KEY, "app", c -> c.expirationTime(null)), "no exp");
    }

    @Test
    void claimOfWrongTypeIsRefused() {
        assertInvalid(token(KEY, "app", c -> c.claim("groups", "eng")), "bad claims");
        assertInvalid(token(KEY, "app", c -> c.claim("email", 42)), "bad claims");
    }

    @Test
    void tamperedPayload() {
        String[] parts = token(KEY, "app", c -> {}).split("\\.");
        String other = Base64URL.encode(
                        claims(c -> c.subject("mallory")).build().toString())
                .toString();
        assertInvalid(parts[0] + "." + other + "." + parts[2], "signature");
    }

    @Test
    void garbage() {
        assertInvalid(null, "empty");
        assertInvalid("", "empty");
        assertInvalid("a.b.c", "not a signed JWT");
    }

    private void assertInvalid(String token, String reasonPart) {
        InvalidJwtException e = assertThrows(InvalidJwtException.class, () -> verifier.verify(token, resolver));
        assertTrue(e.getMessage().contains(reasonPart), () -> "expected '" + reasonPart + "' in: " + e.getMessage());
    }

    private static JWTClaimsSet.Builder claims(Consumer<JWTClaimsSet.Builder> customize) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject("alice")
                .audience("Convergence")
                .issueTime(Date.from(NOW.minusSeconds(5)))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
        customize.accept(builder);
        return builder;
    }

    private static String token(KeyPair key, String kid, Consumer<JWTClaimsSet.Builder> customize) {
        try {
            return sign(
                    new RSASSASigner(key.getPrivate()),
                    JWSAlgorithm.RS256,
                    kid,
                    claims(customize).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
