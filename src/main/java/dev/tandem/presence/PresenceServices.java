package dev.tandem.presence;

import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.MembershipChange;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses the {@link PresenceService} at start: this node's memory alone ({@link LocalPresenceService}) when it is not
 * clustered, the cluster-wide one ({@link ClusterPresenceService}) when it is. Created with the application, so that
 * a clustered node listens for other members' presence changes from the start.
 */
@ApplicationScoped
public class PresenceServices {

    @Inject
    ClusterMembership membership;

    @Inject
    @ConfigProperty(name = "tandem.presence.max-state-keys", defaultValue = "" + PresenceService.MAX_STATE_KEYS)
    int maxStateKeys;

    @Inject
    @ConfigProperty(name = "tandem.presence.max-state-bytes", defaultValue = "" + PresenceService.MAX_STATE_BYTES)
    long maxStateBytes;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ContextService contexts;

    private PresenceService chosen;

    @PostConstruct
    void choose() {
        if (membership.clustered()) {
            // What other members send arrives on the data grid's threads, which are not the application's: it is
            // handed to the application's pool in the context captured here, at start (as the model relay does).
            Executor inContext = contexts.createContextualProxy((Executor) executor::execute, Executor.class);
            chosen = new ClusterPresenceService(membership, inContext, maxStateKeys, maxStateBytes);
        } else {
            chosen = new LocalPresenceService(maxStateKeys, maxStateBytes);
        }
    }

    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation does the work (choose())
    }

    @Produces
    @ApplicationScoped
    PresenceService presence() {
        return chosen;
    }

    void memberLeft(@Observes MembershipChange change) {
        if (change.kind() == MembershipChange.Kind.LEFT && chosen instanceof ClusterPresenceService cluster) {
            cluster.memberLeft(change.member().id());
        }
    }
}
