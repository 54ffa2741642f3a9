package dev.tandem.activity;

import dev.tandem.activity.ActivityException.Reason;
import dev.tandem.activity.LiveActivity.Member;
import dev.tandem.identity.DomainUserView;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
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

/**
 * The live activities of one domain: who is joined to each (visibly or lurking) and each visible session's state.
 * Pure in-memory logic; permissions are resolved and the database is read by the caller. Each live activity and its
 * members are a {@link LiveActivity}.
 *
 * <p>One lock (this object) guards everything and listeners are called while it is held, so every participant sees
 * the changes of an activity in the order they happened, and a join answer goes out before any change that follows
 * it. The {@link ActivityService} also holds this lock around the database work of a join, leave or delete, so that
 * an activity's row and its live state change together. An activity is live while it has members; the last leave
 * drops it from memory.
 */
final class DomainActivities implements LiveActivities {

    private final int maxStateKeys;
    private final Map<ActivityId, LiveActivity> live = new HashMap<>();
    private final Map<String, Set<ActivityId>> bySession = new HashMap<>();

    DomainActivities(int maxStateKeys) {
        this.maxStateKeys = maxStateKeys;
    }

    /** The activity's stored facts, if it is live (has members). */
    @Override
    public synchronized Optional<ActivityInfo> liveInfo(ActivityId id) {
        LiveActivity activity = live.get(id);
        return activity == null ? Optional.empty() : Optional.of(activity.info);
    }

    @Override
    public synchronized boolean isJoined(ActivityId id, String sessionId) {
        LiveActivity activity = live.get(id);
        return activity != null && activity.members.containsKey(sessionId);
    }

    /** The activities the session is joined to. */
    @Override
    public synchronized Set<ActivityId> joinedBy(String sessionId) {
        return Set.copyOf(bySession.getOrDefault(sessionId, Set.of()));
    }

    /**
     * Joins the session to the activity, visibly or lurking, and hands the answer to {@code reply} before anyone is
     * told (still under the lock). The caller has checked that {@code permissions} allow the join.
     *
     * <p>A session that is already joined joins again rather than being refused: after a reconnect the client
     * re-sends a join for every activity object it ever created, and two objects of one client may name the same
     * activity (one left, one joined later; the live one joins last). Refusing the second join would leave the live
     * object without a resource id. The latest join wins: its mode (visible or lurking) and its state replace the
     * session's, and the others see the difference (joined, left, or a state update).
     *
     * @param state the session's initial state; ignored when lurking or without {@link ActivityPermission#SET_STATE}
     * @throws ActivityException {@code INVALID} if the state has more keys than allowed
     */
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
        LiveActivity activity = live.computeIfAbsent(info.id(), k -> new LiveActivity(info));
        Member member = activity.members.get(sessionId);
        boolean rejoin = member != null;
        boolean wasVisible = rejoin && !member.lurking;
        Map<String, JsonValue> oldState = rejoin ? new LinkedHashMap<>(member.state) : Map.of();
        if (!rejoin) {
            member = new Member(sessionId, user);
            activity.members.put(sessionId, member);
            bySession.computeIfAbsent(sessionId, k -> new LinkedHashSet<>()).add(info.id());
        }
        member.listener = listener;
        member.permissions = EnumSet.noneOf(ActivityPermission.class);
        member.permissions.addAll(permissions);
        member.lurking = lurk;
        member.state.clear();
        member.state.putAll(initial);

        JoinedActivity answer = new JoinedActivity(
                activity.info.id(), activity.info.ephemeral(), activity.info.created(), activity.visibleTo(member));
        reply.accept(answer);

        Member joined = member;
        if (!lurk && !wasVisible) {
            activity.notifyOthers(
                    joined,
                    m -> m.listener.sessionJoined(
                            info.id(), sessionId, user, m.canView() ? LiveActivity.copy(joined.state) : Map.of()));
        } else if (lurk && wasVisible) {
            activity.notifyOthers(joined, m -> m.listener.sessionLeft(info.id(), sessionId));
        } else if (!lurk) {
            activity.relayReplacement(joined, oldState);
        }
        return answer;
    }

    /**
     * Removes the session from the activity; the others see it leave if it was visible.
     *
     * @return the activity's facts if it has no members left (it is no longer live)
     * @throws ActivityException {@code NOT_JOINED} if the session is not a member
     */
    @Override
    public synchronized Optional<ActivityInfo> leave(ActivityId id, String sessionId) throws ActivityException {
        LiveActivity activity = live.get(id);
        Member member = activity == null ? null : activity.members.get(sessionId);
        if (member == null) {
            throw new ActivityException(Reason.NOT_JOINED, "session " + sessionId + " has not joined " + id);
        }
        return remove(activity, member);
    }

    /**
     * Removes the session from the activity and tells it so ({@link ActivityListener#forcedToLeave}); the others see
     * it leave. Nothing happens if it is not a member.
     *
     * @return the activity's facts if it has no members left
     */
    @Override
    public synchronized Optional<ActivityInfo> forceLeave(ActivityId id, String sessionId, String reason) {
        LiveActivity activity = live.get(id);
        Member member = activity == null ? null : activity.members.get(sessionId);
        if (member == null) {
            return Optional.empty();
        }
        Optional<ActivityInfo> emptied = remove(activity, member);
        LiveActivity.call(member, l -> l.forcedToLeave(id, reason));
        return emptied;
    }

    /**
     * Gives a live activity new stored facts (its permissions changed) and each member its newly resolved
     * permissions.
     *
     * @return the sessions that may no longer be joined (no {@code join}, or no {@code lurk} for a lurker); the
     *         caller forces them out
     */
    @Override
    public synchronized List<String> replaceInfo(
            ActivityInfo info, Function<DomainUserView, Set<ActivityPermission>> resolve) {
        LiveActivity activity = live.get(info.id());
        if (activity == null) {
            return List.of();
        }
        activity.info = info;
        List<String> lost = new ArrayList<>();
        for (Member member : activity.members.values()) {
            Set<ActivityPermission> permissions = resolve.apply(member.user);
            member.permissions = EnumSet.noneOf(ActivityPermission.class);
            member.permissions.addAll(permissions);
            if (!permissions.contains(member.lurking ? ActivityPermission.LURK : ActivityPermission.JOIN)) {
                lost.add(member.sessionId);
            }
        }
        return lost;
    }

    /**
     * Removes the session from every activity it joined (it disconnected).
     *
     * @return the activities left without members
     */
    @Override
    public synchronized List<ActivityInfo> leaveAll(String sessionId) {
        List<ActivityInfo> emptied = new ArrayList<>();
        for (ActivityId id : joinedBy(sessionId)) {
            LiveActivity activity = live.get(id);
            Member member = activity == null ? null : activity.members.get(sessionId);
            if (member != null) {
                remove(activity, member).ifPresent(emptied::add);
            }
        }
        bySession.remove(sessionId);
        return emptied;
    }

    /**
     * Changes the session's state and tells the members that may view state. With {@code complete}, {@code set}
     * replaces the whole state and {@code removed} is ignored; otherwise {@code removed} keys are removed first and
     * {@code set} is merged after.
     *
     * <p>A replacement is relayed as the keys removed plus the keys set, never as {@code complete} with values: the
     * rc.12 client reads every {@code complete} update as a clear. Only a replacement by nothing is relayed as a
     * clear, which the client handles.
     *
     * @throws ActivityException {@code NOT_JOINED}; {@code UNAUTHORIZED} while lurking or without
     *                           {@link ActivityPermission#SET_STATE}; {@code INVALID} if the state would hold more
     *                           keys than allowed
     */
    @Override
    public synchronized void updateState(
            ActivityId id, String sessionId, Map<String, JsonValue> set, boolean complete, Collection<String> removed)
            throws ActivityException {
        LiveActivity activity = live.get(id);
        Member member = activity == null ? null : activity.members.get(sessionId);
        if (member == null) {
            throw new ActivityException(Reason.NOT_JOINED, "session " + sessionId + " has not joined " + id);
        }
        if (member.lurking) {
            throw new ActivityException(Reason.UNAUTHORIZED, "a lurking session has no state");
        }
        if (!member.permissions.contains(ActivityPermission.SET_STATE)) {
            throw new ActivityException(Reason.UNAUTHORIZED, "no permission to set state in " + id);
        }
        if (complete) {
            checkSize(set.size());
            Map<String, JsonValue> old = new LinkedHashMap<>(member.state);
            member.state.clear();
            member.state.putAll(set);
            activity.relayReplacement(member, old);
            return;
        }
        List<String> gone = new ArrayList<>();
        for (String key : new LinkedHashSet<>(removed)) {
            if (member.state.containsKey(key)) {
                gone.add(key);
            }
        }
        long added = set.keySet().stream()
                .filter(k -> !member.state.containsKey(k) || gone.contains(k))
                .count();
        checkSize(member.state.size() - gone.size() + (int) added);
        gone.forEach(member.state::remove);
        member.state.putAll(set);
        if (!gone.isEmpty() || !set.isEmpty()) {
            Map<String, JsonValue> pushedSet = LiveActivity.copy(set);
            List<String> pushedRemoved = List.copyOf(gone);
            activity.notifyViewers(member, l -> l.stateUpdated(id, sessionId, pushedSet, pushedRemoved, false));
        }
    }

    /**
     * Removes the activity from memory and tells every member (lurkers included) that it was deleted. Nothing
     * happens if it is not live.
     */
    @Override
    public synchronized void delete(ActivityId id) {
        LiveActivity activity = live.remove(id);
        if (activity == null) {
            return;
        }
        for (Member member : activity.members.values()) {
            Set<ActivityId> joined = bySession.get(member.sessionId);
            if (joined != null) {
                joined.remove(id);
                if (joined.isEmpty()) {
                    bySession.remove(member.sessionId);
                }
            }
        }
        for (Member member : activity.members.values()) {
            LiveActivity.call(member, l -> l.deleted(id));
        }
    }

    /**
     * The visible participants of the activity as a viewer with {@code permissions} sees them (no state without
     * {@link ActivityPermission#VIEW_STATE}); empty if it is not live.
     */
    @Override
    public synchronized Map<String, Participant> participants(ActivityId id, Set<ActivityPermission> permissions) {
        LiveActivity activity = live.get(id);
        if (activity == null) {
            return Map.of();
        }
        boolean view = permissions.contains(ActivityPermission.VIEW_STATE);
        Map<String, Participant> result = new LinkedHashMap<>();
        for (Member m : activity.members.values()) {
            if (!m.lurking) {
                result.put(m.sessionId, new Participant(m.sessionId, m.user, view ? m.state : Map.of()));
            }
        }
        return result;
    }

    /** Every live activity's facts and joined sessions (lurkers too, in joining order). */
    @Override
    public synchronized Map<ActivityId, ActivitySummary> live() {
        Map<ActivityId, ActivitySummary> result = new HashMap<>();
        live.forEach((id, activity) -> result.put(
                id,
                new ActivitySummary(
                        id,
                        activity.info.ephemeral(),
                        activity.info.created(),
                        activity.members.values().stream()
                                .map(m -> new JoinedSession(m.sessionId, m.user, m.lurking))
                                .toList())));
        return result;
    }

    /** True if nothing is live; the domain's entry may then be dropped. */
    @Override
    public synchronized boolean isEmpty() {
        return live.isEmpty();
    }

    private Optional<ActivityInfo> remove(LiveActivity activity, Member member) {
        activity.members.remove(member.sessionId);
        Set<ActivityId> joined = bySession.get(member.sessionId);
        if (joined != null) {
            joined.remove(activity.info.id());
            if (joined.isEmpty()) {
                bySession.remove(member.sessionId);
            }
        }
        if (!member.lurking) {
            activity.notifyOthers(member, m -> m.listener.sessionLeft(activity.info.id(), member.sessionId));
        }
        if (activity.members.isEmpty()) {
            live.remove(activity.info.id(), activity);
            return Optional.of(activity.info);
        }
        return Optional.empty();
    }

    private void checkSize(int keys) throws ActivityException {
        if (keys > maxStateKeys) {
            throw new ActivityException(
                    Reason.INVALID, "a session's activity state holds at most " + maxStateKeys + " keys");
        }
    }
}
