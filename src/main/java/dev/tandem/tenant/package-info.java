/**
 * Tenancy: namespaces, domains and their configuration, the keys that verify a domain's JWTs, each domain's own
 * admin key pair, and the operator's seed file.
 *
 * <p>A domain is addressed by {@code namespace/domainId}; its rows are keyed by a surrogate {@link
 * dev.tandem.tenant.Domain#getId() id}, which every domain-scoped row elsewhere carries as {@code domain_ref}.
 * {@link dev.tandem.tenant.DomainRepository} is the way in: a store interface, implemented on JPA by
 * {@link dev.tandem.tenant.JpaDomainRepository}, the only class here that holds the entity manager. The seed file ({@link dev.tandem.tenant.SeedFile}) is
 * read here and applied at every start by {@link dev.tandem.admin.TenantBootstrap}, which announces each seeded
 * domain with a {@link dev.tandem.tenant.DomainSeeded} event so that capabilities such as {@code identity} add their
 * part (users, groups) without this package knowing them. A change of a domain's
 * {@link dev.tandem.tenant.DomainStatus} is announced as a {@link dev.tandem.tenant.DomainStatusChanged} event.
 *
 * <p>Who may administer namespaces and domains, and how (server users, roles, {@code DomainAdministration}), is
 * {@code dev.tandem.admin}, which builds on this package.
 *
 * <p>Dependencies: this package imports only {@code dev.tandem.persistence} and {@code dev.tandem.security} of Tandem
 * (and Jakarta EE). It must not import {@code dev.tandem.admin}, any other capability ({@code identity},
 * {@code model}, {@code chat}, {@code activity}, {@code presence}) nor {@code dev.tandem.interfaces..}; all of those
 * may import it.
 */
package dev.tandem.tenant;
