package dev.tandem.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterArgumentsTest {

    private static final String PG = "jdbc:postgresql://db:5432/tandem";

    /** Settings as environment variables, the way an operator gives them ({@code TANDEM_CLUSTER_...}). */
    private static LauncherConfig env(String... keysAndValues) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            environment.put(LauncherConfig.environmentName(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return new LauncherConfig(environment);
    }

    private static List<String> args(String... keysAndValues) {
        return ClusterArguments.of(env(keysAndValues), PG, false);
    }

    private static String refusal(String dbUrl, boolean isDefault, String... keysAndValues) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ClusterArguments.of(env(keysAndValues), dbUrl, isDefault));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static String refusal(String... keysAndValues) {
        return refusal(PG, false, keysAndValues);
    }

    @Test
    void offMeansNoHazelcastAtAllWhateverElseIsSet() {
        assertEquals(List.of("--nohazelcast"), ClusterArguments.of(env(), "jdbc:h2:file:/x", true));
        assertEquals(
                List.of("--nohazelcast"),
                ClusterArguments.of(
                        env("tandem.cluster.enabled", "false", "tandem.cluster.discovery", "bogus"), PG, false));
    }

    @Test
    void onWithoutMoreIsPayarasMulticastOnItsDefaultsWithTheTandemClusterName() {
        assertEquals(
                List.of("--clustername", "tandem", "--clustermode", "multicast:224.2.2.4:2904", "--startport", "6900"),
                args("tandem.cluster.enabled", "true"));
    }

    @Test
    void tcpipMembersPortsInterfacesPublicAddressAndName() {
        assertEquals(
                List.of(
                        "--clustername",
                        "prod",
                        "--clustermode",
                        "tcpip:127.0.0.1:57000,127.0.0.1:57001-57003,node3",
                        "--startport",
                        "57000",
                        "--interfaces",
                        "127.0.0.1",
                        "--hzpublicaddress",
                        "203.0.113.5:57000",
                        "--name",
                        "node-1"),
                args(
                        "tandem.cluster.enabled", "TRUE",
                        "tandem.cluster.name", "prod",
                        "tandem.cluster.discovery", "tcpip",
                        "tandem.cluster.members", "127.0.0.1:57000, 127.0.0.1:57001-57003,node3",
                        "tandem.cluster.port", "57000",
                        "tandem.cluster.interfaces", "127.0.0.1",
                        "tandem.cluster.public-address", "203.0.113.5:57000",
                        "tandem.cluster.member-name", "node-1"));
    }

    @Test
    void multicastGroupAndPort() {
        assertEquals(
                "multicast:239.1.2.3:5000",
                ClusterArguments.clusterMode(
                        env(
                                "tandem.cluster.discovery", "multicast",
                                "tandem.cluster.multicast.group", "239.1.2.3",
                                "tandem.cluster.multicast.port", "5000"),
                        6900));
    }

    @Test
    void dnsNamesGetTheDataGridPortUnlessTheyNameOne() {
        assertEquals(
                "dns:tandem-hz.tandem.svc.cluster.local:5701,other:6000",
                ClusterArguments.clusterMode(
                        env(
                                "tandem.cluster.discovery", "dns",
                                "tandem.cluster.members", "tandem-hz.tandem.svc.cluster.local,other:6000"),
                        5701));
    }

    @Test
    void kubernetesNamesItsNamespaceAndService() {
        assertEquals(
                "kubernetes:collab,tandem-hz",
                ClusterArguments.clusterMode(
                        env(
                                "tandem.cluster.discovery", "Kubernetes",
                                "tandem.cluster.kubernetes.namespace", "collab",
                                "tandem.cluster.kubernetes.service-name", "tandem-hz"),
                        6900));
    }

    @Test
    void failureDetectionIsHazelcastsHeartbeatAndTimeoutAsSystemProperties() {
        assertEquals(Map.of(), ClusterArguments.systemProperties(env()));
        assertEquals(
                Map.of("hazelcast.heartbeat.interval.seconds", "1", "hazelcast.max.no.heartbeat.seconds", "5"),
                ClusterArguments.systemProperties(env("tandem.cluster.enabled", "true")));
        assertEquals(
                Map.of("hazelcast.heartbeat.interval.seconds", "2", "hazelcast.max.no.heartbeat.seconds", "30"),
                ClusterArguments.systemProperties(env(
                        "tandem.cluster.enabled",
                        "true",
                        "tandem.cluster.heartbeat-seconds",
                        "2",
                        "tandem.cluster.failure-timeout-seconds",
                        "30")));
        for (String[] bad : new String[][] {
            {"tandem.cluster.heartbeat-seconds", "0"},
            {"tandem.cluster.heartbeat-seconds", "x"},
            {"tandem.cluster.failure-timeout-seconds", "1"},
            {"tandem.cluster.failure-timeout-seconds", "601"}
        }) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> ClusterArguments.systemProperties(env("tandem.cluster.enabled", "true", bad[0], bad[1])));
            assertTrue(e.getMessage().startsWith(bad[0] + " is '" + bad[1] + "'"), e.getMessage());
        }
        IllegalArgumentException notAbove = assertThrows(
                IllegalArgumentException.class,
                () -> ClusterArguments.systemProperties(env(
                        "tandem.cluster.enabled",
                        "true",
                        "tandem.cluster.heartbeat-seconds",
                        "10",
                        "tandem.cluster.failure-timeout-seconds",
                        "10")));
        assertTrue(notAbove.getMessage().contains("more than tandem.cluster.heartbeat-seconds"));
    }

    @Test
    void aClusterOnH2IsRefusedWithAClearMessage() {
        String message = refusal("jdbc:h2:file:/data/db/tandem", true, "tandem.cluster.enabled", "true");
        assertTrue(message.startsWith("a cluster needs a shared database"), message);
        assertTrue(message.contains("tandem.db.url is not set (the embedded H2 database)"), message);
        message = refusal("jdbc:h2:tcp://db/tandem", false, "tandem.cluster.enabled", "true");
        assertTrue(message.contains("tandem.db.url is H2"), message);
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(refusal("tandem.cluster.enabled", "yes").startsWith("tandem.cluster.enabled is 'yes'"));
        String on = "tandem.cluster.enabled";
        assertTrue(refusal(on, "true", "tandem.cluster.discovery", "gossip")
                .contains("tandem.cluster.discovery is 'gossip'; it takes tcpip, multicast, dns or kubernetes"));
        assertTrue(
                refusal(on, "true", "tandem.cluster.discovery", "tcpip").contains("tandem.cluster.members is not set"));
        assertTrue(
                refusal(on, "true", "tandem.cluster.discovery", "dns").contains("tandem.cluster.members is not set"));
        for (String members : List.of("a,,b", "host:0", "host:70000", "host:x", "host:6000-5000", "bad host")) {
            assertTrue(
                    refusal(on, "true", "tandem.cluster.discovery", "tcpip", "tandem.cluster.members", members)
                            .startsWith("tandem.cluster.members has '"),
                    members);
        }
        assertTrue(refusal(on, "true", "tandem.cluster.discovery", "dns", "tandem.cluster.members", "a:1-2")
                .startsWith("tandem.cluster.members has 'a:1-2'"));
        for (String port : List.of("0", "65536", "x")) {
            assertTrue(refusal(on, "true", "tandem.cluster.port", port).startsWith("tandem.cluster.port is '" + port));
            assertTrue(refusal(on, "true", "tandem.cluster.multicast.port", port)
                    .startsWith("tandem.cluster.multicast.port is '" + port));
        }
        for (String group : List.of("10.0.0.1", "224.1.2", "240.0.0.1", "224.0.0.256")) {
            assertTrue(refusal(on, "true", "tandem.cluster.multicast.group", group)
                    .startsWith("tandem.cluster.multicast.group is '" + group));
        }
        assertTrue(refusal(
                        on,
                        "true",
                        "tandem.cluster.discovery",
                        "kubernetes",
                        "tandem.cluster.kubernetes.namespace",
                        "x")
                .contains("are not both set"));
        assertTrue(refusal(on, "true", "tandem.cluster.discovery", "kubernetes").contains("are not both set"));
        assertTrue(refusal(
                        on,
                        "true",
                        "tandem.cluster.discovery",
                        "kubernetes",
                        "tandem.cluster.kubernetes.namespace",
                        "Bad_NS",
                        "tandem.cluster.kubernetes.service-name",
                        "svc")
                .startsWith("tandem.cluster.kubernetes.namespace is 'Bad_NS'"));
        assertTrue(refusal(on, "true", "tandem.cluster.name", "a b").startsWith("tandem.cluster.name is 'a b'"));
        assertTrue(refusal(on, "true", "tandem.cluster.member-name", "a/b")
                .startsWith("tandem.cluster.member-name is 'a/b'"));
        assertTrue(refusal(on, "true", "tandem.cluster.interfaces", "127.0.0.1 10.0.0.1")
                .startsWith("tandem.cluster.interfaces has"));
        assertTrue(refusal(on, "true", "tandem.cluster.public-address", "host:1-2")
                .startsWith("tandem.cluster.public-address has"));
    }
}
