package dev.tandem.presence;

import dev.tandem.identity.DomainUserId;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records what one session is pushed, as readable strings ("bob available", "bob set {k=\"v\"}"). */
class PresenceRecorder implements PresenceListener {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void availabilityChanged(DomainUserId user, boolean available) {
        events.add(user.username() + (available ? " available" : " unavailable"));
    }

    @Override
    public synchronized void stateSet(DomainUserId user, Map<String, JsonValue> state) {
        events.add(user.username() + " set " + state);
    }

    @Override
    public synchronized void stateRemoved(DomainUserId user, List<String> keys) {
        events.add(user.username() + " removed " + keys);
    }

    @Override
    public synchronized void stateCleared(DomainUserId user) {
        events.add(user.username() + " cleared");
    }

    synchronized List<String> take() {
        List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }
}
