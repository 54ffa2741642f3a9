package dev.tandem.cluster;

import java.util.List;

/** Where the members come from when clustering is on; the seam that keeps Hazelcast's types in one class. */
interface MemberSource {

    ClusterMember local();

    List<ClusterMember> members();

    String clusterName();

    /** Stops listening for membership changes. */
    void close();
}
