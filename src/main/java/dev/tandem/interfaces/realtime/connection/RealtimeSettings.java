package dev.tandem.interfaces.realtime.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits and timings of the live protocol, from MicroProfile Config (environment variables override, e.g.
 * {@code TANDEM_REALTIME_PING_INTERVAL_SECONDS}).
 */
@ApplicationScoped
public class RealtimeSettings {

    /** The key of {@link #maxTokenBytes()}; the REST API caps its {@code Authorization} header with it too. */
    public static final String MAX_TOKEN_BYTES_KEY = "tandem.realtime.max-token-bytes";
    /** 16 KiB: far above any real JWT, reconnect token, password or name. */
    public static final String DEFAULT_MAX_TOKEN_BYTES = "16384";

    @Inject
    @ConfigProperty(name = "tandem.realtime.ping-interval-seconds", defaultValue = "10")
    int pingIntervalSeconds;

    @Inject
    @ConfigProperty(name = "tandem.realtime.pong-timeout-seconds", defaultValue = "10")
    int pongTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "tandem.realtime.handshake-timeout-seconds", defaultValue = "10")
    int handshakeTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "tandem.realtime.server-request-timeout-seconds", defaultValue = "10")
    int serverRequestTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "tandem.realtime.max-frame-bytes", defaultValue = "4194304")
    int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "tandem.realtime.max-messages-per-second", defaultValue = "1000")
    int maxMessagesPerSecond;

    @Inject
    @ConfigProperty(name = "tandem.realtime.message-burst", defaultValue = "2000")
    int messageBurst;

    @Inject
    @ConfigProperty(name = "tandem.realtime.max-protocol-violations", defaultValue = "1000")
    int maxProtocolViolations;

    @Inject
    @ConfigProperty(name = "tandem.realtime.flood-grace-seconds", defaultValue = "10")
    int floodGraceSeconds;

    @Inject
    @ConfigProperty(name = "tandem.realtime.history-max-operations", defaultValue = "10000")
    int historyMaxOperations;

    @Inject
    @ConfigProperty(name = MAX_TOKEN_BYTES_KEY, defaultValue = DEFAULT_MAX_TOKEN_BYTES)
    int maxTokenBytes;

    /**
     * The most versions one {@code historicalOperationsRequest} may span. Larger ranges are refused rather than cut
     * short, because the client takes whatever it receives as the whole range.
     */
    public int historyMaxOperations() {
        return historyMaxOperations;
    }

    /** Idle time without any received frame after which the server pings the client. */
    public Duration pingInterval() {
        return Duration.ofSeconds(pingIntervalSeconds);
    }

    /** Time after a ping without any received frame after which the socket is closed. */
    public Duration pongTimeout() {
        return Duration.ofSeconds(pongTimeoutSeconds);
    }

    /** Time a socket may stay open without a successful {@code ConnectionRequestMessage}. */
    public Duration handshakeTimeout() {
        return Duration.ofSeconds(handshakeTimeoutSeconds);
    }

    /** Time the client has to answer a server-to-client request. */
    public Duration serverRequestTimeout() {
        return Duration.ofSeconds(serverRequestTimeoutSeconds);
    }

    /** Largest accepted frame; a larger one closes the socket with code 1009 (message too big). */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Sustained messages per second a connection may send. */
    public int maxMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    /** Messages a connection may send in a burst above the sustained rate. */
    public int messageBurst() {
        return messageBurst;
    }

    /**
     * Invalid messages a connection may send before it is closed. Each one is answered with an error, so a
     * well-behaved client never gets near this; it bounds the work a misbehaving one can cause.
     */
    public int maxProtocolViolations() {
        return maxProtocolViolations;
    }

    /**
     * How long a connection may go on sending requests over the message rate, each refused with
     * {@code message_rate_exceeded}, before it is closed: such a client ignores the errors. Normal messages over
     * the rate are never refused; the socket is slowed down instead.
     */
    public int floodGraceSeconds() {
        return floodGraceSeconds;
    }

    /**
     * Largest credential (JWT, reconnect token, username, password, display name) a connection request may carry;
     * a larger one is refused with {@code authentication_failed} before it is parsed.
     */
    public int maxTokenBytes() {
        return maxTokenBytes;
    }
}
