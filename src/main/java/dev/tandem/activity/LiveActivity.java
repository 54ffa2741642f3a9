package dev.tandem.activity;

import dev.tandem.identity.DomainUserView;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live activity of a {@link DomainActivities}: its stored facts, its members in joining order, and how they are
 * told about each other. Not thread-safe: touched only under the lock of the {@link DomainActivities} that owns it,
 * which is also held while listeners are called, so every member sees the activity's changes in order.
 */
final class LiveActivity {

    private static final Logger LOG = Logger.getLogger(LiveActivity.class.getName());

    /** One joined session. */
    static final class Member {
        final String sessionId;
        final DomainUserView user;
        ActivityListener listener;
        Set<ActivityPermission> permissions;
        boolean lurking;
        /** Insertion-ordered: clients show keys in the order they were set. Always empty while lurking. */
        final Map<String, JsonValue> state = new LinkedHashMap<>();

        Member(String sessionId, DomainUserView user) {
            this.sessionId = sessionId;
            this.user = user;
        }

        boolean canView() {
            return permissions.contains(ActivityPermission.VIEW_STATE);
        }
    }

    ActivityInfo info;
    /** In joining order, which is the order participants are listed in. */
    final Map<String, Member> members = new LinkedHashMap<>();

    LiveActivity(ActivityInfo info) {
        this.info = info;
    }

    /** The visible participants as {@code viewer} sees them in its join answer. */
    Map<String, Participant> visibleTo(Member viewer) {
        Map<String, Participant> result = new LinkedHashMap<>();
        for (Member m : members.values()) {
            if (!m.lurking) {
                // Its own state always: the client takes its local participant from this answer.
                boolean view = m == viewer || viewer.canView();
                result.put(m.sessionId, new Participant(m.sessionId, m.user, view ? m.state : Map.of()));
            }
        }
        return result;
    }

    /** Tells the viewers how {@code member}'s state went from {@code old} to its current state. */
    void relayReplacement(Member member, Map<String, JsonValue> old) {
        ActivityId id = info.id();
        if (member.state.isEmpty()) {
            if (!old.isEmpty()) {
                notifyViewers(member, l -> l.stateUpdated(id, member.sessionId, Map.of(), List.of(), true));
            }
            return;
        }
        List<String> gone = new ArrayList<>();
        for (String key : old.keySet()) {
            if (!member.state.containsKey(key)) {
                gone.add(key);
            }
        }
        Map<String, JsonValue> changed = new LinkedHashMap<>();
        member.state.forEach((k, v) -> {
            if (!v.equals(old.get(k))) {
                changed.put(k, v);
            }
        });
        if (!gone.isEmpty() || !changed.isEmpty()) {
            Map<String, JsonValue> pushedSet = Collections.unmodifiableMap(changed);
            List<String> pushedRemoved = List.copyOf(gone);
            notifyViewers(member, l -> l.stateUpdated(id, member.sessionId, pushedSet, pushedRemoved, false));
        }
    }

    /** Calls every member but {@code origin}; a listener's failure is logged and the others are still called. */
    void notifyOthers(Member origin, Consumer<Member> call) {
        for (Member m : List.copyOf(members.values())) {
            if (m != origin) {
                try {
                    call.accept(m);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "activity listener of session " + m.sessionId + " failed", e);
                }
            }
        }
    }

    /** Calls the listener of every member but {@code origin} that may view state. */
    void notifyViewers(Member origin, Consumer<ActivityListener> call) {
        notifyOthers(origin, m -> {
            if (m.canView()) {
                call.accept(m.listener);
            }
        });
    }

    /** Calls one member's listener; a failure is logged. */
    static void call(Member member, Consumer<ActivityListener> call) {
        try {
            call.accept(member.listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "activity listener of session " + member.sessionId + " failed", e);
        }
    }

    static Map<String, JsonValue> copy(Map<String, JsonValue> state) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }
}
