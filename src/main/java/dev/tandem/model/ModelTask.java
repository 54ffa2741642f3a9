package dev.tandem.model;

import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.value.ObjectValue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One change to (or read of) a live model, queued for its single writer; see {@link ModelWriter}. */
sealed interface ModelTask {

    record Open(ModelParticipant participant) implements ModelTask {
    }

    record Submit(ModelParticipant participant, int sequenceNumber, long contextVersion, Operation operation)
            implements ModelTask {
    }

    record Close(ModelParticipant participant, boolean reply) implements ModelTask {
    }

    record Reference(ModelParticipant participant, ReferenceEvent event) implements ModelTask {
    }

    record Delete(CompletableFuture<Void> done) implements ModelTask {
    }

    record ForceClose(ModelParticipant participant, ForceCloseReason reason, String message) implements ModelTask {
    }

    /**
     * A session that reconnected catches up from {@code contextVersion}, then stays (or closes, see ResyncComplete).
     */
    record Resync(ModelParticipant participant, long contextVersion) implements ModelTask {
    }

    record ResyncComplete(ModelParticipant participant, boolean open) implements ModelTask {
    }

    /** The model's or its collection's permissions changed: resolve every session's again. */
    record RefreshPermissions() implements ModelTask {
    }

    /** The idle time of the idle period {@code generation} is over: unload if nobody came back meanwhile. */
    record IdleCheck(long generation) implements ModelTask {
    }

    /** Reads the current state between two operations, so that it matches its version. */
    record Read(CompletableFuture<ModelState> done) implements ModelTask {
    }

    /**
     * The server replaces the model's data (the admin API): applied as an operation of {@code author}, so that every
     * open session receives it as a remote operation. {@code data} builds the new data from a fresh value-id prefix.
     * Completes with the version after it, or null if this instance was unloaded meanwhile (retry on a fresh one).
     */
    record Replace(Collaborator author, Function<String, ObjectValue> data, CompletableFuture<Long> done)
            implements ModelTask {
    }
}
