package dev.tandem.cluster;

/**
 * A CDI event: a member joined or left the cluster. Fired synchronously on Hazelcast's event thread, once per change
 * and only when clustering is on; an observer must return quickly and must not block on the cluster.
 *
 * @param kind joined or left
 * @param member the member that joined or left
 * @param members how many members the cluster has after the change
 */
public record MembershipChange(Kind kind, ClusterMember member, int members) {

    /** What happened to the member. */
    public enum Kind {
        JOINED,
        LEFT
    }
}
