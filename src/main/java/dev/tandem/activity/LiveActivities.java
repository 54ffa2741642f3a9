package dev.tandem.activity;

import dev.tandem.identity.DomainUserView;
import jakarta.json.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Who is joined to the activities of one domain and their states: what {@link ActivityService} changes under the
 * domain's lock (this object's monitor), and the only place its listeners are called from. Two implementations with
 * one behaviour: {@link DomainActivities}, this node's memory alone, and {@link SharedDomainActivities}, shared by the
 * nodes of a cluster. The behaviour is {@link DomainActivities}'s; see its methods.
 */
interface LiveActivities {

    /** The activity's stored facts if this object knows them without the database (it is live here); else empty. */
    Optional<ActivityInfo> liveInfo(ActivityId id);

    boolean isJoined(ActivityId id, String sessionId);

    /** The activities the session (one of this node's) is joined to. */
    Set<ActivityId> joinedBy(String sessionId);

    /** True if none of this node's sessions is joined to anything. */
    boolean isEmpty();

    JoinedActivity join(
            ActivityInfo info,
            String sessionId,
            DomainUserView user,
            Set<ActivityPermission> permissions,
            boolean lurk,
            Map<String, JsonValue> state,
            ActivityListener listener,
            Consumer<JoinedActivity> reply)
            throws ActivityException;

    Optional<ActivityInfo> leave(ActivityId id, String sessionId) throws ActivityException;

    Optional<ActivityInfo> forceLeave(ActivityId id, String sessionId, String reason);

    List<String> replaceInfo(ActivityInfo info, Function<DomainUserView, Set<ActivityPermission>> resolve);

    List<ActivityInfo> leaveAll(String sessionId);

    void updateState(
            ActivityId id, String sessionId, Map<String, JsonValue> set, boolean complete, Collection<String> removed)
            throws ActivityException;

    void delete(ActivityId id);

    Map<String, Participant> participants(ActivityId id, Set<ActivityPermission> permissions);

    Map<ActivityId, ActivitySummary> live();
}
