package dev.tandem.security;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA keys to and from PEM text with the JDK alone. Public keys are read from {@code PUBLIC KEY} (X.509
 * SubjectPublicKeyInfo, what {@code openssl rsa -pubout} writes) or from a {@code CERTIFICATE}; private keys are
 * PKCS#8 {@code PRIVATE KEY}.
 */
public final class RsaKeys {

    private static final int KEY_BITS = 2048;
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private RsaKeys() {}

    /** A new 2048-bit RSA key pair. */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /**
     * The RSA public key in {@code pem}.
     *
     * @throws IllegalArgumentException if the text holds no RSA public key or certificate
     */
    public static RSAPublicKey parsePublicKey(String pem) {
        Matcher block = block(pem);
        byte[] der = decode(block);
        try {
            PublicKey key = switch (block.group(1)) {
                case "PUBLIC KEY" -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
                case "CERTIFICATE" ->
                    CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der))
                            .getPublicKey();
                default ->
                    throw new IllegalArgumentException(
                            "expected a PUBLIC KEY or CERTIFICATE PEM block, found " + block.group(1));
            };
            if (key instanceof RSAPublicKey rsa) {
                return rsa;
            }
            throw new IllegalArgumentException("not an RSA key: " + key.getAlgorithm());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable public key: " + e.getMessage(), e);
        }
    }

    /**
     * The RSA private key in a PKCS#8 PEM block.
     *
     * @throws IllegalArgumentException if the text holds no PKCS#8 RSA private key
     */
    public static RSAPrivateKey parsePrivateKey(String pem) {
        Matcher block = block(pem);
        if (!"PRIVATE KEY".equals(block.group(1))) {
            throw new IllegalArgumentException("expected a PRIVATE KEY PEM block, found " + block.group(1));
        }
        try {
            return (RSAPrivateKey)
                    KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decode(block)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("unreadable private key: " + e.getMessage(), e);
        }
    }

    private static Matcher block(String pem) {
        Matcher matcher = PEM.matcher(pem == null ? "" : pem);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no PEM block found");
        }
        return matcher;
    }

    private static byte[] decode(Matcher block) {
        try {
            return Base64.getMimeDecoder().decode(block.group(2).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not Base64", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
