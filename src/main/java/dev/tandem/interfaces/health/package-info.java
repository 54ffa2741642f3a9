/**
 * MicroProfile Health checks, served by the runtime at {@code /health}, {@code /health/live} and
 * {@code /health/ready}. Metrics of the realtime side live in {@link dev.tandem.interfaces.realtime.dispatch.RealtimeMetrics}
 * and are served at {@code /metrics}.
 */
package dev.tandem.interfaces.health;
