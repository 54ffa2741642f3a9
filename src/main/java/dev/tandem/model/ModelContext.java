package dev.tandem.model;

import dev.tandem.model.ModelStore.LoggedOperation;
import dev.tandem.model.ModelStore.StoredModel;
import dev.tandem.persistence.StoreException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What every live model of a node shares: the store, the node's operation log and the pool its writers run on.
 *
 * @param store where models, snapshots and the per-model log live
 * @param log the node's operation log, whose group commits make operations durable
 * @param pool runs the models' writers, each on one thread at a time
 */
record ModelContext(ModelStore store, OperationLog log, Executor pool) {

    /**
     * The committed operations of {@code stored} after {@code version}, in order: filed first, so that the per-model
     * log has them all.
     *
     * @throws StoreException if one is missing
     */
    List<LoggedOperation> operationsAfter(StoredModel stored, long version) {
        log.flush();
        List<LoggedOperation> operations = store.operationsAfter(stored.ref(), version);
        long expected = version;
        for (LoggedOperation logged : operations) {
            if (logged.version() != ++expected) {
                throw new StoreException(
                        "model " + stored.modelId() + " has a gap in its log at version " + expected, null);
            }
        }
        return operations;
    }
}
