package dev.tandem.activity;

import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.VersionedEntries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Activities shared by the nodes of a cluster: this node's side. Each live activity is one entry of the data grid's
 * shared directory ({@code tandem.activities}), a {@link SharedActivity}, kept as {@link VersionedEntries}: changed
 * by compare-and-set (so changes from several nodes serialize per activity, as under one node's lock) and announced
 * to every other node after each change. Each node shows its own sessions the difference between what they last saw
 * and the newer entry ({@link SharedDomainActivities}), the way presence does.
 *
 * <p>A node that leaves takes its sessions with it: the oldest remaining node removes them from every activity.
 */
final class ClusterActivities {

    static final String DIRECTORY = "activities";

    private static final Logger LOG = Logger.getLogger(ClusterActivities.class.getName());

    /** What a member's departure left without members, for the caller to delete if ephemeral. */
    interface Emptied {
        void emptied(String namespace, String domainId, ActivityId id, boolean ephemeral);
    }

    private record DomainKey(String namespace, String domainId) {}

    private final VersionedEntries<SharedActivity> entries;
    private final int maxStateKeys;
    private final Map<DomainKey, SharedDomainActivities> domains = new ConcurrentHashMap<>();

    ClusterActivities(ClusterMembership membership, Executor executor, int maxStateKeys) {
        this.maxStateKeys = maxStateKeys;
        this.entries = new VersionedEntries<>(
                membership, DIRECTORY, SharedActivity::parse, SharedActivity.ABSENT, executor, this::received);
    }

    /** The live activities of one domain, as this node shows them to its sessions. */
    SharedDomainActivities domain(String namespace, String domainId) {
        return domains.computeIfAbsent(
                new DomainKey(namespace, domainId),
                k -> new SharedDomainActivities(this, namespace, domainId, maxStateKeys));
    }

    String localMemberId() {
        return entries.localMemberId();
    }

    /** See {@link VersionedEntries#update}. */
    VersionedEntries.Change<SharedActivity> update(String key, UnaryOperator<SharedActivity> change) {
        return entries.update(key, change);
    }

    SharedActivity read(String key) {
        return entries.read(key);
    }

    /** The keys of every activity entry of a domain: a scan of the directory, for the admin API's listings. */
    List<String> keysOf(String namespace, String domainId) {
        List<String> keys = new ArrayList<>();
        for (String key : entries.keys()) {
            SharedActivity.Key parts = SharedActivity.parseKey(key);
            if (parts != null
                    && parts.namespace().equals(namespace)
                    && parts.domainId().equals(domainId)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Sends the activity's new entry to every other node. */
    void broadcast(String key, SharedActivity after) {
        entries.announce(key, after, null);
    }

    private void received(String key, SharedActivity after, String note) {
        SharedActivity.Key parts = SharedActivity.parseKey(key);
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
        entries.whenOldest(() -> {
            int changed = 0;
            for (String key : entries.keys()) {
                SharedActivity.Key parts = SharedActivity.parseKey(key);
                if (parts == null) {
                    continue;
                }
                VersionedEntries.Change<SharedActivity> change = entries.update(key, a -> {
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
