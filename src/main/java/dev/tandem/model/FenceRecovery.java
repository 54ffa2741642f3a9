package dev.tandem.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this node does when its operation log's writer was fenced: another node took over models it had (it was
 * paused, or cut off, past the cluster's failure timeout). Every model loaded here is dropped (its sessions hear that
 * its owner is lost and resynchronize, which places each model again), then the log becomes a new writer and the
 * claims are made under that one. No model loads meanwhile ({@link ModelPlacement#whileNothingLoads}): one kept from
 * before could otherwise commit under the new writer while another node writes it too.
 *
 * <p>If the models do not all close in time, it lets go and tries again a little later, for as long as the node runs:
 * a model's writer may be the one that cannot go on, because its turn waits for a load, which waits for this recovery
 * to let go. Giving up instead would leave the node fenced, refusing every commit, until someone restarted it. Models
 * loaded between two tries cannot commit (the log stays fenced until it restarts) and are dropped by the next try.
 *
 * <p>Run by the operation log ({@link OperationLog#whenFenced}), once per fence. It holds no state of its own: the
 * models and claims are the {@link ModelPlacement}'s, the writer id the log's.
 */
final class FenceRecovery implements Runnable {

    private static final Logger LOG = Logger.getLogger(FenceRecovery.class.getName());

    /** What the recovery needs of the models placed on this node ({@link ModelPlacement}). */
    interface Models {

        /** The models loaded now, a copy. */
        List<LiveModel> loaded();

        /** Runs {@code work} while no model loads on this node. */
        void whileNothingLoads(Runnable work);

        /** Claims from now on under the log's current writer id; only while nothing loads. */
        void renewClaims();
    }

    private final Models models;
    private final OperationLog log;
    private final String nodeName;
    private final Duration timeout;
    private final Duration retryAfter;

    /**
     * @param nodeName this node as the log's writer row shows it
     * @param timeout how long the models may take to drop in one try
     * @param retryAfter how long the loads that waited may go on before the next try
     */
    FenceRecovery(Models models, OperationLog log, String nodeName, Duration timeout, Duration retryAfter) {
        this.models = models;
        this.log = log;
        this.nodeName = nodeName;
        this.timeout = timeout;
        this.retryAfter = retryAfter;
    }

    @Override
    public void run() {
        for (int attempt = 1; ; attempt++) {
            AtomicBoolean recovered = new AtomicBoolean();
            models.whileNothingLoads(() -> recovered.set(recover()));
            if (recovered.get() || !log.takesOperations()) {
                return; // recovered, or the node is stopping: its next start registers a new writer anyway
            }
            LOG.log(
                    Level.WARNING,
                    "This node''s operation log writer was fenced and its models did not all close within {0} s"
                            + " (try {1}); the loads that waited go ahead, and it tries again in {2} ms",
                    new Object[] {timeout.toSeconds(), attempt, retryAfter.toMillis()});
            try {
                Thread.sleep(retryAfter.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One try, while nothing loads: true if every model closed and the log writes again as a new writer. */
    private boolean recover() {
        List<LiveModel> stale = models.loaded();
        CompletableFuture<?>[] dropped = stale.stream().map(LiveModel::fence).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(dropped).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A model that did not drop could commit under a new writer: the log stays fenced until a try succeeds.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        log.restart(nodeName);
        models.renewClaims();
        LOG.log(
                Level.WARNING,
                "This node''s operation log writer was fenced (another node took its models over while it was"
                        + " unreachable): it closed {0} model(s), whose sessions resynchronize, and writes again"
                        + " as writer {1}",
                new Object[] {stale.size(), log.writerId()});
        return true;
    }
}
