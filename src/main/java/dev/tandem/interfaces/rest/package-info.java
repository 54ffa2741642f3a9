/**
 * The REST interface under {@code /api/rest}: JAX-RS resources over the application services, answering in
 * Convergence's envelope ({@code {"ok":true,"body":...}}) so that tools written for Convergence keep working.
 */
package dev.tandem.interfaces.rest;
