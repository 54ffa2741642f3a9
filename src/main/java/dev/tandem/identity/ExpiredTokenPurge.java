package dev.tandem.identity;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired reconnect tokens every quarter of an hour. Tokens of users who never come back (every anonymous
 * user, for one) would otherwise pile up. Harmless when several nodes do it at once.
 */
@Singleton
public class ExpiredTokenPurge {

    private static final Logger LOG = Logger.getLogger(ExpiredTokenPurge.class.getName());

    @Inject
    SessionRepository sessions;

    @Schedule(hour = "*", minute = "*/15", persistent = false)
    void purge() {
        int deleted = sessions.purgeExpiredTokens(Instant.now());
        LOG.log(Level.FINE, "Deleted {0} expired reconnect token(s)", deleted);
    }
}
