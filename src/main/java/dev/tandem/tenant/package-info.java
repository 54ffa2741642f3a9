/**
 * Tenancy: namespaces, domains and their configuration, the keys that verify a domain's JWTs, each domain's own
 * admin key pair, and the server's own (administrative) users.
 *
 * <p>A domain is addressed by {@code namespace/domainId}; its rows are keyed by a surrogate {@link
 * dev.tandem.tenant.Domain#getId() id}, which every domain-scoped row elsewhere carries as {@code domain_ref}.
 * {@link dev.tandem.tenant.DomainRepository} is the way in. {@link dev.tandem.tenant.TenantBootstrap} creates the
 * defaults at first start and applies the operator's seed file ({@link dev.tandem.tenant.SeedFile}) at every start;
 * it announces each seeded domain with a {@link dev.tandem.tenant.DomainSeeded} event so that capabilities such as
 * {@code identity} add their part (users, groups) without this package knowing them.
 *
 * <p>The admin side: {@link dev.tandem.tenant.ServerUserService} (server users, their roles on namespaces and
 * domains, favourite domains), {@link dev.tandem.tenant.AdminCredentials} (session tokens, bearer tokens, API keys;
 * only {@link dev.tandem.tenant.SecretHash}es are stored), {@link dev.tandem.tenant.SsoVerifier} (corporate single
 * sign-on JWTs; a token acts only as the account its issuer and subject own, never as a local account), {@link dev.tandem.tenant.DomainAdministration} (namespaces and domains: create, delete, availability,
 * keys, statistics, admin tokens) and {@link dev.tandem.tenant.ServerConfigService} (server-wide settings). What a
 * caller may do is an {@link dev.tandem.tenant.AccessProfile}; expected refusals are
 * {@link dev.tandem.tenant.AdminException}s. {@link dev.tandem.tenant.ServerUsernames} is the one rule for server
 * usernames, however the account is made.
 *
 * <p>{@link dev.tandem.tenant.PasswordHasher} lives here because server users and domain users hash passwords the
 * same way, and {@code identity} builds on {@code tenant}, not the other way round.
 */
package dev.tandem.tenant;
