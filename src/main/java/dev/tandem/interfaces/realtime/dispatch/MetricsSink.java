package dev.tandem.interfaces.realtime.dispatch;

/**
 * Where {@link RealtimeMetrics} publishes what it counts: an interface so that the realtime side depends on no
 * metrics API, which not every target has ({@link MicroProfileMetrics} on Payara).
 */
public interface MetricsSink {

    /** An operation was acknowledged {@code nanos} after it arrived. */
    void acknowledged(long nanos);

    /** An error answer was sent to a client. */
    void error();
}
