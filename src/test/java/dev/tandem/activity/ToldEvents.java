package dev.tandem.activity;

import dev.tandem.identity.DomainUserView;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link ActivityListener} for tests: records what one session is told, one readable line per event
 * ({@code "joined b {}"}, {@code "state b set {x="1"} removed []"}, {@code "cleared b"}, {@code "left b"},
 * {@code "deleted"}, {@code "forced <reason>"}).
 */
class ToldEvents implements ActivityListener {

    final List<String> events = new ArrayList<>();

    @Override
    public void sessionJoined(
            ActivityId activity, String sessionId, DomainUserView user, Map<String, JsonValue> state) {
        events.add("joined " + sessionId + " " + state);
    }

    @Override
    public void sessionLeft(ActivityId activity, String sessionId) {
        events.add("left " + sessionId);
    }

    @Override
    public void stateUpdated(
            ActivityId activity, String sessionId, Map<String, JsonValue> set, List<String> removed, boolean cleared) {
        events.add(cleared ? "cleared " + sessionId : "state " + sessionId + " set " + set + " removed " + removed);
    }

    @Override
    public void deleted(ActivityId activity) {
        events.add("deleted");
    }

    @Override
    public void forcedToLeave(ActivityId activity, String reason) {
        events.add("forced " + reason);
    }

    /** The events so far, forgetting them. */
    List<String> take() {
        List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }
}
