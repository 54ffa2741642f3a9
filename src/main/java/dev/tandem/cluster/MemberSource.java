package dev.tandem.cluster;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Where the members come from when clustering is on; the seam that keeps Hazelcast's types in one class. Public so
 * that tests can run several nodes in one JVM ({@link ClusterMembership#over}).
 */
public interface MemberSource {

    ClusterMember local();

    List<ClusterMember> members();

    /** Whether {@code memberId} is a member now: cheap (no look-up of names), for every message a node sends. */
    default boolean isMember(String memberId) {
        for (ClusterMember member : members()) {
            if (member.id().equals(memberId)) {
                return true;
            }
        }
        return false;
    }

    String clusterName();

    /** Publishes {@code message} to {@code memberId}'s receiver of {@code channel}; see {@link ClusterMembership#send}. */
    void send(String memberId, String channel, byte[] message);

    /** Registers this member's receiver of {@code channel}; see {@link ClusterMembership#listen}. */
    void listen(String channel, BiConsumer<String, byte[]> receiver);

    /** The shared directory named {@code name}. */
    SharedDirectory directory(String name);

    /** Stops listening for membership changes. */
    void close();
}
