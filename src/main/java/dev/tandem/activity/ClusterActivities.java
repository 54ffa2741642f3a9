package dev.tandem.activity;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.SharedDirectory;
import dev.tandem.common.SerialExecutor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Activities shared by the nodes of a cluster: this node's side. Each live activity is one entry of the data grid's
 * shared directory ({@code tandem.activities}), a {@link SharedActivity}, changed by compare-and-set (so changes from
 * several nodes serialize per activity, as under one node's lock) and sent to every other node after each change.
 * Each node shows its own sessions the difference between what they last saw and the newer entry
 * ({@link SharedDomainActivities}), the way presence does (see {@code ClusterPresenceService}).
 *
 * <p>A node that leaves takes its sessions with it: the oldest remaining node removes them from every activity.
 */
final class ClusterActivities {

    static final String DIRECTORY = "activities";
    static final String CHANNEL = "activity-changes";
    static final long TOMBSTONE_MILLIS = 10 * 60 * 1000;

    private static final Logger LOG = Logger.getLogger(ClusterActivities.class.getName());

    /** One change of an activity's entry. */
    record Change(SharedActivity before, SharedActivity after) {}

    /** What a member's departure left without members, for the caller to delete if ephemeral. */
    interface Emptied {
        void emptied(String namespace, String domainId, ActivityId id, boolean ephemeral);
    }

    private record DomainKey(String namespace, String domainId) {}

    private record Tombstone(String key, String value, long writtenAt) {}

    private final ClusterMembership membership;
    private final SharedDirectory directory;
    private final Executor inbox;
    private final int maxStateKeys;
    private final Map<DomainKey, SharedDomainActivities> domains = new ConcurrentHashMap<>();
    private final Queue<Tombstone> tombstones = new ArrayDeque<>();

    ClusterActivities(ClusterMembership membership, Executor executor, int maxStateKeys) {
        this.membership = membership;
        this.directory = membership.directory(DIRECTORY);
        this.inbox = new SerialExecutor(executor);
        this.maxStateKeys = maxStateKeys;
        membership.listen(CHANNEL, (from, message) -> inbox.execute(() -> received(message)));
    }

    /** The live activities of one domain, as this node shows them to its sessions. */
    SharedDomainActivities domain(String namespace, String domainId) {
        return domains.computeIfAbsent(
                new DomainKey(namespace, domainId),
                k -> new SharedDomainActivities(this, namespace, domainId, maxStateKeys));
    }

    String localMemberId() {
        return membership.localMemberId();
    }

    /**
     * Applies {@code change} to the activity's entry, atomically across the cluster; {@code change} returns null for
     * "nothing to change" and may throw, which leaves the entry as it was.
     *
     * @return the change, or null when there was nothing to change
     */
    Change update(String key, UnaryOperator<SharedActivity> change) {
        expireTombstones();
        for (; ; ) {
            String stored = directory.get(key);
            SharedActivity before = stored == null ? SharedActivity.ABSENT : SharedActivity.parse(stored);
            SharedActivity changed = change.apply(before);
            if (changed == null) {
                return null;
            }
            SharedActivity after = changed.nextVersion(before, stored != null, System.currentTimeMillis());
            String text = after.toJson();
            boolean written = stored == null
                    ? text.equals(directory.putIfAbsent(key, text))
                    : directory.replace(key, stored, text);
            if (written) {
                if (!after.live()) {
                    synchronized (tombstones) {
                        tombstones.add(new Tombstone(key, text, after.changedAt()));
                    }
                }
                return new Change(before, after);
            }
        }
    }

    SharedActivity read(String key) {
        String stored = directory.get(key);
        return stored == null ? SharedActivity.ABSENT : SharedActivity.parse(stored);
    }

    /** The keys of every activity entry of a domain: a scan of the directory, for the admin API's listings. */
    List<String> keysOf(String namespace, String domainId) {
        List<String> keys = new ArrayList<>();
        for (String key : directory.keys()) {
            SharedActivity.Key parts = SharedActivity.parseKey(key);
            if (parts != null
                    && parts.namespace().equals(namespace)
                    && parts.domainId().equals(domainId)) {
                keys.add(key);
            }
        }
        return keys;
    }

    private void expireTombstones() {
        long now = System.currentTimeMillis();
        List<Tombstone> expired = new ArrayList<>();
        synchronized (tombstones) {
            while (!tombstones.isEmpty() && now - tombstones.peek().writtenAt() > TOMBSTONE_MILLIS) {
                expired.add(tombstones.poll());
            }
        }
        for (Tombstone t : expired) {
            directory.remove(t.key(), t.value()); // only if nobody wrote the entry since
        }
    }

    /** Sends the activity's new entry to every other node. */
    void broadcast(String key, SharedActivity after) {
        byte[] bytes = Json.createObjectBuilder()
                .add("key", key)
                .add("activity", after.toJson())
                .build()
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        String self = membership.localMemberId();
        for (ClusterMember member : membership.members()) {
            if (!member.id().equals(self)) {
                membership.send(member.id(), CHANNEL, bytes);
            }
        }
    }

    private void received(byte[] bytes) {
        SharedActivity.Key parts;
        SharedActivity after;
        try {
            JsonObject message = SharedActivity.read(new String(bytes, StandardCharsets.UTF_8))
                    .asJsonObject();
            parts = SharedActivity.parseKey(message.getString("key"));
            after = SharedActivity.parse(message.getString("activity"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an unreadable activity change from another member was dropped", e);
            return;
        }
        if (parts == null) {
            return;
        }
        SharedDomainActivities domain = domains.get(new DomainKey(parts.namespace(), parts.domainId()));
        if (domain != null) {
            domain.show(parts.id(), after);
        }
    }

    /**
     * A member left: if this node is now the oldest, it removes the member's sessions from every activity, tells
     * everyone, and hands each activity that has no members left to {@code emptied}. Runs off the caller's thread.
     */
    void memberLeft(String memberId, Emptied emptied) {
        inbox.execute(() -> {
            List<ClusterMember> members = membership.members();
            if (members.isEmpty() || !members.get(0).id().equals(membership.localMemberId())) {
                return;
            }
            int changed = 0;
            for (String key : directory.keys()) {
                SharedActivity.Key parts = SharedActivity.parseKey(key);
                if (parts == null) {
                    continue;
                }
                Change change = update(key, a -> {
                    Set<String> gone = a.members().stream()
                            .filter(m -> m.memberId().equals(memberId))
                            .map(SharedActivity.Member::sessionId)
                            .collect(Collectors.toSet());
                    return gone.isEmpty() ? null : a.without(gone, Map.of());
                });
                if (change == null) {
                    continue;
                }
                changed++;
                domain(parts.namespace(), parts.domainId()).show(parts.id(), change.after());
                broadcast(key, change.after());
                if (!change.after().live()) {
                    try {
                        emptied.emptied(
                                parts.namespace(),
                                parts.domainId(),
                                parts.id(),
                                change.after().ephemeral());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "could not delete ephemeral activity " + parts.id(), e);
                    }
                }
            }
            if (changed > 0) {
                LOG.log(
                        Level.INFO,
                        "Activities: {0} had sessions on member {1}, which left; they were removed",
                        new Object[] {changed, memberId});
            }
        });
    }
}
