/**
 * Server administration: the server's own (administrative) users, their roles, their credentials, single sign-on,
 * server-wide settings, the administration of namespaces and domains, and the bootstrap of a fresh installation.
 *
 * <p>{@link dev.tandem.admin.ServerUserService} (server users, their roles on namespaces and domains, favourite
 * domains; stored as {@link dev.tandem.admin.ServerUser}, {@link dev.tandem.admin.ServerUserRole} and
 * favourite rows through the store {@link dev.tandem.admin.ServerUserRepository}),
 * {@link dev.tandem.admin.AdminCredentials} (session tokens, bearer tokens, API keys such as
 * {@link dev.tandem.admin.ServerApiKey}, through {@link dev.tandem.admin.ServerCredentialRepository}; only
 * {@link dev.tandem.security.SecretHash}es are stored), {@link dev.tandem.admin.SsoVerifier} (corporate single
 * sign-on JWTs; a token acts only as the account its issuer and subject own, never as a local account),
 * {@link dev.tandem.admin.DomainAdministration} (namespaces and domains: create, delete, availability, keys,
 * statistics, admin tokens) and {@link dev.tandem.admin.ServerConfigService} (server-wide settings, through
 * {@link dev.tandem.admin.ServerConfigRepository}). Each store is an interface whose JPA implementation
 * ({@code Jpa...}) alone holds the entity manager; the services keep the logic and the transactions. What a caller
 * may do is an {@link dev.tandem.admin.AccessProfile} (a {@link dev.tandem.admin.ServerRole} plus
 * {@link dev.tandem.admin.TargetRole}s on namespaces and domains); expected refusals are
 * {@link dev.tandem.admin.AdminException}s, which the administration services of other capabilities ({@code chat},
 * {@code activity}, {@code identity}) throw too. {@link dev.tandem.admin.ServerUsernames} is the one rule for server
 * usernames, however the account is made.
 *
 * <p>{@link dev.tandem.admin.TenantBootstrap} lives here, not in {@code tenant}, because making a fresh installation
 * usable creates the server administrator as well as the default domain, and applies the seed file; placed in
 * {@code tenant} it would make {@code tenant} and {@code admin} depend on each other.
 *
 * <p>Dependencies: this package imports {@code dev.tandem.tenant}, {@code dev.tandem.security},
 * {@code dev.tandem.persistence} and {@code dev.tandem.common} (its refusals are {@code Refusal}s) of Tandem (and
 * Jakarta EE, MicroProfile). It must not import {@code dev.tandem.interfaces..} nor the capabilities that build on
 * it ({@code identity}, {@code model}, {@code chat}, {@code activity}, {@code presence}); {@code tenant} and
 * {@code security} must not import it. The REST adapter ({@code dev.tandem.interfaces.rest..}) is its main user.
 */
package dev.tandem.admin;
