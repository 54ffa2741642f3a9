package dev.tandem.model;

import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceTransformer;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.server.CommittedOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who has one live model open, what each may do, and the references they share: the sessions a {@link LiveModel}
 * tells about its operations, collaborators and references.
 *
 * <p>Confined to the model's writer, like the rest of its state: only tasks of its {@link ModelWriter} touch it, one
 * at a time, so it needs no locks.
 */
final class ModelRoster {

    /**
     * How many reference tasks may run before the participants are flushed; see {@link #flushReferenceEvents()}.
     */
    private static final int MAX_HELD_REFERENCE_EVENTS = 64;

    private record ReferenceKey(String sessionId, String valueId, String key) {}

    private final ReferenceTransformer referenceTransformer = new ReferenceTransformer();
    private final Map<String, ModelParticipant> participants = new LinkedHashMap<>();
    // Sessions between their resync request and their resync completion: they receive operations (replayed ones
    // first, then live ones, so none committed meanwhile is lost) and acknowledgements, but nothing about
    // collaborators or references, which their client learns all at once when the resync completes.
    private final Map<String, ModelParticipant> resyncing = new LinkedHashMap<>();
    private final Map<ReferenceKey, SharedReference> references = new LinkedHashMap<>();
    private final Map<String, ModelPermissions> permissions = new LinkedHashMap<>();
    // Sessions that resynchronized and have not yet submitted at or after the version they resynchronized at (which
    // this maps them to): see contextVersionOf().
    private final Map<String, Long> resyncedAt = new HashMap<>();
    // Reference tasks run since the participants were last flushed; see flushReferenceEvents().
    private int heldReferenceEvents;

    /** An open or resynchronizing participant of this session, or null. */
    ModelParticipant member(String sessionId) {
        ModelParticipant open = participants.get(sessionId);
        return open != null ? open : resyncing.get(sessionId);
    }

    /** The open (not resynchronizing) participant of this session, or null. */
    ModelParticipant open(String sessionId) {
        return participants.get(sessionId);
    }

    /** True if nobody has the model open or is resynchronizing it. */
    boolean isEmpty() {
        return participants.isEmpty() && resyncing.isEmpty();
    }

    /** The open participants, then the resynchronizing ones. */
    List<ModelParticipant> members() {
        List<ModelParticipant> members = new ArrayList<>(participants.values());
        members.addAll(resyncing.values());
        return members;
    }

    List<Collaborator> collaborators() {
        List<Collaborator> collaborators = new ArrayList<>();
        for (ModelParticipant p : participants.values()) {
            collaborators.add(new Collaborator(p.sessionId(), p.user()));
        }
        return collaborators;
    }

    List<String> resyncingSessions() {
        return List.copyOf(resyncing.keySet());
    }

    List<SharedReference> references() {
        return List.copyOf(references.values());
    }

    /** What a member may do, as last resolved; null if it is no member. */
    ModelPermissions permissions(String sessionId) {
        return permissions.get(sessionId);
    }

    boolean mayWrite(String sessionId) {
        return permissions.getOrDefault(sessionId, ModelPermissions.NONE).write();
    }

    /** Records what a member may do now. */
    void grant(String sessionId, ModelPermissions granted) {
        permissions.put(sessionId, granted);
    }

    /** Adds a participant that opened the model, with what it may do; telling the others is the caller's. */
    void join(ModelParticipant participant, ModelPermissions granted) {
        String sessionId = participant.sessionId();
        participants.put(sessionId, participant);
        permissions.put(sessionId, granted);
    }

    /**
     * A reconnected participant caught up to {@code version}: from here on live operations reach it too, after the
     * replay and in commit order; the others hear that it started resynchronizing.
     */
    void startResync(ModelParticipant participant, ModelPermissions granted, long version) {
        String sessionId = participant.sessionId();
        resyncedAt.put(sessionId, version);
        permissions.put(sessionId, granted);
        resyncing.put(sessionId, participant);
        Collaborator starting = new Collaborator(sessionId, participant.user());
        forOthers(sessionId, p -> p.collaboratorResyncStarted(starting));
    }

    /**
     * Ends the resync of {@code participant}, which becomes a collaborator again if {@code open}.
     *
     * @return false if it was not resynchronizing (closed meanwhile)
     */
    boolean completeResync(ModelParticipant participant, boolean open) {
        String sessionId = participant.sessionId();
        if (resyncing.get(sessionId) != participant) {
            return false;
        }
        resyncing.remove(sessionId);
        if (open) {
            participants.put(sessionId, participant);
        }
        return true;
    }

    /** Removes a session and its references; if it was open, the others hear it closed. */
    void remove(String sessionId) {
        boolean wasOpen = participants.remove(sessionId) != null;
        resyncing.remove(sessionId);
        resyncedAt.remove(sessionId);
        permissions.remove(sessionId);
        references.keySet().removeIf(key -> key.sessionId().equals(sessionId));
        if (wasOpen) {
            // A session that left while resynchronizing was never announced as open to the others.
            forOthers(sessionId, p -> p.collaboratorClosed(sessionId));
        }
    }

    /** Empties the roster without telling anyone: returns the members, for the caller to close. */
    List<ModelParticipant> clear() {
        List<ModelParticipant> members = members();
        participants.clear();
        resyncing.clear();
        references.clear();
        return members;
    }

    /**
     * The context version to process a submission at. rc.12 rebases its in-flight operations only across remote
     * operations, not across acknowledgements of its own: an operation sent while an earlier one of the same client
     * was unacknowledged keeps the version from before that one's ack. When the connection dropped after such an ack,
     * the client resends it after its resync with a version older than the one it resynchronized at, and the versions
     * in between are all its own operations (had it received anybody else's, it would have rebased the operation
     * past them), which it had applied before making this one. So it is based on the resync version: transforming it
     * across those again would apply them twice, and refusing it (older than the version the session is tracked at)
     * closed the model for a client that did nothing wrong, after every kill -9 that landed among pipelined acks. The
     * first submission at or after that version ends this: from then on the client's versions only grow.
     */
    long contextVersionOf(String sessionId, long contextVersion) {
        Long resynced = resyncedAt.get(sessionId);
        if (resynced == null) {
            return contextVersion;
        }
        if (contextVersion >= resynced) {
            resyncedAt.remove(sessionId);
            return contextVersion;
        }
        return resynced;
    }

    /**
     * Acknowledges a committed batch to its submitters and broadcasts it to everyone else (resynchronizing sessions
     * included), then flushes: each session's share of the batch leaves together (one write per client, not one per
     * operation); acknowledgements first, as the clients waiting for them send their next operations on receipt.
     */
    void deliver(List<ModelWriter.Pending> committed) {
        List<ModelParticipant> submitters = new ArrayList<>(4);
        for (ModelWriter.Pending pending : committed) {
            CommittedOperation c = pending.committed();
            ModelParticipant submitter = member(c.sessionId());
            if (submitter != null && pending.author() == null) {
                submitter.acknowledged(pending.sequenceNumber(), c.version(), pending.committedAt());
                if (!submitters.contains(submitter)) {
                    submitters.add(submitter);
                }
            }
            // Every open participant was told about every other open one (on its open or resync, or since).
            if (pending.author() == null && participants.containsKey(c.sessionId())) {
                forOthers(
                        c.sessionId(),
                        p -> p.remoteOperationFromCollaborator(
                                c.sessionId(), c.version(), pending.committedAt(), c.operation()));
            } else {
                forOthers(c.sessionId(), p -> deliver(p, pending));
            }
            for (ModelParticipant p : resyncing.values()) {
                if (!p.sessionId().equals(c.sessionId())) {
                    deliver(p, pending);
                }
            }
        }
        submitters.forEach(ModelParticipant::flush);
        participants.values().forEach(ModelParticipant::flush);
        resyncing.values().forEach(ModelParticipant::flush);
    }

    private static void deliver(ModelParticipant p, ModelWriter.Pending pending) {
        CommittedOperation c = pending.committed();
        if (pending.author() != null) {
            p.serverOperation(pending.author(), c.version(), pending.committedAt(), c.operation());
        } else {
            p.remoteOperation(c.sessionId(), c.version(), pending.committedAt(), c.operation());
        }
    }

    /** Counts one reference task towards the next flush. */
    void holdReferenceEvent() {
        heldReferenceEvents++;
    }

    /** True once enough reference tasks are held to flush them now, before the end of the writer's turn. */
    boolean holdsTooManyReferenceEvents() {
        return heldReferenceEvents >= MAX_HELD_REFERENCE_EVENTS;
    }

    /**
     * Sends the reference events held since the last flush. A run of reference tasks (a collaborator moving its
     * cursor) is delivered in one write per client; held for at most {@link #MAX_HELD_REFERENCE_EVENTS} tasks, and
     * never past the end of the writer's turn.
     */
    void flushReferenceEvents() {
        if (heldReferenceEvents > 0) {
            heldReferenceEvents = 0;
            participants.values().forEach(ModelParticipant::flush);
        }
    }

    /**
     * A session shared or set a reference, already rebased onto the current version. A set for a reference this
     * session never shared (the client does that after a resync) is taken as a share, so the others learn about it
     * instead of the model being closed.
     */
    void setReference(String sessionId, ReferenceEvent event, ReferenceValue value) {
        ReferenceKey key = new ReferenceKey(sessionId, event.valueId(), event.key());
        SharedReference known =
                references.put(key, new SharedReference(sessionId, event.valueId(), event.key(), value));
        boolean announce = known == null || event.kind() == ReferenceEvent.Kind.SHARE;
        forOthers(sessionId, p -> {
            if (announce) {
                p.referenceShared(sessionId, event.key(), value);
            } else {
                p.referenceSet(sessionId, event.key(), value);
            }
        });
    }

    /** A session cleared or unshared a reference; nothing happens if it never shared it. */
    void dropReference(String sessionId, ReferenceEvent event) {
        ReferenceKey key = new ReferenceKey(sessionId, event.valueId(), event.key());
        SharedReference known = references.get(key);
        if (known == null) {
            return;
        }
        if (event.kind() == ReferenceEvent.Kind.CLEAR) {
            references.put(key, new SharedReference(sessionId, event.valueId(), event.key(), emptied(known.value())));
            forOthers(sessionId, p -> p.referenceCleared(sessionId, event.valueId(), event.key()));
        } else {
            references.remove(key);
            forOthers(sessionId, p -> p.referenceUnshared(sessionId, event.valueId(), event.key()));
        }
    }

    /** Keeps stored references at the model's current version, as every client does with its remote references. */
    void rebaseReferences(Operation operation) {
        for (Iterator<Map.Entry<ReferenceKey, SharedReference>> it =
                        references.entrySet().iterator();
                it.hasNext(); ) {
            Map.Entry<ReferenceKey, SharedReference> entry = it.next();
            SharedReference shared = entry.getValue();
            Optional<ReferenceValue> rebased = referenceTransformer.transform(operation, shared.value());
            if (rebased.isEmpty()) {
                it.remove();
            } else if (!rebased.get().equals(shared.value())) {
                entry.setValue(new SharedReference(shared.sessionId(), shared.valueId(), shared.key(), rebased.get()));
            }
        }
    }

    private static ReferenceValue emptied(ReferenceValue value) {
        if (value instanceof IndexReference index) {
            return new IndexReference(index.valueId(), List.of());
        }
        if (value instanceof RangeReference range) {
            return new RangeReference(range.valueId(), List.of());
        }
        if (value instanceof PropertyReference property) {
            return new PropertyReference(property.valueId(), List.of());
        }
        return new ElementReference(List.of());
    }

    /** Does {@code action} for every open participant but {@code sessionId}'s. */
    void forOthers(String sessionId, Consumer<ModelParticipant> action) {
        for (Map.Entry<String, ModelParticipant> open : participants.entrySet()) {
            if (!open.getKey().equals(sessionId)) {
                action.accept(open.getValue());
            }
        }
    }
}
