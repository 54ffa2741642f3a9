package dev.tandem.interfaces.realtime.connection;

import dev.tandem.model.ModelService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Owns every open {@link ClientConnection} of this node and the one thread that runs their timers.
 *
 * <p>One periodic sweep checks all connections (handshake timeout, heartbeat, server-request timeouts) instead of a
 * scheduled task per connection: per-message rescheduling is what made per-frame cost high in the container (see
 * STACK notes in the README), and a sweep costs nothing per message.
 */
@ApplicationScoped
public class ConnectionRegistry {

    private static final Logger LOG = Logger.getLogger(ConnectionRegistry.class.getName());
    private static final long SWEEP_INTERVAL_MILLIS = 250;

    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();

    @Inject
    RealtimeSettings settings;

    private ScheduledExecutorService timer;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "tandem-realtime-timers");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        timer = executor;
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Second step of an orderly stop, after {@link ModelService#drain} has made the models commit and acknowledge
     * everything they applied (and apply nothing more): every socket is flushed, so those acknowledgements leave, and
     * closed with 1001 "server shutting down". The rc.12 client takes any close it did not ask for as a drop and
     * reconnects (with the default schedule, at once and then every few seconds), then resends what was never
     * acknowledged. Sockets that open from now on are closed at once the same way. This runs before any bean of the
     * application is destroyed, while the container still delivers frames and closes.
     */
    void closeAll(
            @Observes(notifyObserver = Reception.IF_EXISTS)
                    @Priority(ModelService.DRAIN_PRIORITY + 1)
                    @BeforeDestroyed(ApplicationScoped.class)
                    Object ignored) {
        stopping = true;
        int count = connections.size();
        closeEach();
        // Waits until the container has reported each socket closed (the endpoint then removes it), so that the
        // process does not go on to exit with the acknowledgements and the close frame still to be written. Tyrus
        // (Payara) reports a socket closed as soon as it has handed the close frame to the socket, and ends the TCP
        // connection once that is written; a container that reports it only once the client has answered is waited
        // for too. Bounded, for clients that never answer.
        long deadline = System.nanoTime() + CLOSE_HANDSHAKE_WAIT.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        LOG.log(Level.INFO, "stopping: closed {0} realtime connections, {1} still open after the wait", new Object[] {
            count, connections.size()
        });
        connections.clear();
    }

    private static final Duration CLOSE_HANDSHAKE_WAIT = Duration.ofSeconds(3);

    @PreDestroy
    void stop() {
        stopping = true;
        timer.shutdownNow();
        closeEach();
        connections.clear();
    }

    private void closeEach() {
        for (ClientConnection connection : connections.values()) {
            connection.flush(); // close() drops what is queued; acknowledgements must reach the client first
            connection.close(CloseReasons.SHUTDOWN);
        }
    }

    /** Public for {@code transport} (the socket endpoint) only; capability adapters do not call it. */
    public void add(ClientConnection connection) {
        connections.put(connection.socketId(), connection);
        if (stopping) {
            // Opened while the server stops: the client will find the server again once it is back.
            remove(connection);
            connection.close(CloseReasons.SHUTDOWN);
        }
    }

    /** Public for {@code transport} (the socket endpoint) only; capability adapters do not call it. */
    public void remove(ClientConnection connection) {
        connections.remove(connection.socketId(), connection);
    }

    /** A live view of the open connections. */
    public Collection<ClientConnection> connections() {
        return Collections.unmodifiableCollection(connections.values());
    }

    /** How many sockets are open on this node. */
    public int size() {
        return connections.size();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (ClientConnection connection : connections.values()) {
            try {
                connection.checkTimers(now, settings);
            } catch (RuntimeException e) {
                // One broken connection must not stop the timers of all the others.
                LOG.log(Level.WARNING, "timer check failed for " + connection, e);
            }
        }
    }
}
