package dev.tandem.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The members of Payara's data grid. The only class that names a Hazelcast type: {@link ClusterMembership} loads it
 * only after Payara's instance was found, so no Hazelcast class is needed where clustering is off.
 */
final class HazelcastMembers implements MemberSource {

    /**
     * Where Payara keeps each member's instance name: a map from member UUID to attributes, the name under
     * {@code GLASSFISH-INSTANCE} ({@code HazelcastCore.INSTANCE_ATTRIBUTE_MAP} and {@code INSTANCE_ATTRIBUTE} in
     * Payara 6; not a public API, so read at best effort: a member without an entry, or any failure, has no name).
     */
    static final String PAYARA_INSTANCE_MAP = "payara-instance-map";

    static final String PAYARA_INSTANCE_ATTRIBUTE = "GLASSFISH-INSTANCE";

    private final HazelcastInstance hazelcast;
    private final Member localMember;
    private final ClusterMember local;
    private final String clusterName;
    private final UUID registration;
    private final Map<String, ITopic<byte[]>> topics = new ConcurrentHashMap<>();
    private final List<Runnable> unlisten = new CopyOnWriteArrayList<>();

    private HazelcastMembers(HazelcastInstance hazelcast, Consumer<MembershipChange> changes) {
        this.hazelcast = hazelcast;
        this.localMember = hazelcast.getCluster().getLocalMember();
        this.local = describe(localMember, null);
        this.clusterName = hazelcast.getConfig().getClusterName();
        this.registration = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                changes.accept(new MembershipChange(
                        MembershipChange.Kind.JOINED,
                        describe(event.getMember(), null),
                        event.getMembers().size()));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                changes.accept(new MembershipChange(
                        MembershipChange.Kind.LEFT,
                        describe(event.getMember(), null),
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
            Set<Member> members = hazelcast.getCluster().getMembers();
            Map<UUID, String> names = names(members);
            return members.stream()
                    .map(member -> describe(member, names.get(member.getUuid())))
                    .toList();
        } catch (RuntimeException stopped) {
            // HazelcastInstanceNotActiveException while the node shuts down
            return List.of(local);
        }
    }

    /** Hazelcast's local member list only: no look-up of Payara's instance names (a remote map read). */
    @Override
    public boolean isMember(String memberId) {
        try {
            for (Member member : hazelcast.getCluster().getMembers()) {
                if (member.getUuid().toString().equals(memberId)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException stopped) {
            return local.id().equals(memberId); // HazelcastInstanceNotActiveException while the node shuts down
        }
    }

    /** Payara's instance names of the members, in one call; none when Payara's map cannot be read. */
    private Map<UUID, String> names(Set<Member> members) {
        try {
            Set<UUID> ids = members.stream().map(Member::getUuid).collect(Collectors.toSet());
            Map<UUID, Object> entries =
                    hazelcast.<UUID, Object>getMap(PAYARA_INSTANCE_MAP).getAll(ids);
            Map<UUID, String> names = new HashMap<>();
            entries.forEach((id, attributes) -> {
                if (attributes instanceof Map<?, ?> map && map.get(PAYARA_INSTANCE_ATTRIBUTE) instanceof String name) {
                    names.put(id, name);
                }
            });
            return names;
        } catch (RuntimeException unreadable) {
            return Map.of();
        }
    }

    @Override
    public String clusterName() {
        return clusterName;
    }

    /**
     * One topic per member and channel, which only that member listens to: Hazelcast delivers a topic's messages from
     * one publishing member in the order it published them, on one event thread, which is the ordering the channels
     * promise.
     */
    private ITopic<byte[]> topic(String channel, String memberId) {
        return topics.computeIfAbsent(TOPIC_PREFIX + channel + "." + memberId, hazelcast::getTopic);
    }

    static final String TOPIC_PREFIX = "tandem.";

    @Override
    public void send(String memberId, String channel, byte[] message) {
        topic(channel, memberId).publish(message);
    }

    @Override
    public void listen(String channel, BiConsumer<String, byte[]> receiver) {
        ITopic<byte[]> own = topic(channel, local.id());
        UUID id = own.addMessageListener(message -> {
            Member from = message.getPublishingMember();
            receiver.accept(from == null ? null : from.getUuid().toString(), message.getMessageObject());
        });
        unlisten.add(() -> own.removeMessageListener(id));
    }

    @Override
    public SharedDirectory directory(String name) {
        IMap<String, String> map = hazelcast.getMap(TOPIC_PREFIX + name);
        return new MapDirectory(map);
    }

    @Override
    public void close() {
        for (Runnable remove : unlisten) {
            try {
                remove.run();
            } catch (RuntimeException stopped) {
                // Hazelcast already shut down
            }
        }
        try {
            hazelcast.getCluster().removeMembershipListener(registration);
        } catch (RuntimeException stopped) {
            // Hazelcast already shut down (it stops with Payara): nothing left to remove
        }
    }

    private ClusterMember describe(Member member, String name) {
        var address = member.getAddress();
        return new ClusterMember(
                member.getUuid().toString(),
                name,
                address.getHost() + ":" + address.getPort(),
                member.getUuid().equals(localMember.getUuid()),
                member.isLiteMember());
    }
}
