/**
 * Delivery channels: {@code realtime} (the Convergence WebSocket protocol) and {@code rest} (the admin API).
 * They translate between the wire and the application services; they decide nothing themselves.
 */
package dev.tandem.interfaces;
