package dev.tandem.model;

import dev.tandem.model.ModelStore.NewOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ElementReference;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceTransformer;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.server.CommittedOperation;
import dev.tandem.ot.server.ModelOperationProcessor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One open model and its single writer.
 *
 * <p>Every change to the model (open, operation, reference, close, delete) is a task in one queue, run in order by
 * at most one thread at a time on a shared pool, so the model needs no locks and its version increases by exactly one
 * per applied operation. Consecutive operations are applied in memory and then appended to the log in one
 * transaction (group commit); only after that commit are they acknowledged and broadcast, so nothing a client was told
 * about can be lost. A task that is not an operation first flushes the batch, which keeps every reply in order with
 * the acknowledgements before it (for example, a close reply after the acks of the operations sent before it).
 */
final class LiveModel {

    private static final Logger LOG = Logger.getLogger(LiveModel.class.getName());
    private static final int MAX_BATCH = 512;

    private sealed interface Task {
    }

    private record Open(ModelParticipant participant) implements Task {
    }

    private record Submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation)
            implements Task {
    }

    private record Close(ModelParticipant participant, boolean reply) implements Task {
    }

    private record Reference(ModelParticipant participant, ReferenceEvent event) implements Task {
    }

    private record Delete(CompletableFuture<Void> done) implements Task {
    }

    private record ForceClose(ModelParticipant participant, ForceCloseReason reason, String message) implements Task {
    }

    private record Pending(ModelParticipant submitter, int sequenceNumber, CommittedOperation committed,
            Instant committedAt) {
    }

    private record ReferenceKey(String sessionId, String valueId, String key) {
    }

    private final ModelStore store;
    private final Executor pool;
    private final StoredModel stored;
    private final Consumer<LiveModel> onUnload;
    private final Consumer<ModelParticipant> reopen;
    private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    // Writer-confined state: touched only by drain().
    private final ModelOperationProcessor processor;
    private final ReferenceTransformer referenceTransformer = new ReferenceTransformer();
    private final Map<String, ModelParticipant> participants = new LinkedHashMap<>();
    private final Map<ReferenceKey, SharedReference> references = new LinkedHashMap<>();
    private Instant modifiedAt;
    private long snapshotVersion;
    private boolean unloaded;

    LiveModel(ModelStore store, Executor pool, StoredModel stored, ModelOperationProcessor processor,
            Instant modifiedAt, long snapshotVersion, Consumer<LiveModel> onUnload, Consumer<ModelParticipant> reopen) {
        this.store = store;
        this.pool = pool;
        this.stored = stored;
        this.processor = processor;
        this.modifiedAt = modifiedAt;
        this.snapshotVersion = snapshotVersion;
        this.onUnload = onUnload;
        this.reopen = reopen;
    }

    String modelId() {
        return stored.modelId();
    }

    String domainRef() {
        return stored.domainRef();
    }

    void open(ModelParticipant participant) {
        enqueue(new Open(participant));
    }

    void submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation) {
        enqueue(new Submit(participant, sequenceNumber, contextVersion, operation));
    }

    void close(ModelParticipant participant, boolean reply) {
        enqueue(new Close(participant, reply));
    }

    void reference(ModelParticipant participant, ReferenceEvent event) {
        enqueue(new Reference(participant, event));
    }

    void forceClose(ModelParticipant participant, ForceCloseReason reason, String message) {
        enqueue(new ForceClose(participant, reason, message));
    }

    CompletableFuture<Void> delete() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new Delete(done));
        return done;
    }

    private void enqueue(Task task) {
        queue.add(task);
        if (scheduled.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        try {
            Task task;
            while ((task = queue.poll()) != null) {
                if (task instanceof Submit submit) {
                    apply(submit, batch);
                    if (batch.size() >= MAX_BATCH) {
                        flush(batch);
                    }
                } else {
                    flush(batch);
                    run(task);
                }
            }
            flush(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "model " + stored.modelId() + " failed; closing it for all its sessions", e);
            fail();
        } finally {
            scheduled.set(false);
            if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                pool.execute(this::drain);
            }
        }
    }

    private void run(Task task) {
        if (task instanceof Open open) {
            doOpen(open.participant());
        } else if (task instanceof Close close) {
            doClose(close.participant(), close.reply());
        } else if (task instanceof Reference reference) {
            doReference(reference.participant(), reference.event());
        } else if (task instanceof Delete delete) {
            doDelete(delete.done());
        } else if (task instanceof ForceClose force) {
            if (participants.get(force.participant().sessionId()) == force.participant()) {
                remove(force.participant());
            }
            force.participant().forceClosed(force.reason(), force.message());
            unloadIfIdle();
        }
    }

    private void doOpen(ModelParticipant participant) {
        if (unloaded) {
            reopen.accept(participant); // this instance is gone: the service opens a fresh one
            return;
        }
        String sessionId = participant.sessionId();
        if (participants.containsKey(sessionId)) {
            participant.openFailed("model_already_open", "this session already has model " + stored.modelId()
                    + " open");
            return;
        }
        String prefix = Long.toString(store.nextValueIdPrefix(stored.ref()), Character.MAX_RADIX);
        processor.trackClient(sessionId, processor.version());
        participants.put(sessionId, participant);
        List<Collaborator> collaborators = new ArrayList<>();
        for (ModelParticipant p : participants.values()) {
            collaborators.add(new Collaborator(p.sessionId(), p.user()));
        }
        participant.opened(new OpenedModel(stored.modelId(), stored.collectionId(), prefix, processor.version(),
                stored.createdAt(), modifiedAt, processor.tree().toValue(), collaborators,
                List.copyOf(references.values())));
        Collaborator joined = new Collaborator(sessionId, participant.user());
        forOthers(sessionId, p -> p.collaboratorOpened(joined));
    }

    private void apply(Submit submit, List<Pending> batch) {
        ModelParticipant submitter = submit.participant();
        if (participants.get(submitter.sessionId()) != submitter) {
            return; // closed meanwhile: the client no longer waits for this ack
        }
        CommittedOperation committed;
        try {
            committed = processor.process(submitter.sessionId(), submit.contextVersion(), submit.operation());
            processor.commit();
        } catch (RuntimeException e) {
            // The operation is rejected and changed nothing; earlier accepted ones are acknowledged first.
            LOG.log(Level.FINE, "operation from {0} on {1} rejected: {2}",
                    new Object[] {submitter.sessionId(), stored.modelId(), e.toString()});
            flush(batch);
            remove(submitter);
            submitter.forceClosed(ForceCloseReason.ERROR_APPLYING_OPERATION,
                    "the operation could not be applied: " + e.getMessage());
            unloadIfIdle();
            return;
        }
        rebaseReferences(committed.operation());
        batch.add(new Pending(submitter, submit.sequenceNumber(), committed, Instant.now()));
    }

    private void flush(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<NewOperation> entries = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            CommittedOperation c = pending.committed();
            entries.add(new NewOperation(c.version() + 1, c.sessionId(), pending.committedAt(),
                    ModelJson.write(c.operation()), ModelJson.write(c.applied())));
        }
        store.appendOperations(stored.ref(), stored.domainRef(), entries);
        modifiedAt = batch.get(batch.size() - 1).committedAt();
        for (Pending pending : batch) {
            CommittedOperation c = pending.committed();
            ModelParticipant submitter = participants.get(c.sessionId());
            if (submitter != null) {
                submitter.acknowledged(pending.sequenceNumber(), c.version(), pending.committedAt());
            }
            forOthers(c.sessionId(), p -> p.remoteOperation(c.sessionId(), c.version(), pending.committedAt(),
                    c.operation()));
        }
        batch.clear();
    }

    private void doClose(ModelParticipant participant, boolean reply) {
        if (participants.get(participant.sessionId()) == participant) {
            remove(participant);
        }
        if (reply) {
            participant.closed();
        }
        unloadIfIdle();
    }

    private void remove(ModelParticipant participant) {
        String sessionId = participant.sessionId();
        participants.remove(sessionId);
        processor.untrackClient(sessionId);
        references.keySet().removeIf(key -> key.sessionId().equals(sessionId));
        forOthers(sessionId, p -> p.collaboratorClosed(sessionId));
    }

    private void doReference(ModelParticipant participant, ReferenceEvent event) {
        String sessionId = participant.sessionId();
        if (participants.get(sessionId) != participant) {
            return;
        }
        ReferenceKey key = new ReferenceKey(sessionId, event.valueId(), event.key());
        SharedReference known = references.get(key);
        switch (event.kind()) {
            case SHARE, SET -> {
                Optional<ReferenceValue> rebased = processor.transformReference(sessionId, event.contextVersion(),
                        event.value());
                if (rebased.isEmpty()) {
                    return; // it pointed at something another session removed meanwhile
                }
                references.put(key, new SharedReference(sessionId, event.valueId(), event.key(), rebased.get()));
                // A set for a reference this session never shared (the client does that after a resync) is taken
                // as a share, so the others learn about it instead of the model being closed.
                boolean announce = known == null || event.kind() == ReferenceEvent.Kind.SHARE;
                forOthers(sessionId, p -> {
                    if (announce) {
                        p.referenceShared(sessionId, event.key(), rebased.get());
                    } else {
                        p.referenceSet(sessionId, event.key(), rebased.get());
                    }
                });
            }
            case CLEAR -> {
                if (known != null) {
                    references.put(key, new SharedReference(sessionId, event.valueId(), event.key(),
                            emptied(known.value())));
                    forOthers(sessionId, p -> p.referenceCleared(sessionId, event.valueId(), event.key()));
                }
            }
            case UNSHARE -> {
                if (known != null) {
                    references.remove(key);
                    forOthers(sessionId, p -> p.referenceUnshared(sessionId, event.valueId(), event.key()));
                }
            }
        }
    }

    /** Keeps stored references at the model's current version, as every client does with its remote references. */
    private void rebaseReferences(Operation operation) {
        for (Iterator<Map.Entry<ReferenceKey, SharedReference>> it = references.entrySet().iterator(); it.hasNext();) {
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

    private void doDelete(CompletableFuture<Void> done) {
        try {
            store.delete(stored.domainRef(), stored.modelId());
            List<ModelParticipant> closing = new ArrayList<>(participants.values());
            participants.clear();
            references.clear();
            for (ModelParticipant p : closing) {
                p.forceClosed(ForceCloseReason.DELETED, "the model was deleted");
            }
            unload();
            done.complete(null);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private void unloadIfIdle() {
        if (!participants.isEmpty() || unloaded) {
            return;
        }
        if (processor.version() > snapshotVersion) {
            // The next load starts here instead of replaying the whole log.
            store.snapshot(stored.ref(), stored.domainRef(), processor.version(), modifiedAt,
                    processor.tree().toValue());
            snapshotVersion = processor.version();
        }
        unload();
    }

    private void unload() {
        unloaded = true;
        onUnload.accept(this);
    }

    /** The in-memory state may be ahead of the database: drop it and let every session reopen from storage. */
    private void fail() {
        List<ModelParticipant> closing = new ArrayList<>(participants.values());
        participants.clear();
        references.clear();
        if (!unloaded) {
            unload();
        }
        for (ModelParticipant p : closing) {
            try {
                p.forceClosed(ForceCloseReason.UNKNOWN, "the server could not save the model; open it again");
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "force close failed", e);
            }
        }
        Task task;
        while ((task = queue.poll()) != null) {
            if (task instanceof Open open) {
                reopen.accept(open.participant());
            } else if (task instanceof Close close && close.reply()) {
                close.participant().closed();
            } else if (task instanceof Delete delete) {
                delete.done().completeExceptionally(new ModelStoreException("model failed", null));
            } else if (task instanceof ForceClose force) {
                force.participant().forceClosed(force.reason(), force.message());
            }
        }
    }

    private void forOthers(String sessionId, Consumer<ModelParticipant> action) {
        for (ModelParticipant p : participants.values()) {
            if (!p.sessionId().equals(sessionId)) {
                action.accept(p);
            }
        }
    }
}
