package dev.tandem.interfaces.realtime.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The models one connection has open, by {@code resourceId}: the routing key of every later model message. Resource
 * ids are never reused on a connection, so a late message for a closed model cannot reach a newer one.
 */
final class OpenModels {

    private final AtomicInteger nextResourceId = new AtomicInteger();
    private final Map<Integer, RealtimeParticipant> byResource = new ConcurrentHashMap<>();
    private volatile String domainRef;

    int allocateResourceId() {
        return nextResourceId.getAndIncrement();
    }

    void add(RealtimeParticipant participant) {
        byResource.put(participant.resourceId(), participant);
    }

    void remove(RealtimeParticipant participant) {
        byResource.remove(participant.resourceId(), participant);
    }

    Optional<RealtimeParticipant> get(int resourceId) {
        return Optional.ofNullable(byResource.get(resourceId));
    }

    /** How many models are open (or resynchronizing). */
    int size() {
        return byResource.size();
    }

    boolean isOpen(String modelId) {
        return byResource.values().stream().anyMatch(p -> p.modelId().equals(modelId));
    }

    List<RealtimeParticipant> all() {
        return new ArrayList<>(byResource.values());
    }

    /** The connection's domain row key, looked up once. */
    String domainRef() {
        return domainRef;
    }

    void domainRef(String ref) {
        this.domainRef = ref;
    }
}
