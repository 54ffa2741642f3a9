package dev.tandem.model;

import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.tree.ModelTree;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.persistence.StoreException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One change to (or read of) a live model, queued for its single writer; see {@link ModelWriter}. */
sealed interface ModelTask {

    /**
     * Answers a task that a live model never ran because it failed (see {@link ModelWriter.Tasks#failed()}), as its
     * sender expects: an open or resync goes to a fresh instance through the {@code owner}, a read or replacement
     * completes with null (retry on a fresh instance), a close reply and a force close are delivered.
     */
    static void settleUnrun(ModelTask task, LiveModel gone, LiveModel.Owner owner) {
        if (task instanceof Open open) {
            owner.open(gone, open.participant());
        } else if (task instanceof Resync resync) {
            owner.resync(gone, resync.participant(), resync.contextVersion());
        } else if (task instanceof ResyncComplete complete && !complete.open()) {
            complete.participant().resyncCompleted(ResyncedModel.CLOSED);
        } else if (task instanceof Read read) {
            read.done().complete(null);
        } else if (task instanceof Replace replace) {
            replace.done().complete(null);
        } else if (task instanceof Close close && close.reply()) {
            close.participant().closed();
        } else if (task instanceof Delete delete) {
            delete.done().completeExceptionally(new StoreException("model failed", null));
        } else if (task instanceof ForceClose force) {
            force.participant().forceClosed(force.reason(), force.message());
        } else if (task instanceof Fence fence) {
            fence.done().complete(null); // the model is gone, which is what the fence asked for
        }
    }

    record Open(ModelParticipant participant) implements ModelTask {}

    /** This node's writer was fenced: the model drops what it has and its sessions resynchronize elsewhere. */
    record Fence(CompletableFuture<Void> done) implements ModelTask {}

    record Submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation)
            implements ModelTask {}

    record Close(ModelParticipant participant, boolean reply) implements ModelTask {}

    record Reference(ModelParticipant participant, ReferenceEvent event) implements ModelTask {}

    record Delete(CompletableFuture<Void> done) implements ModelTask {}

    record ForceClose(ModelParticipant participant, ForceCloseReason reason, String message) implements ModelTask {}

    /**
     * A session that reconnected catches up from {@code contextVersion}, then stays (or closes, see ResyncComplete).
     */
    record Resync(ModelParticipant participant, long contextVersion) implements ModelTask {}

    record ResyncComplete(ModelParticipant participant, boolean open) implements ModelTask {}

    /** The model's or its collection's permissions changed: resolve every session's again. */
    record RefreshPermissions() implements ModelTask {}

    /** The idle time of the idle period {@code generation} is over: unload if nobody came back meanwhile. */
    record IdleCheck(long generation) implements ModelTask {}

    /** Reads the current state between two operations, so that it matches its version. */
    record Read(CompletableFuture<ModelState> done) implements ModelTask {}

    /**
     * The server replaces the model's data (the admin API): applied as an operation of {@code author}, so that every
     * open session receives it as a remote operation. {@code data} builds the new data from a fresh value-id prefix.
     * Completes with the version after it, or null if this instance was unloaded meanwhile (retry on a fresh one).
     */
    record Replace(Collaborator author, Function<String, ObjectValue> data, CompletableFuture<Long> done)
            implements ModelTask {

        /**
         * The operation that turns the data of {@code tree} into {@code data}, changing only what differs
         * ({@link DataReplacement}); an emptied object loses each property, never gets an object set without values
         * (rc.12 clients crash on one). Empty when the data is the same: nothing changes (no version).
         */
        static Optional<Operation> operation(ModelTree tree, ObjectValue data) {
            return DataReplacement.between(tree.toValue(), data);
        }
    }
}
