package dev.tandem.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's view of the cluster: its own member id, the members, and a {@link MembershipChange} event for each
 * join and leave (also logged at INFO). With {@code tandem.cluster.enabled} off, a cluster of one that costs nothing:
 * no look-up, no listener, the same answers every time.
 */
@ApplicationScoped
public class ClusterMembership {

    /** Where Payara binds its Hazelcast instance (the data grid's default JNDI name). */
    static final String HAZELCAST_JNDI_NAME = "payara/Hazelcast";

    static final String HAZELCAST_API = "com.hazelcast.core.HazelcastInstance";

    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

    @Inject
    @ConfigProperty(name = "tandem.cluster.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    Event<MembershipChange> changes;

    private final ClusterMember alone = new ClusterMember(UUID.randomUUID().toString(), null, null, true, false);

    /** Null: a cluster of one (clustering off, or on without a data grid to join). */
    private volatile MemberSource source;

    /** A node's membership over a source of its own, outside a container (tests that run several nodes in one JVM). */
    public static ClusterMembership over(MemberSource source) {
        ClusterMembership membership = new ClusterMembership();
        membership.enabled = true;
        membership.source = source;
        return membership;
    }

    @PostConstruct
    void start() {
        if (!enabled) {
            return;
        }
        MemberSource found = connect();
        if (found == null) {
            return;
        }
        source = found;
        ClusterMember local = found.local();
        int size = found.members().size();
        LOG.log(Level.INFO, "Cluster {0}: this node is member {1} at {2}; {3} member(s)", new Object[] {
            found.clusterName(), local.id(), local.address(), size
        });
    }

    /** Creates this bean when the application starts, so that joins and leaves are seen from the start. */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the bean's creation does the work (start())
    }

    @PreDestroy
    void stop() {
        MemberSource current = source;
        if (current != null) {
            current.close();
        }
    }

    private MemberSource connect() {
        Object instance;
        try {
            instance = InitialContext.doLookup(HAZELCAST_JNDI_NAME);
        } catch (NamingException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "tandem.cluster.enabled is true but the server binds no data grid at {0} ({1}):"
                            + " this node runs as a cluster of one",
                    new Object[] {HAZELCAST_JNDI_NAME, e.toString()});
            return null;
        }
        try {
            Class.forName(HAZELCAST_API, false, ClusterMembership.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.log(
                    Level.WARNING,
                    "tandem.cluster.enabled is true but the Hazelcast API is not visible to the"
                            + " application: this node runs as a cluster of one");
            return null;
        }
        return HazelcastMembers.attach(instance, this::changed);
    }

    private void changed(MembershipChange change) {
        ClusterMember member = change.member();
        LOG.log(Level.INFO, "Cluster: member {0} at {1} {2}; {3} member(s)", new Object[] {
            member.id(),
            member.address(),
            change.kind() == MembershipChange.Kind.JOINED ? "joined" : "left",
            change.members()
        });
        try {
            changes.fire(change);
        } catch (RuntimeException e) {
            // an observer's failure must not reach Hazelcast's event thread
            LOG.log(Level.WARNING, "an observer of a cluster membership change failed", e);
        }
    }

    /** Whether this node is part of a data grid (true even while it is the grid's only member). */
    public boolean clustered() {
        return source != null;
    }

    /** The data grid's cluster name, or null for a cluster of one. */
    public String clusterName() {
        MemberSource current = source;
        return current == null ? null : current.clusterName();
    }

    /** This node. */
    public ClusterMember local() {
        MemberSource current = source;
        return current == null ? alone : current.local();
    }

    public String localMemberId() {
        return local().id();
    }

    /** The members as this node sees them now, oldest first; this node alone when it is not clustered. */
    public List<ClusterMember> members() {
        MemberSource current = source;
        return current == null ? List.of(alone) : current.members();
    }

    public int size() {
        return members().size();
    }

    /** Whether {@code memberId} is a member now, as this node sees it. */
    public boolean isMember(String memberId) {
        MemberSource current = source;
        return current == null ? alone.id().equals(memberId) : current.isMember(memberId);
    }

    /**
     * Sends {@code message} to the receiver {@code memberId} registered for {@code channel} ({@link #listen}). Fire
     * and forget: a member that left, or has no receiver, never gets it. Messages one member sends to another on one
     * channel arrive in the order they were sent, one at a time.
     *
     * @throws IllegalStateException in a cluster of one, which has nobody to send to
     */
    public void send(String memberId, String channel, byte[] message) {
        MemberSource current = source;
        if (current == null) {
            throw new IllegalStateException("a cluster of one has no member " + memberId);
        }
        current.send(memberId, channel, message);
    }

    /**
     * Registers this node's receiver for {@code channel}: it gets the sending member's id and the message, on a thread
     * of the data grid that it should not keep for long. Nothing arrives in a cluster of one.
     */
    public void listen(String channel, BiConsumer<String, byte[]> receiver) {
        MemberSource current = source;
        if (current != null) {
            current.listen(channel, receiver);
        }
    }

    /** The cluster-wide directory named {@code name}; in a cluster of one, a map of this node's. */
    public SharedDirectory directory(String name) {
        MemberSource current = source;
        return current == null
                ? localDirectories.computeIfAbsent(name, n -> new MapDirectory())
                : current.directory(name);
    }

    private final Map<String, SharedDirectory> localDirectories = new ConcurrentHashMap<>();
}
