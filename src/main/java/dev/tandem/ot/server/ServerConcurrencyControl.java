package dev.tandem.ot.server;

import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ReferenceTransformer;
import dev.tandem.ot.reference.ReferenceValue;
import dev.tandem.ot.transform.OperationPair;
import dev.tandem.ot.transform.OperationTransformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's OT control algorithm for one model. Not thread-safe: one writer drives it.
 *
 * <p>Versions: the model is at {@link #version()}; an operation committed at version {@code v}
 * moves it to {@code v + 1}. A client's context version is the version its operations are based on;
 * it may send several operations with the same context version before hearing back (it does not
 * wait for acks).
 *
 * <p>Algorithm: an operation from session {@code A} with context version {@code cv} was made on a
 * state that has every committed version below {@code cv} plus A's own operations committed since
 * (A generated them before). It is transformed, in order, against the other sessions' operations
 * committed at {@code cv} or later, <em>as A sees them</em>: each such operation transformed past
 * A's own later operations. Those forms are exactly what transforming A's previous operation
 * produced on the server side of the pair, so they are kept per client as its branched state path
 * and reused by A's next operation. The result is held pending until {@link #commit()} (it becomes
 * history at the current version) or {@link #rollback()} (nothing changes). History below the
 * lowest context version any tracked client still uses is pruned; with a {@link HistorySource},
 * everything but the latest operations is, and a client behind them gets the older ones from the
 * source.
 */
public final class ServerConcurrencyControl {

    private final OperationTransformer transformer;
    private final ReferenceTransformer referenceTransformer;
    private final Map<String, ClientState> clients = new HashMap<>();
    // Committed operations still needed, oldest first, one per version: the entry of version v is at
    // historyStart + (v - oldest version). Indexed rather than scanned because a client that never
    // submits (a reader) pins history, and every other client's operation only needs the entries
    // after its own context version.
    private final List<HistoryEntry> history = new ArrayList<>();
    private int historyStart;
    private final HistorySource olderHistory;
    private final int keptHistory;
    private long version;
    private HistoryEntry pending;
    private ClientState pendingState;

    /**
     * Creates the control at the model's current version.
     *
     * @param transformer the operation transformer
     * @param referenceTransformer the reference transformer
     * @param version the model's current version (1 for a new model)
     */
    public ServerConcurrencyControl(
            OperationTransformer transformer, ReferenceTransformer referenceTransformer, long version) {
        this(transformer, referenceTransformer, version, null, Integer.MAX_VALUE);
    }

    /**
     * Creates the control at the model's current version, keeping at most {@code keptHistory}
     * operations in memory; a client working on an older version gets the operations it misses
     * from {@code olderHistory}.
     *
     * @param transformer the operation transformer
     * @param referenceTransformer the reference transformer
     * @param version the model's current version (1 for a new model)
     * @param olderHistory where operations no longer in memory are read from, or null to keep
     *     every operation a tracked client may still need
     * @param keptHistory how many of the latest operations stay in memory when a source is given
     */
    public ServerConcurrencyControl(
            OperationTransformer transformer,
            ReferenceTransformer referenceTransformer,
            long version,
            HistorySource olderHistory,
            int keptHistory) {
        if (keptHistory < 1) {
            throw new IllegalArgumentException("keptHistory must be >= 1: " + keptHistory);
        }
        this.olderHistory = olderHistory;
        this.keptHistory = keptHistory;
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0: " + version);
        }
        this.transformer = Objects.requireNonNull(transformer, "transformer");
        this.referenceTransformer = Objects.requireNonNull(referenceTransformer, "referenceTransformer");
        this.version = version;
    }

    /** The model's current version. */
    public long version() {
        return version;
    }

    /**
     * Starts tracking a client that has the model at {@code contextVersion} (normally the current
     * version, when it opens the model).
     *
     * @param sessionId the client's session
     * @param contextVersion its version
     * @throws IllegalArgumentException if already tracked or the version is in the future, or
     *     (without a {@link HistorySource}) already pruned
     */
    public void trackClient(String sessionId, long contextVersion) {
        if (clients.containsKey(sessionId)) {
            throw new IllegalArgumentException("session already tracked: " + sessionId);
        }
        if (contextVersion > version) {
            throw new IllegalArgumentException(
                    "context version " + contextVersion + " is after the model's " + version);
        }
        if (olderHistory == null && contextVersion < oldestAvailableVersion()) {
            throw new IllegalArgumentException("history before version " + oldestAvailableVersion() + " is pruned");
        }
        clients.put(sessionId, new ClientState(contextVersion, List.of()));
    }

    /**
     * Stops tracking a client (it closed the model or disconnected); its history pin goes away.
     *
     * @param sessionId the client's session
     */
    public void untrackClient(String sessionId) {
        if (clients.remove(sessionId) == null) {
            throw new IllegalArgumentException("session not tracked: " + sessionId);
        }
        if (pending == null) {
            prune();
        }
    }

    /**
     * Whether a session is tracked.
     *
     * @param sessionId the session
     * @return true if tracked
     */
    public boolean isTracked(String sessionId) {
        return clients.containsKey(sessionId);
    }

    /** Whether an operation is waiting for {@link #commit()} or {@link #rollback()}. */
    public boolean hasPending() {
        return pending != null;
    }

    /** The number of history entries kept for transformation. */
    public int historySize() {
        return history.size() - historyStart;
    }

    /**
     * Transforms an incoming operation onto the current version and holds it pending.
     *
     * @param sessionId the submitting session
     * @param contextVersion the version the client based it on
     * @param operation the operation as the client sent it
     * @return the transformed operation and the version it applies at
     * @throws IllegalStateException if another operation is pending
     * @throws ConcurrencyControlException if the session or context version is invalid
     */
    public ProcessedOperation processRemoteOperation(String sessionId, long contextVersion, Operation operation) {
        if (pending != null) {
            throw new IllegalStateException("commit or roll back the pending operation first");
        }
        ClientState state = validate(sessionId, contextVersion);
        List<HistoryEntry> path = statePath(sessionId, state, contextVersion);
        List<HistoryEntry> branch = new ArrayList<>(path.size());
        Operation c = operation;
        for (HistoryEntry e : path) {
            OperationPair pair = transformer.transform(e.operation, c);
            c = pair.clientOp();
            branch.add(new HistoryEntry(e.sessionId, e.version, pair.serverOp()));
        }
        pending = new HistoryEntry(sessionId, version, c);
        pendingState = new ClientState(contextVersion, branch);
        return new ProcessedOperation(sessionId, version, c);
    }

    /** Commits the pending operation: it becomes history and the version advances by one. */
    public void commit() {
        if (pending == null) {
            throw new IllegalStateException("no pending operation");
        }
        history.add(pending);
        if (clients.containsKey(pending.sessionId)) {
            clients.put(pending.sessionId, pendingState);
        }
        version++;
        pending = null;
        pendingState = null;
        prune();
    }

    /** Drops the pending operation; nothing changes. */
    public void rollback() {
        if (pending == null) {
            throw new IllegalStateException("no pending operation");
        }
        pending = null;
        pendingState = null;
    }

    /**
     * Transforms a reference value a client set at {@code contextVersion} across the operations
     * other sessions committed since, as that client saw them.
     *
     * @param sessionId the client's session
     * @param contextVersion the version the value was set at
     * @param reference the value
     * @return the value at the current version, or empty if an operation cleared it
     * @throws ConcurrencyControlException if the session or context version is invalid
     */
    public Optional<ReferenceValue> processReferenceValue(
            String sessionId, long contextVersion, ReferenceValue reference) {
        ClientState state = validate(sessionId, contextVersion);
        List<HistoryEntry> path = statePath(sessionId, state, contextVersion);
        Optional<ReferenceValue> value = Optional.of(reference);
        for (HistoryEntry e : path) {
            if (value.isEmpty()) {
                break;
            }
            value = referenceTransformer.transform(e.operation, value.get());
        }
        clients.put(sessionId, new ClientState(contextVersion, path));
        if (pending == null) {
            prune();
        }
        return value;
    }

    private ClientState validate(String sessionId, long contextVersion) {
        ClientState state = clients.get(sessionId);
        if (state == null) {
            throw new ConcurrencyControlException("operation from an untracked session: " + sessionId);
        }
        if (contextVersion > version) {
            throw new ConcurrencyControlException("context version "
                    + contextVersion
                    + " of session "
                    + sessionId
                    + " is after the model's version "
                    + version);
        }
        if (contextVersion < state.contextVersion) {
            throw new ConcurrencyControlException("context version "
                    + contextVersion
                    + " of session "
                    + sessionId
                    + " is before the one it already used ("
                    + state.contextVersion
                    + ")");
        }
        return state;
    }

    /**
     * Others' operations since {@code contextVersion} in the client's space: the part of its branch
     * still ahead of that version, then history after the branch's last entry, skipping the
     * client's own operations.
     */
    private List<HistoryEntry> statePath(String sessionId, ClientState state, long contextVersion) {
        List<HistoryEntry> path = new ArrayList<>();
        long next = contextVersion;
        for (HistoryEntry e : state.branch) {
            if (e.version >= contextVersion) {
                path.add(e);
                next = e.version + 1;
            }
        }
        long oldest = oldestAvailableVersion();
        if (next < oldest && olderHistory != null) {
            long expected = next;
            for (HistoryEntry e : olderHistory.read(next, oldest)) {
                if (e.version != expected++) {
                    throw new IllegalStateException(
                            "older history has version " + e.version + " where " + (expected - 1) + " was expected");
                }
                if (!e.sessionId.equals(sessionId)) {
                    path.add(e);
                }
            }
            if (expected != oldest) {
                throw new IllegalStateException(
                        "older history ends before version " + oldest + " (at " + expected + ")");
            }
        }
        if (historyStart < history.size()) {
            for (int i = historyStart + (int) Math.max(0, next - oldest); i < history.size(); i++) {
                HistoryEntry e = history.get(i);
                if (!e.sessionId.equals(sessionId)) {
                    path.add(e);
                }
            }
        }
        return path;
    }

    private long oldestAvailableVersion() {
        return historyStart == history.size() ? version : history.get(historyStart).version;
    }

    private void prune() {
        long min = version;
        for (ClientState s : clients.values()) {
            min = Math.min(min, s.contextVersion);
        }
        if (olderHistory != null) {
            // Older operations are read back on demand: a reader does not pin them all in memory.
            min = Math.max(min, version - keptHistory);
        }
        while (historyStart < history.size() && history.get(historyStart).version < min) {
            history.set(historyStart++, null);
        }
        if (historyStart == history.size()) {
            history.clear();
            historyStart = 0;
        } else if (historyStart >= 1024 && historyStart >= history.size() / 2) {
            // Drop the pruned prefix in one copy: amortized constant per entry.
            history.subList(0, historyStart).clear();
            historyStart = 0;
        }
    }

    /**
     * An operation committed at {@code version} (the version before it), in the form it was
     * broadcast.
     *
     * @param sessionId the session that submitted it
     * @param version the version it was committed at
     * @param operation the operation as committed
     */
    public record HistoryEntry(String sessionId, long version, Operation operation) {}

    /**
     * Where operations older than the history kept in memory are read from (the model's durable
     * log), so that a client that has not submitted for a long time (a reader) does not pin every
     * operation since it opened the model in memory.
     */
    @FunctionalInterface
    public interface HistorySource {

        /**
         * The committed operations at versions {@code from} (inclusive) to {@code to} (exclusive),
         * in version order.
         *
         * @param from the first version
         * @param to the version after the last
         * @return the operations
         */
        List<HistoryEntry> read(long from, long to);
    }

    private record ClientState(long contextVersion, List<HistoryEntry> branch) {}
}
