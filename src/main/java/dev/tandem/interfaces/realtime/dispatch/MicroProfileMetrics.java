package dev.tandem.interfaces.realtime.dispatch;

import dev.tandem.interfaces.realtime.connection.ConnectionRegistry;
import dev.tandem.model.ModelService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Publishes {@link RealtimeMetrics} as MicroProfile metrics, served by the runtime at {@code /metrics} (Prometheus
 * text): connected sessions and open models (gauges), acknowledged operations (a counter, and a per-second gauge over
 * the last {@value RealtimeMetrics#WINDOW_SECONDS} seconds), acknowledgement latency (a timer from submission to
 * acknowledgement), errors answered to clients (a counter) and the operation log's counts.
 *
 * <p>Apart from {@link RealtimeMetrics} because MicroProfile Metrics is not on every target: Payara has it, WildFly
 * (since 28) does not. Where its API is missing, CDI ignores this class, the application deploys all the same, and
 * {@link RealtimeMetrics} counts without publishing.
 */
@ApplicationScoped
public class MicroProfileMetrics implements MetricsSink {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    @Inject
    ConnectionRegistry connections;

    @Inject
    ModelService models;

    @Inject
    RealtimeMetrics realtime;

    private Counter operations;
    private Counter errors;
    private Timer ackLatency;

    @PostConstruct
    void register() {
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.connected.sessions")
                        .withDescription("Realtime connections open on this node")
                        .build(),
                connections,
                c -> c.size());
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.open.models")
                        .withDescription("Models loaded in memory on this node")
                        .build(),
                models,
                m -> m.openModels());
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.operations.rate")
                        .withDescription("Operations acknowledged per second, averaged over the last "
                                + RealtimeMetrics.WINDOW_SECONDS + " s")
                        .withUnit(MetricUnits.PER_SECOND)
                        .build(),
                realtime,
                RealtimeMetrics::operationsPerSecond);
        // How well commits are shared: operations per transaction is what group commit buys.
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.log.transactions")
                        .withDescription("Transactions that appended to the operation log since start")
                        .build(),
                models,
                m -> m.operationLogCounts().transactions());
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.log.batches")
                        .withDescription("Model batches appended to the operation log since start")
                        .build(),
                models,
                m -> m.operationLogCounts().batches());
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.log.operations")
                        .withDescription("Operations appended to the operation log since start")
                        .build(),
                models,
                m -> m.operationLogCounts().operations());
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.log.filed")
                        .withDescription("Operations moved from the operation log into each model's log since start")
                        .build(),
                models,
                m -> m.operationLogCounts().filed());
        registry.gauge(
                Metadata.builder()
                        .withName("tandem.log.unfiled")
                        .withDescription("Committed operations waiting to be filed into each model's log (at least)")
                        .build(),
                models,
                m -> m.operationLogCounts().unfiled());
        operations = registry.counter(Metadata.builder()
                .withName("tandem.operations")
                .withDescription("Model operations acknowledged")
                .build());
        ackLatency = registry.timer(Metadata.builder()
                .withName("tandem.ack.latency")
                .withDescription("Time from receiving an operation to sending its acknowledgement")
                .withUnit(MetricUnits.SECONDS)
                .build());
        errors = registry.counter(Metadata.builder()
                .withName("tandem.errors")
                .withDescription("Error answers sent to realtime clients")
                .build());
    }

    /** Registers the metrics at start, so they are listed before the first connection. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        connections.size(); // touches this bean's dependencies; @PostConstruct has run
    }

    @Override
    public void acknowledged(long nanos) {
        operations.inc();
        ackLatency.update(Duration.ofNanos(nanos));
    }

    @Override
    public void error() {
        errors.inc();
    }
}
