package dev.tandem.interfaces.realtime.transport;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes the largest per-frame cost of WebSocket on Payara Micro.
 *
 * <p>Tyrus restarts each session's idle-timeout task on every received and every sent message, on the scheduler it
 * keeps in {@code TyrusSession.service}. On Payara that is the managed scheduled executor, whose context capture runs
 * a {@code ServiceLoader} scan per schedule, and with idle timeout 0 (Tandem's default: its own heartbeat detects dead
 * peers) the scheduled task is a no-op that still hops to another thread. Measured on this stack: about 160 µs of
 * server CPU per echoed frame before, about 11 µs after.
 *
 * <p>This class points each session's {@code service} field at one plain JDK scheduler that drops zero-delay
 * schedules (the no-op case) and removes cancelled tasks at once (so that rescheduling leaves no garbage). It touches
 * a private field of Tyrus, so it is isolated here, checks the field's type before using it, falls back to the
 * standard path when the field is not there, and reports which path is active ({@link #isActive()}).
 */
@ApplicationScoped
public class TyrusSchedulerSwap {

    private static final Logger LOG = Logger.getLogger(TyrusSchedulerSwap.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";

    /** Off only to measure the standard path (bench/): {@code TANDEM_REALTIME_WEBSOCKET_FAST_PATH=false}. */
    @Inject
    @ConfigProperty(name = "tandem.realtime.websocket-fast-path", defaultValue = "true")
    boolean enabled;

    private IdleTimeoutScheduler scheduler;
    private volatile Field serviceField;
    private volatile boolean resolved;
    private volatile boolean active;

    @PostConstruct
    void start() {
        scheduler = new IdleTimeoutScheduler();
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** True once a session's scheduler was swapped; false if this Tyrus does not have the expected field. */
    public boolean isActive() {
        return active;
    }

    /** Swaps the session's idle-timeout scheduler; returns whether the fast path is in effect for it. */
    boolean install(Session session) {
        if (!enabled) {
            return false;
        }
        Field field = resolve(session);
        if (field == null) {
            return false;
        }
        try {
            field.set(session, scheduler);
            return true;
        } catch (IllegalAccessException | IllegalArgumentException e) {
            disable("setting TyrusSession.service failed: " + e);
            return false;
        }
    }

    private Field resolve(Session session) {
        if (resolved) {
            return serviceField;
        }
        synchronized (this) {
            if (!resolved) {
                serviceField = findField(session);
                resolved = true;
                active = serviceField != null;
                if (active) {
                    LOG.info(
                            "WebSocket fast path active: Tyrus session idle-timeout tasks run on a shared JDK scheduler");
                }
            }
            return serviceField;
        }
    }

    private Field findField(Session session) {
        for (Class<?> type = session.getClass(); type != null; type = type.getSuperclass()) {
            if (!TYRUS_SESSION.equals(type.getName())) {
                continue;
            }
            try {
                Field field = type.getDeclaredField("service");
                if (!field.getType().isAssignableFrom(IdleTimeoutScheduler.class)) {
                    LOG.log(
                            Level.WARNING,
                            "WebSocket fast path off: TyrusSession.service has type {0}",
                            field.getType().getName());
                    return null;
                }
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException | RuntimeException e) {
                LOG.log(Level.WARNING, "WebSocket fast path off: {0}", e.toString());
                return null;
            }
        }
        LOG.log(
                Level.WARNING,
                "WebSocket fast path off: sessions are {0}, not Tyrus sessions",
                session.getClass().getName());
        return null;
    }

    private void disable(String reason) {
        LOG.log(Level.WARNING, "WebSocket fast path off: {0}", reason);
        serviceField = null;
        active = false;
    }

    /**
     * A plain scheduler for Tyrus idle-timeout tasks. A zero or negative delay only happens when the idle timeout is
     * disabled, where Tyrus's task does nothing, so it is not scheduled at all.
     */
    static final class IdleTimeoutScheduler extends ScheduledThreadPoolExecutor {

        IdleTimeoutScheduler() {
            super(1, runnable -> {
                Thread thread = new Thread(runnable, "tandem-websocket-idle");
                thread.setDaemon(true);
                return thread;
            });
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay <= 0) {
                return NotScheduled.INSTANCE;
            }
            return super.schedule(command, delay, unit);
        }
    }

    /** The future of a task that was never scheduled because it would have done nothing. */
    private static final class NotScheduled implements ScheduledFuture<Object> {

        static final NotScheduled INSTANCE = new NotScheduled();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
