package dev.tandem.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    // A low work factor keeps the test fast; the format and the code path are the same.
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void roundTrip() {
        String hash = hasher.hash("correct horse");
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
        assertTrue(hasher.verify("correct horse", hash));
    }

    @Test
    void wrongPasswordFails() {
        String hash = hasher.hash("correct horse");
        assertFalse(hasher.verify("correct horsE", hash));
        assertFalse(hasher.verify("", hash));
        assertFalse(hasher.verify(null, hash));
    }

    @Test
    void saltMakesEveryHashDifferent() {
        assertNotEquals(hasher.hash("pw"), hasher.hash("pw"));
    }

    @Test
    void unicodePasswords() {
        String hash = hasher.hash("pässwörd-密码-🔑");
        assertTrue(hasher.verify("pässwörd-密码-🔑", hash));
        assertFalse(hasher.verify("passwort-密码-🔑", hash));
    }

    @Test
    void malformedOrMissingHashNeverMatches() {
        assertFalse(hasher.verify("pw", null));
        assertFalse(hasher.verify("pw", ""));
        assertFalse(hasher.verify("pw", "pw"));
        assertFalse(hasher.verify("pw", "md5$1$abc$def"));
        assertFalse(hasher.verify("pw", "pbkdf2-sha256$x$abc$def"));
        assertFalse(hasher.verify("pw", "pbkdf2-sha256$1000$!!$!!"));
    }

    @Test
    void weakerHashesStillVerifyAndAskForRehash() {
        String old = new PasswordHasher(500).hash("pw");
        assertTrue(hasher.verify("pw", old));
        assertTrue(hasher.needsRehash(old));
        assertFalse(hasher.needsRehash(hasher.hash("pw")));
        assertTrue(hasher.needsRehash("garbage"));
    }

    @Test
    void defaultWorkFactorIsOwaspFigure() {
        String hash = new PasswordHasher().hash("pw");
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
    }
}
