package dev.tandem.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The members of Payara's data grid. The only class that names a Hazelcast type: {@link ClusterMembership} loads it
 * only after Payara's instance was found, so no Hazelcast class is needed where clustering is off.
 */
final class HazelcastMembers implements MemberSource {

    /** The member attribute Payara sets to its instance name ({@code HazelcastCore.INSTANCE_ATTRIBUTE}). */
    static final String PAYARA_INSTANCE_ATTRIBUTE = "GLASSFISH-INSTANCE";

    private final HazelcastInstance hazelcast;
    private final Member localMember;
    private final ClusterMember local;
    private final String clusterName;
    private final UUID registration;

    private HazelcastMembers(HazelcastInstance hazelcast, Consumer<MembershipChange> changes) {
        this.hazelcast = hazelcast;
        this.localMember = hazelcast.getCluster().getLocalMember();
        this.local = describe(localMember);
        this.clusterName = hazelcast.getConfig().getClusterName();
        this.registration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                changes.accept(new MembershipChange(
                        MembershipChange.Kind.JOINED,
                        describe(event.getMember()),
                        event.getMembers().size()));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                changes.accept(new MembershipChange(
                        MembershipChange.Kind.LEFT,
                        describe(event.getMember()),
                        event.getMembers().size()));
            }
        });
    }

    /** {@code instance} is what Payara bound at {@code payara/Hazelcast}. */
    static MemberSource attach(Object instance, Consumer<MembershipChange> changes) {
        return new HazelcastMembers((HazelcastInstance) instance, changes);
    }

    @Override
    public ClusterMember local() {
        return local;
    }

    /** Hazelcast's member list as this node sees it, oldest member first; this node alone once Hazelcast stopped. */
    @Override
    public List<ClusterMember> members() {
        try {
            return hazelcast.getCluster().getMembers().stream()
                    .map(this::describe)
                    .toList();
        } catch (RuntimeException stopped) {
            // HazelcastInstanceNotActiveException while the node shuts down
            return List.of(local);
        }
    }

    @Override
    public String clusterName() {
        return clusterName;
    }

    @Override
    public void close() {
        try {
            hazelcast.getCluster().removeMembershipListener(registration);
        } catch (RuntimeException stopped) {
            // Hazelcast already shut down (it stops with Payara): nothing left to remove
        }
    }

    private ClusterMember describe(Member member) {
        var address = member.getAddress();
        return new ClusterMember(
                member.getUuid().toString(),
                member.getAttribute(PAYARA_INSTANCE_ATTRIBUTE),
                address.getHost() + ":" + address.getPort(),
                member.getUuid().equals(localMember.getUuid()),
                member.isLiteMember());
    }
}
