/**
 * The admin REST interface under {@code /api/rest}: JAX-RS resources over the application services, path-compatible
 * with Convergence's REST API and answering in its envelope ({@code {"ok":true,"body":...}}, errors
 * {@code {"ok":false,"body":{"error_code","error_message","error_details"}}}) so that tools written for Convergence
 * keep working.
 *
 * <p>This package holds what every resource shares: {@link dev.tandem.interfaces.rest.AuthenticationFilter} (session
 * tokens, bearer tokens, API keys, SSO JWTs), the envelope, role checks, paging and the exception mappers that keep
 * stack traces in the log ({@link dev.tandem.interfaces.rest.ErrorMappers.Refused} is the one mapping of a
 * capability's {@link dev.tandem.common.Refusal} to a status and error code). The resources live in {@code .server} and {@code .domain}.
 */
package dev.tandem.interfaces.rest;
