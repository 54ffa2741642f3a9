/**
 * Per-domain admin resources under {@code /domains/{namespace}/{domainId}}: the domain itself, its availability,
 * users, groups, JWT keys, settings, sessions, statistics and admin tokens. Every resource checks access to the
 * domain first ({@code DomainAccess}) and calls a {@code tenant} or {@code identity} service.
 */
package dev.tandem.interfaces.rest.domain;
