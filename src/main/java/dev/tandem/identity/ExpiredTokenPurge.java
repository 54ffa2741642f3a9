package dev.tandem.identity;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired reconnect tokens every quarter of an hour. Tokens of users who never come back (every anonymous
 * user, for one) would otherwise pile up. Harmless when several nodes do it at once.
 *
 * <p>Scheduled at start on the server's default managed scheduled executor (Jakarta Concurrency, on Payara Micro,
 * Payara Server and WildFly alike; no EJB timer, which WildFly's {@code standalone-microprofile.xml} lacks), and
 * cancelled when the application stops.
 */
@ApplicationScoped
public class ExpiredTokenPurge {

    static final long PERIOD_MINUTES = 15;

    private static final Logger LOG = Logger.getLogger(ExpiredTokenPurge.class.getName());

    @Inject
    SessionRepository sessions;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (task == null) {
            task = scheduler.scheduleAtFixedRate(this::purge, PERIOD_MINUTES, PERIOD_MINUTES, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    void purge() {
        try {
            int deleted = sessions.purgeExpiredTokens(Instant.now());
            LOG.log(Level.FINE, "Deleted {0} expired reconnect token(s)", deleted);
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: log and try at the next period.
            LOG.log(Level.WARNING, "Deleting expired reconnect tokens failed; trying again in 15 minutes", e);
        }
    }
}
