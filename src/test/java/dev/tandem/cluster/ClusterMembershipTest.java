package dev.tandem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cluster of one: clustering off, or on where no data grid is bound (the two-node case is compat's cluster test). */
class ClusterMembershipTest {

    private static ClusterMembership started(boolean enabled) {
        ClusterMembership cluster = new ClusterMembership();
        cluster.enabled = enabled;
        cluster.start();
        return cluster;
    }

    @Test
    void offIsAClusterOfOneUnderAnIdOfItsOwn() {
        ClusterMembership cluster = started(false);
        assertFalse(cluster.clustered());
        assertNull(cluster.clusterName());
        List<ClusterMember> members = cluster.members();
        assertEquals(1, members.size());
        assertEquals(1, cluster.size());
        ClusterMember self = members.get(0);
        assertTrue(self.local());
        assertFalse(self.lite());
        assertNull(self.address());
        assertEquals(self, cluster.local());
        assertEquals(self.id(), cluster.localMemberId());
        assertEquals(self.id(), UUID.fromString(self.id()).toString());
        assertEquals(members, cluster.members(), "the same answer every time");
        assertNotEquals(self.id(), started(false).localMemberId(), "each node start has its own id");
        cluster.stop();
    }

    @Test
    void onWithoutADataGridBoundStaysAClusterOfOne() {
        // a plain JVM has no JNDI context: the look-up fails as it does where the server binds no payara/Hazelcast
        ClusterMembership cluster = started(true);
        assertFalse(cluster.clustered());
        assertEquals(1, cluster.size());
        assertTrue(cluster.local().local());
        cluster.stop();
    }
}
