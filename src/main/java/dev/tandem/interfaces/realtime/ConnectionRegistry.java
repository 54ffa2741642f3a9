package dev.tandem.interfaces.realtime;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        connections.values().forEach(c -> c.close(CloseReasons.SHUTDOWN));
        connections.clear();
    }

    void add(ClientConnection connection) {
        connections.put(connection.socketId(), connection);
    }

    void remove(ClientConnection connection) {
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
