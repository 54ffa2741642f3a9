package dev.tandem.interfaces.realtime.dispatch;

/**
 * Where {@link RealtimeMetrics} publishes what it counts ({@link PrometheusMetrics}): an interface so that the
 * realtime side's counting depends on no metrics API.
 */
public interface MetricsSink {

    /** An operation was acknowledged {@code nanos} after it arrived. */
    void acknowledged(long nanos);

    /** An error answer was sent to a client. */
    void error();
}
