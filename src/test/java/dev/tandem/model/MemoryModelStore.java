package dev.tandem.model;

import dev.tandem.model.storage.ModelJson;
import dev.tandem.ot.value.ObjectValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ModelStore} for the tests of a live model: the log in memory (every appended operation), readable like the
 * real one only as far as it is filed; a snapshot is dropped. The methods a live model uses; the others (model rows,
 * history) are not supported. Tests extend it to record or hold what they look at.
 */
class MemoryModelStore implements ModelStore {

    final List<LoggedOperation> log = new ArrayList<>();
    /** The writers fenced so far (any other may commit: tests need not register their logs). */
    final Set<String> fenced = new HashSet<>();

    int filed;
    long prefix = 1;

    @Override
    public synchronized void appendGroup(String writerId, List<OperationLog.Append> batches) {
        if (fenced.contains(writerId)) {
            throw new WriterFencedException(writerId);
        }
        for (OperationLog.Append batch : batches) {
            for (NewOperation op : batch.operations()) {
                if (!log.isEmpty() && op.version() <= log.get(log.size() - 1).version()) {
                    continue; // a pipelined round repeats what an earlier one logged (ModelWriter); filing keeps one
                }
                log.add(new LoggedOperation(
                        op.version(),
                        op.sessionId(),
                        op.committedAt(),
                        ModelJson.readOperation(op.operationJson()),
                        op.appliedJson()));
            }
        }
    }

    @Override
    public void registerWriter(String writerId, String node, boolean alone, Instant now) {}

    /** Which writer has each model loaded (see {@link ModelStore#claimModel}). */
    final Map<String, String> modelWriters = new HashMap<>();

    @Override
    public synchronized String claimModel(String modelRef, String writerId) {
        String previous = modelWriters.put(modelRef, writerId);
        if (previous == null || previous.equals(writerId)) {
            return null;
        }
        fenced.add(previous);
        return previous;
    }

    @Override
    public synchronized void releaseModel(String modelRef, String writerId) {
        modelWriters.remove(modelRef, writerId);
    }

    @Override
    public synchronized boolean fenceWriter(String writerId) {
        return fenced.add(writerId);
    }

    @Override
    public synchronized Filed fileLog(int maxOperations, boolean replace) {
        int operations = log.size() - filed;
        filed = log.size();
        return new Filed(operations == 0 ? 0 : 1, operations, true);
    }

    @Override
    public synchronized List<LoggedOperation> operationsBetween(String modelRef, long afterVersion, long lastVersion) {
        return log.subList(0, filed).stream()
                .filter(op -> op.version() > afterVersion && op.version() <= lastVersion)
                .toList();
    }

    @Override
    public synchronized long nextValueIdPrefix(String modelRef) {
        return prefix++;
    }

    @Override
    public void snapshot(String modelRef, String domainRef, long version, Instant modifiedAt, ObjectValue data) {}

    @Override
    public boolean transactionsEnlistConnections() {
        return true;
    }

    @Override
    public Optional<StoredModel> create(
            String domainRef,
            String collectionId,
            String modelId,
            ObjectValue data,
            Instant now,
            ModelPermissionSettings permissions) {
        throw new UnsupportedOperationException("model rows are not kept in memory");
    }

    @Override
    public Optional<StoredModel> find(String domainRef, String modelId) {
        throw new UnsupportedOperationException("model rows are not kept in memory");
    }

    @Override
    public List<StoredModel> list(String domainRef, String collectionId, int offset, int limit) {
        throw new UnsupportedOperationException("model rows are not kept in memory");
    }

    @Override
    public Snapshot latestSnapshot(String modelRef) {
        throw new UnsupportedOperationException("snapshots are not kept in memory");
    }

    @Override
    public List<HistoryEntry> history(String modelRef, long first, long last) {
        throw new UnsupportedOperationException("history is not kept in memory");
    }

    @Override
    public Optional<Long> lastVersionBefore(String modelRef, Instant before) {
        throw new UnsupportedOperationException("history is not kept in memory");
    }

    @Override
    public boolean delete(String domainRef, String modelId) {
        return true; // the live model's delete: nothing else to remove
    }
}
