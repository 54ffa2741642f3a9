/**
 * Per-domain admin resources under {@code /domains/{namespace}/{domainId}}: the domain itself, its availability,
 * users, groups, JWT keys, settings, sessions, statistics, admin tokens, and collections, models and model queries.
 * Every resource checks access to the domain first ({@code DomainAccess}) and calls a {@code tenant},
 * {@code identity} or {@code model} service; model edits go through the model's single writer
 * ({@code ModelService}).
 */
package dev.tandem.interfaces.rest.domain;
