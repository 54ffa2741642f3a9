package dev.tandem.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tandem.security.RsaKeys;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The single sign-on checks that the compat suite's server cannot show, because they need settings it does not use:
 * a configured audience. (The hostile-token table for both login paths is compat/tests/jwt-attacks.test.mjs.)
 */
class SsoVerifierTest {

    private static final KeyPair KEY = RsaKeys.generate();
    private static final String ISSUER = "https://sso.test.example";

    private static SsoVerifier verifier(String audiences) {
        SsoVerifier verifier = new SsoVerifier();
        verifier.issuer = Optional.of(ISSUER);
        verifier.publicKey = Optional.of(RsaKeys.toPem(KEY.getPublic()));
        verifier.publicKeyLocation = Optional.empty();
        verifier.audiences = Optional.ofNullable(audiences);
        verifier.groupsClaim = "groups";
        verifier.roleMapping = Optional.empty();
        verifier.usernamePrefix = Optional.empty();
        verifier.configure();
        assertTrue(verifier.enabled());
        return verifier;
    }

    private static String token(Consumer<JWTClaimsSet.Builder> customize) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("sso-user")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
        customize.accept(claims);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("any")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        jwt.sign(new RSASSASigner(KEY.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void configuredAudienceMustBeNamed() throws Exception {
        SsoVerifier verifier = verifier("tandem, other-app");
        assertEquals(
                "sso-user",
                verifier.verify(token(c -> c.audience("tandem"))).orElseThrow().subject());
        assertTrue(verifier.verify(token(c -> c.audience("other-app"))).isPresent());
        assertFalse(verifier.verify(token(c -> c.audience("SomethingElse"))).isPresent());
        assertFalse(verifier.verify(token(c -> {})).isPresent(), "no aud while one is configured");
    }

    @Test
    void withoutConfiguredAudienceAnyAudienceIsAccepted() throws Exception {
        SsoVerifier verifier = verifier(null);
        assertTrue(verifier.verify(token(c -> c.audience("SomethingElse"))).isPresent());
        assertTrue(verifier.verify(token(c -> {})).isPresent());
    }

    @Test
    void issuedInTheFutureIsRefused() throws Exception {
        SsoVerifier verifier = verifier(null);
        Instant now = Instant.now();
        assertTrue(
                verifier.verify(token(c -> c.issueTime(Date.from(now.plusSeconds(20)))))
                        .isPresent(),
                "within the skew");
        assertFalse(verifier.verify(token(c ->
                        c.issueTime(Date.from(now.plusSeconds(600))).expirationTime(Date.from(now.plusSeconds(1200)))))
                .isPresent());
    }
}
