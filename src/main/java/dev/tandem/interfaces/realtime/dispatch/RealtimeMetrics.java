package dev.tandem.interfaces.realtime.dispatch;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The realtime side's metrics: counts acknowledged operations per second over the last {@value #WINDOW_SECONDS}
 * seconds and hands each acknowledgement and error to the {@link MetricsSink} ({@link PrometheusMetrics}, which the
 * application serves at {@code /api/metrics} on every target). Recording is lock-free and allocation-free on the
 * operation path.
 */
@ApplicationScoped
public class RealtimeMetrics {

    static final int WINDOW_SECONDS = 10;

    @Inject
    Instance<MetricsSink> sinks;

    private MetricsSink sink;
    // operations acknowledged in each of the last seconds, slot = second % length; slot's second in the twin array
    private final AtomicLongArray perSecond = new AtomicLongArray(WINDOW_SECONDS + 1);
    private final AtomicLongArray slotSecond = new AtomicLongArray(WINDOW_SECONDS + 1);

    @PostConstruct
    void start() {
        sink = sinks.isResolvable() ? sinks.get() : null;
    }

    /** An operation was acknowledged {@code nanos} after it arrived. */
    public void acknowledged(long nanos) {
        if (sink != null) sink.acknowledged(nanos);
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % perSecond.length());
        long previous = slotSecond.get(slot);
        if (previous != second && slotSecond.compareAndSet(slot, previous, second)) {
            perSecond.set(slot, 0);
        }
        perSecond.incrementAndGet(slot);
    }

    public void error() {
        if (sink != null) sink.error();
    }

    public double operationsPerSecond() {
        long now = System.currentTimeMillis() / 1000;
        long sum = 0;
        // the current second is still filling: the window is the last WINDOW_SECONDS complete seconds
        for (int i = 0; i < perSecond.length(); i++) {
            long second = slotSecond.get(i);
            if (second < now && second >= now - WINDOW_SECONDS) {
                sum += perSecond.get(i);
            }
        }
        return sum / (double) WINDOW_SECONDS;
    }
}
