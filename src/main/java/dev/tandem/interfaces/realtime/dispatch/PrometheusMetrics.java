package dev.tandem.interfaces.realtime.dispatch;

import dev.tandem.interfaces.realtime.connection.ConnectionRegistry;
import dev.tandem.model.ModelService;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.ToDoubleFunction;

/**
 * Publishes {@link RealtimeMetrics} in Prometheus' text format, served by the application itself at
 * {@code /api/metrics} ({@code dev.tandem.interfaces.health.MetricsServlet}) on every target: connected sessions and
 * open models (gauges), acknowledged operations (a counter, and a per-second gauge over the last
 * {@value RealtimeMetrics#WINDOW_SECONDS} seconds), acknowledgement latency (a histogram in seconds, from submission
 * to acknowledgement), errors answered to clients (a counter) and the operation log's counts.
 *
 * <p>Why not the server's metrics API: MicroProfile Metrics is on Payara but gone from WildFly since 28, whose
 * Micrometer subsystem Payara lacks; no metrics API exists on all three targets. The application therefore counts
 * with the Prometheus project's own Java client ({@code io.prometheus:prometheus-metrics-core}, inside the WAR) in a
 * registry of its own, and serves the text format itself: the same names, types and path everywhere.
 */
@ApplicationScoped
public class PrometheusMetrics implements MetricsSink {

    /** Upper bounds (seconds) of the acknowledgement latency's buckets: from half a millisecond to 5 s. */
    static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
    };

    @Inject
    ConnectionRegistry connections;

    @Inject
    ModelService models;

    @Inject
    RealtimeMetrics realtime;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private Counter operations;
    private Counter errors;
    private Histogram ackLatency;

    @PostConstruct
    void register() {
        gauge("tandem_connected_sessions", "Realtime connections open on this node", connections, c -> c.size());
        gauge("tandem_open_models", "Models loaded in memory on this node", models, m -> m.openModels());
        gauge(
                "tandem_operations_rate_per_second",
                "Operations acknowledged per second, averaged over the last " + RealtimeMetrics.WINDOW_SECONDS + " s",
                realtime,
                RealtimeMetrics::operationsPerSecond);
        // How well commits are shared: operations per transaction is what group commit buys.
        gauge(
                "tandem_log_transactions",
                "Transactions that appended to the operation log since start",
                models,
                m -> m.operationLogCounts().transactions());
        gauge(
                "tandem_log_batches",
                "Model batches appended to the operation log since start",
                models,
                m -> m.operationLogCounts().batches());
        gauge(
                "tandem_log_operations",
                "Operations appended to the operation log since start",
                models,
                m -> m.operationLogCounts().operations());
        gauge(
                "tandem_log_filed",
                "Operations moved from the operation log into each model's log since start",
                models,
                m -> m.operationLogCounts().filed());
        gauge(
                "tandem_log_unfiled",
                "Committed operations waiting to be filed into each model's log (at least)",
                models,
                m -> m.operationLogCounts().unfiled());
        // Exemplars off: they would look for a trace on every recording, on the operation path.
        operations = (Counter) Counter.builder()
                .name("tandem_operations")
                .help("Model operations acknowledged")
                .withoutExemplars()
                .build();
        errors = (Counter) Counter.builder()
                .name("tandem_errors")
                .help("Error answers sent to realtime clients")
                .withoutExemplars()
                .build();
        ackLatency = (Histogram) Histogram.builder()
                .name("tandem_ack_latency_seconds")
                .help("Time from receiving an operation to sending its acknowledgement")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .withoutExemplars()
                .build();
        registry.register(operations);
        registry.register(errors);
        registry.register(ackLatency);
    }

    private <T> void gauge(String name, String help, T source, ToDoubleFunction<T> value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.applyAsDouble(source)))
                .register(registry);
    }

    /** Registers the metrics at start, so they are listed before the first connection. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        connections.size(); // touches this bean's dependencies; @PostConstruct has run
    }

    /** Content type of {@link #write}'s output: Prometheus text format 0.0.4. */
    public String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** Writes every metric's current value in Prometheus' text format. */
    public void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    @Override
    public void acknowledged(long nanos) {
        operations.inc();
        ackLatency.observe(nanos / 1e9);
    }

    @Override
    public void error() {
        errors.inc();
    }
}
