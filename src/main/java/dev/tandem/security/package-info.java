/**
 * Cryptographic building blocks shared by tenancy, identity and server administration: {@link
 * dev.tandem.security.PasswordHasher} (the one password hash format of server users and domain users), {@link
 * dev.tandem.security.RsaKeys} (PEM parsing and RSA key generation for JWT verification keys and domain admin keys)
 * and {@link dev.tandem.security.SecretHash} (the stored digest of session tokens, bearer tokens and API keys, whose
 * clear text is never kept).
 *
 * <p>Dependencies: the JDK only; no Jakarta and no other Tandem package, so that {@code tenant}, {@code identity},
 * {@code admin} and the REST adapter can all use it without depending on each other. Nothing here knows users,
 * domains or requests.
 */
package dev.tandem.security;
