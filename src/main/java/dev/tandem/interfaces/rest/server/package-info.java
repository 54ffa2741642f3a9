/**
 * Server-wide admin resources: authentication ({@code /auth}), the calling user ({@code /user}, with API keys),
 * server users ({@code /users}), namespaces, roles, server settings ({@code /config}) and utilities. Thin: each
 * checks the caller's role and calls a {@code tenant} service.
 */
package dev.tandem.interfaces.rest.server;
