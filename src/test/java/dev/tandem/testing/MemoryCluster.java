package dev.tandem.testing;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.MapDirectory;
import dev.tandem.cluster.MemberSource;
import dev.tandem.cluster.SharedDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Nodes of a cluster in one JVM, for tests of what crosses between nodes: each node's messages are delivered one at a
 * time, in the order they were sent, on a thread of the receiving node (as Payara's data grid delivers a topic's), and
 * the directories are shared maps. A node that {@link #leave}s gets nothing more and is no longer a member.
 */
public final class MemoryCluster implements AutoCloseable {

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentMap<String, String>> directories = new ConcurrentHashMap<>();

    /** A new member named {@code id}, and its view of the cluster. */
    public ClusterMembership join(String id) {
        Node node = new Node(id);
        nodes.put(id, node);
        return ClusterMembership.over(node);
    }

    /** The member is gone from the others' view (as if it died); what it sends is dropped from now on. */
    public void leave(String id) {
        Node node = nodes.remove(id);
        if (node != null) {
            node.inbox.shutdown();
        }
    }

    /** Waits until every message sent so far was handled. */
    public void settle() throws InterruptedException {
        for (Node node : nodes.values()) {
            try {
                node.inbox.submit(() -> {}).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        for (String id : List.copyOf(nodes.keySet())) {
            leave(id);
        }
    }

    private final class Node implements MemberSource {
        private final String id;
        private final ExecutorService inbox;
        private final Map<String, BiConsumer<String, byte[]>> receivers = new ConcurrentHashMap<>();

        Node(String id) {
            this.id = id;
            this.inbox = Executors.newSingleThreadExecutor(r -> new Thread(r, "memory-cluster-" + id));
        }

        @Override
        public ClusterMember local() {
            return new ClusterMember(id, id, null, true, false);
        }

        @Override
        public List<ClusterMember> members() {
            List<ClusterMember> members = new ArrayList<>();
            for (String member : nodes.keySet()) {
                members.add(new ClusterMember(member, member, null, member.equals(id), false));
            }
            return members;
        }

        @Override
        public String clusterName() {
            return "memory";
        }

        @Override
        public void send(String memberId, String channel, byte[] message) {
            Node to = nodes.get(memberId);
            if (to == null || !nodes.containsKey(id)) {
                return; // fire and forget: a member that left gets nothing, one that left sends nothing
            }
            byte[] copy = message.clone();
            to.inbox.execute(() -> {
                BiConsumer<String, byte[]> receiver = to.receivers.get(channel);
                if (receiver != null) {
                    receiver.accept(id, copy);
                }
            });
        }

        @Override
        public void listen(String channel, BiConsumer<String, byte[]> receiver) {
            receivers.put(channel, receiver);
        }

        @Override
        public SharedDirectory directory(String name) {
            return new MapDirectory(directories.computeIfAbsent(name, n -> new ConcurrentHashMap<>()));
        }

        @Override
        public void close() {}
    }
}
