/**
 * What operators probe: MicroProfile Health checks, served by the runtime at {@code /health}, {@code /health/live}
 * and {@code /health/ready} (on WildFly, on its management port), and {@link
 * dev.tandem.interfaces.health.MetricsServlet}, Tandem's metrics at {@code /api/metrics} in Prometheus' text format on
 * every target (counted in {@link dev.tandem.interfaces.realtime.dispatch.RealtimeMetrics}).
 */
package dev.tandem.interfaces.health;
