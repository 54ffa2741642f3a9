package dev.tandem.tenant;

import java.security.interfaces.RSAPublicKey;

/**
 * A key that may verify a domain's JWTs, as found by its kid.
 *
 * @param keyId     the kid
 * @param publicKey the RSA public key
 * @param enabled   whether tokens signed with it are accepted now
 * @param adminKey  whether it is the domain's own {@link DomainAdminKey}, whose tokens log in administrators
 */
public record JwtVerificationKey(String keyId, RSAPublicKey publicKey, boolean enabled, boolean adminKey) {}
