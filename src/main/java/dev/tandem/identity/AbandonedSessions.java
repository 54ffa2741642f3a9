package dev.tandem.identity;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.MembershipChange;
import dev.tandem.persistence.DatabaseSchema;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records the end of sessions whose node died. A node that stops cleanly closes its sessions one by one as their
 * sockets close; a node killed (kill -9, a lost machine, a crash) records nothing, and its sessions would stay
 * "connected" in the admin API's session list and active-session count for ever.
 *
 * <p>One member does it for all: the oldest, when a member leaves, and a node that starts as the oldest (alone: the
 * first node of a cluster, or a single node restarting after a crash). It closes every open session whose node is not
 * a member now ({@link SessionRepository#closeAbandoned}); node ids are made anew at each start, so a restarted node's
 * earlier sessions count as abandoned too. A node that has just joined is already in the oldest member's list before
 * its application opens a session, so its sessions are never taken for abandoned.
 */
@ApplicationScoped
public class AbandonedSessions {

    private static final Logger LOG = Logger.getLogger(AbandonedSessions.class.getName());

    @Inject
    SessionRepository sessions;

    @Inject
    ClusterMembership cluster;

    @Resource
    ManagedExecutorService executor;

    void atStart(
            @Observes @Priority(DatabaseSchema.AFTER_MIGRATION_PRIORITY) @Initialized(ApplicationScoped.class)
                    Object ignored) {
        sweepIfOldest();
    }

    /** On Hazelcast's event thread, which must not wait for the database: the sweep runs on the managed executor. */
    void memberLeft(@Observes MembershipChange change) {
        if (change.kind() == MembershipChange.Kind.LEFT) {
            try {
                executor.execute(this::sweepIfOldest);
            } catch (RuntimeException e) {
                // thrown here, it would keep the change from the other observers
                LOG.log(Level.WARNING, "could not start closing a departed node's sessions", e);
            }
        }
    }

    /** Closes the abandoned sessions if this node is the oldest member; returns how many it closed. */
    int sweepIfOldest() {
        List<ClusterMember> members = cluster.members();
        if (members.isEmpty() || !members.get(0).local()) {
            return 0;
        }
        try {
            int closed = sessions.closeAbandoned(
                    members.stream().map(ClusterMember::id).toList(), Instant.now());
            if (closed > 0) {
                LOG.log(Level.INFO, "Recorded the end of {0} session(s) of node(s) no longer running", closed);
            }
            return closed;
        } catch (RuntimeException e) {
            // the next member to leave, or the next start, sweeps again
            LOG.log(Level.WARNING, "Closing the sessions of nodes no longer running failed", e);
            return 0;
        }
    }
}
