package dev.tandem.activity;

import dev.tandem.activity.ActivityException.Reason;
import dev.tandem.activity.SharedActivity.Member;
import dev.tandem.cluster.VersionedEntries;
import dev.tandem.identity.DomainUserView;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live activities of one domain in a cluster, as one node holds them: the truth is each activity's entry in the
 * shared directory ({@link ClusterActivities}); this node keeps, for each of its own joined sessions, its listener
 * and the version of the activity it last showed it, and shows it the difference to each newer version (members that
 * joined or left, states that changed, the activity's deletion, its own forced leave). A session is never told about
 * itself. One lock (this object) guards the node's part and is held while listeners are called, as on one node.
 */
final class SharedDomainActivities implements LiveActivities {

    private static final Logger LOG = Logger.getLogger(SharedDomainActivities.class.getName());

    /** A session of this node joined to an activity. */
    private static final class Local {
        final String sessionId;
        ActivityListener listener;
        SharedActivity view;

        Local(String sessionId) {
            this.sessionId = sessionId;
        }
    }

    /** A refusal from inside a compare-and-set's change, carried out of it. */
    private static final class Refused extends RuntimeException {
        final ActivityException refusal;

        Refused(ActivityException refusal) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }

    private final ClusterActivities cluster;
    private final String namespace;
    private final String domainId;
    private final int maxStateKeys;
    private final Map<ActivityId, Map<String, Local>> local = new HashMap<>();
    private final Map<String, Set<ActivityId>> bySession = new HashMap<>();

    SharedDomainActivities(ClusterActivities cluster, String namespace, String domainId, int maxStateKeys) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.domainId = domainId;
        this.maxStateKeys = maxStateKeys;
    }

    /** Never: the stored facts are read from the database, which every node shares. */
    @Override
    public Optional<ActivityInfo> liveInfo(ActivityId id) {
        return Optional.empty();
    }

    @Override
    public synchronized boolean isJoined(ActivityId id, String sessionId) {
        return local.getOrDefault(id, Map.of()).containsKey(sessionId);
    }

    @Override
    public synchronized Set<ActivityId> joinedBy(String sessionId) {
        return Set.copyOf(bySession.getOrDefault(sessionId, Set.of()));
    }

    @Override
    public synchronized boolean isEmpty() {
        return local.isEmpty();
    }

    @Override
    public synchronized JoinedActivity join(
            ActivityInfo info,
            String sessionId,
            DomainUserView user,
            Set<ActivityPermission> permissions,
            boolean lurk,
            Map<String, JsonValue> state,
            ActivityListener listener,
            Consumer<JoinedActivity> reply)
            throws ActivityException {
        Objects.requireNonNull(listener, "listener");
        Map<String, JsonValue> initial = lurk || !permissions.contains(ActivityPermission.SET_STATE) ? Map.of() : state;
        checkSize(initial.size());
        Member member = new Member(sessionId, cluster.localMemberId(), user, lurk, permissions, initial);
        String key = key(info.id());
        VersionedEntries.Change<SharedActivity> change =
                cluster.update(key, a -> a.with(member, info.ephemeral(), info.created()));
        // Shown from the newest entry, read now, in order with every change shown after it.
        SharedActivity view = newer(change.after(), cluster.read(key));
        Local joined =
                local.computeIfAbsent(info.id(), k -> new LinkedHashMap<>()).computeIfAbsent(sessionId, Local::new);
        joined.listener = listener;
        joined.view = view;
        bySession.computeIfAbsent(sessionId, k -> new LinkedHashSet<>()).add(info.id());
        JoinedActivity answer =
                new JoinedActivity(info.id(), view.ephemeral(), view.created(), visibleTo(view, sessionId));
        reply.accept(answer);
        show(info.id(), change.after());
        cluster.broadcast(key, change.after());
        return answer;
    }

    @Override
    public synchronized Optional<ActivityInfo> leave(ActivityId id, String sessionId) throws ActivityException {
        if (!isJoined(id, sessionId)) {
            throw new ActivityException(Reason.NOT_JOINED, "session " + sessionId + " has not joined " + id);
        }
        forget(id, sessionId);
        return remove(id, sessionId, Map.of());
    }

    @Override
    public synchronized Optional<ActivityInfo> forceLeave(ActivityId id, String sessionId, String reason) {
        return remove(id, sessionId, Map.of(sessionId, reason));
    }

    private Optional<ActivityInfo> remove(ActivityId id, String sessionId, Map<String, String> forced) {
        String key = key(id);
        VersionedEntries.Change<SharedActivity> change =
                cluster.update(key, a -> a.member(sessionId) == null ? null : a.without(Set.of(sessionId), forced));
        if (change == null) {
            return Optional.empty();
        }
        show(id, change.after());
        cluster.broadcast(key, change.after());
        return change.after().live() ? Optional.empty() : Optional.of(info(id, change.after()));
    }

    @Override
    public synchronized List<String> replaceInfo(
            ActivityInfo info, Function<DomainUserView, Set<ActivityPermission>> resolve) {
        String key = key(info.id());
        VersionedEntries.Change<SharedActivity> change = cluster.update(key, a -> {
            if (!a.live()) {
                return null;
            }
            List<Member> next = new ArrayList<>();
            for (Member m : a.members()) {
                next.add(m.withPermissions(resolve.apply(m.user())));
            }
            return a.withMembers(next);
        });
        if (change == null) {
            return List.of();
        }
        show(info.id(), change.after());
        cluster.broadcast(key, change.after());
        List<String> lost = new ArrayList<>();
        for (Member m : change.after().members()) {
            if (!m.permissions().contains(m.lurking() ? ActivityPermission.LURK : ActivityPermission.JOIN)) {
                lost.add(m.sessionId());
            }
        }
        return lost;
    }

    @Override
    public synchronized List<ActivityInfo> leaveAll(String sessionId) {
        List<ActivityInfo> emptied = new ArrayList<>();
        for (ActivityId id : List.copyOf(bySession.getOrDefault(sessionId, Set.of()))) {
            forget(id, sessionId);
            remove(id, sessionId, Map.of()).ifPresent(emptied::add);
        }
        return emptied;
    }

    @Override
    public synchronized void updateState(
            ActivityId id, String sessionId, Map<String, JsonValue> set, boolean complete, Collection<String> removed)
            throws ActivityException {
        if (!isJoined(id, sessionId)) {
            throw new ActivityException(Reason.NOT_JOINED, "session " + sessionId + " has not joined " + id);
        }
        String key = key(id);
        VersionedEntries.Change<SharedActivity> change;
        try {
            change = cluster.update(key, a -> {
                Member m = a.member(sessionId);
                if (m == null) {
                    throw new Refused(
                            new ActivityException(Reason.NOT_JOINED, "session " + sessionId + " has not joined " + id));
                }
                if (m.lurking()) {
                    throw new Refused(new ActivityException(Reason.UNAUTHORIZED, "a lurking session has no state"));
                }
                if (!m.permissions().contains(ActivityPermission.SET_STATE)) {
                    throw new Refused(
                            new ActivityException(Reason.UNAUTHORIZED, "no permission to set state in " + id));
                }
                Map<String, JsonValue> next = new LinkedHashMap<>(complete ? Map.of() : m.state());
                if (!complete) {
                    removed.forEach(next::remove);
                }
                next.putAll(set);
                try {
                    checkSize(next.size());
                } catch (ActivityException e) {
                    throw new Refused(e);
                }
                return next.equals(m.state()) ? null : a.changing(sessionId, x -> x.withState(next));
            });
        } catch (Refused r) {
            throw r.refusal;
        }
        if (change != null) {
            show(id, change.after());
            cluster.broadcast(key, change.after());
        }
    }

    @Override
    public synchronized void delete(ActivityId id) {
        String key = key(id);
        VersionedEntries.Change<SharedActivity> change = cluster.update(key, a -> a.live() ? a.asDeleted() : null);
        if (change != null) {
            show(id, change.after());
            cluster.broadcast(key, change.after());
        }
    }

    @Override
    public Map<String, Participant> participants(ActivityId id, Set<ActivityPermission> permissions) {
        SharedActivity activity = cluster.read(key(id));
        if (!activity.live()) {
            return Map.of();
        }
        boolean view = permissions.contains(ActivityPermission.VIEW_STATE);
        Map<String, Participant> result = new LinkedHashMap<>();
        for (Member m : activity.members()) {
            if (!m.lurking()) {
                result.put(m.sessionId(), new Participant(m.sessionId(), m.user(), view ? m.state() : Map.of()));
            }
        }
        return result;
    }

    @Override
    public Map<ActivityId, ActivitySummary> live() {
        Map<ActivityId, ActivitySummary> result = new HashMap<>();
        for (String key : cluster.keysOf(namespace, domainId)) {
            SharedActivity activity = cluster.read(key);
            SharedActivity.Key parts = SharedActivity.parseKey(key);
            if (activity.live() && parts != null) {
                result.put(
                        parts.id(),
                        new ActivitySummary(
                                parts.id(),
                                activity.ephemeral(),
                                activity.created(),
                                activity.members().stream()
                                        .map(m -> new JoinedSession(m.sessionId(), m.user(), m.lurking()))
                                        .toList()));
            }
        }
        return result;
    }

    // --- showing changes to this node's sessions ---

    /**
     * Shows each of this node's sessions joined to the activity what changed since the version it last saw, if
     * {@code after} is newer; a session the change removed is forgotten (and told, if it was forced out or the
     * activity was deleted).
     */
    synchronized void show(ActivityId id, SharedActivity after) {
        Map<String, Local> sessions = local.get(id);
        if (sessions == null) {
            return;
        }
        for (Local l : List.copyOf(sessions.values())) {
            if (after.version() <= l.view.version()) {
                continue;
            }
            SharedActivity before = l.view;
            l.view = after;
            if (after.deleted()) {
                forget(id, l.sessionId);
                call(l, listener -> listener.deleted(id));
                continue;
            }
            Member self = after.member(l.sessionId);
            if (self == null) {
                forget(id, l.sessionId);
                String reason = after.forced().get(l.sessionId);
                if (reason != null) {
                    call(l, listener -> listener.forcedToLeave(id, reason));
                }
                continue;
            }
            showDifference(id, l, before, after, self.canView());
        }
    }

    private static void showDifference(
            ActivityId id, Local viewer, SharedActivity before, SharedActivity after, boolean canView) {
        Map<String, Member> was = visible(before, viewer.sessionId);
        Map<String, Member> now = visible(after, viewer.sessionId);
        for (String gone : was.keySet()) {
            if (!now.containsKey(gone)) {
                call(viewer, l -> l.sessionLeft(id, gone));
            }
        }
        for (Member m : now.values()) {
            Member old = was.get(m.sessionId());
            if (old == null) {
                Map<String, JsonValue> state = canView ? m.state() : Map.of();
                call(viewer, l -> l.sessionJoined(id, m.sessionId(), m.user(), state));
            } else if (canView && !old.state().equals(m.state())) {
                if (m.state().isEmpty()) {
                    call(viewer, l -> l.stateUpdated(id, m.sessionId(), Map.of(), List.of(), true));
                    continue;
                }
                List<String> removed = new ArrayList<>();
                for (String k : old.state().keySet()) {
                    if (!m.state().containsKey(k)) {
                        removed.add(k);
                    }
                }
                Map<String, JsonValue> set = new LinkedHashMap<>();
                m.state().forEach((k, v) -> {
                    if (!v.equals(old.state().get(k))) {
                        set.put(k, v);
                    }
                });
                Map<String, JsonValue> pushedSet = Collections.unmodifiableMap(set);
                List<String> pushedRemoved = List.copyOf(removed);
                call(viewer, l -> l.stateUpdated(id, m.sessionId(), pushedSet, pushedRemoved, false));
            }
        }
    }

    /** The visible members (not lurking, not the viewer itself) of a version, in joining order. */
    private static Map<String, Member> visible(SharedActivity activity, String viewer) {
        Map<String, Member> result = new LinkedHashMap<>();
        if (activity.deleted()) {
            return result;
        }
        for (Member m : activity.members()) {
            if (!m.lurking() && !m.sessionId().equals(viewer)) {
                result.put(m.sessionId(), m);
            }
        }
        return result;
    }

    /** The visible participants as the session sees them in its join answer (its own state always). */
    private static Map<String, Participant> visibleTo(SharedActivity activity, String sessionId) {
        Member viewer = activity.member(sessionId);
        boolean canView = viewer != null && viewer.canView();
        Map<String, Participant> result = new LinkedHashMap<>();
        for (Member m : activity.members()) {
            if (!m.lurking()) {
                boolean view = canView || m.sessionId().equals(sessionId);
                result.put(m.sessionId(), new Participant(m.sessionId(), m.user(), view ? m.state() : Map.of()));
            }
        }
        return result;
    }

    private void forget(ActivityId id, String sessionId) {
        Map<String, Local> sessions = local.get(id);
        if (sessions != null) {
            sessions.remove(sessionId);
            if (sessions.isEmpty()) {
                local.remove(id);
            }
        }
        Set<ActivityId> joined = bySession.get(sessionId);
        if (joined != null) {
            joined.remove(id);
            if (joined.isEmpty()) {
                bySession.remove(sessionId);
            }
        }
    }

    private static void call(Local session, Consumer<ActivityListener> push) {
        try {
            push.accept(session.listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "activity listener of session " + session.sessionId + " failed", e);
        }
    }

    private static SharedActivity newer(SharedActivity a, SharedActivity b) {
        return b.version() > a.version() ? b : a;
    }

    private static ActivityInfo info(ActivityId id, SharedActivity activity) {
        return new ActivityInfo(id, activity.ephemeral(), activity.created(), ActivityPermissions.UNSPECIFIED);
    }

    private String key(ActivityId id) {
        return SharedActivity.key(namespace, domainId, id);
    }

    private void checkSize(int keys) throws ActivityException {
        if (keys > maxStateKeys) {
            throw new ActivityException(
                    Reason.INVALID, "a session's activity state holds at most " + maxStateKeys + " keys");
        }
    }
}
