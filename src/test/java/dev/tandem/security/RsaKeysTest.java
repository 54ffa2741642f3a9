package dev.tandem.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class RsaKeysTest {

    private static final KeyPair PAIR = RsaKeys.generate();

    @Test
    void pemRoundTrip() {
        String publicPem = RsaKeys.toPem(PAIR.getPublic());
        String privatePem = RsaKeys.toPem(PAIR.getPrivate());
        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), publicPem);
        assertEquals(PAIR.getPublic(), RsaKeys.parsePublicKey(publicPem));
        assertEquals(PAIR.getPrivate(), RsaKeys.parsePrivateKey(privatePem));
    }

    @Test
    void toleratesSurroundingTextAndCarriageReturns() {
        String pem = "key:\r\n" + RsaKeys.toPem(PAIR.getPublic()).replace("\n", "\r\n") + "trailing";
        assertEquals(PAIR.getPublic(), RsaKeys.parsePublicKey(pem));
    }

    @Test
    void refusesWhatIsNoPublicKey() {
        assertThrows(IllegalArgumentException.class, () -> RsaKeys.parsePublicKey(null));
        assertThrows(IllegalArgumentException.class, () -> RsaKeys.parsePublicKey("not a key"));
        assertThrows(IllegalArgumentException.class, () -> RsaKeys.parsePublicKey(RsaKeys.toPem(PAIR.getPrivate())));
        assertThrows(
                IllegalArgumentException.class,
                () -> RsaKeys.parsePublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
    }
}
