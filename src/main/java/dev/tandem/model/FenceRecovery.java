package dev.tandem.model;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What this node does when its operation log's writer was fenced: another node took over models it had (it was
 * paused, or cut off, past the cluster's failure timeout). Every model loaded here is dropped (its sessions hear that
 * its owner is lost and resynchronize, which places each model again), then the log becomes a new writer and the
 * claims are made under that one. No model loads meanwhile ({@link ModelPlacement#whileNothingLoads}): one kept from
 * before could otherwise commit under the new writer while another node writes it too.
 *
 * <p>Run by the operation log ({@link OperationLog#whenFenced}), once per fence. It holds no state of its own: the
 * models and claims are the {@link ModelPlacement}'s, the writer id the log's.
 */
final class FenceRecovery implements Runnable {

    private static final Logger LOG = Logger.getLogger(FenceRecovery.class.getName());

    private final ModelPlacement placement;
    private final OperationLog log;
    private final String nodeName;
    private final Duration timeout;

    /**
     * @param nodeName this node as the log's writer row shows it
     * @param timeout how long the models may take to drop
     */
    FenceRecovery(ModelPlacement placement, OperationLog log, String nodeName, Duration timeout) {
        this.placement = placement;
        this.log = log;
        this.nodeName = nodeName;
        this.timeout = timeout;
    }

    @Override
    public void run() {
        placement.whileNothingLoads(this::recover);
    }

    private void recover() {
        List<LiveModel> stale = placement.loaded();
        CompletableFuture<?>[] dropped = stale.stream().map(LiveModel::fence).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(dropped).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A model that did not drop could commit under a new writer: this node stays fenced (it can read, and
            // commits nothing) until it restarts.
            LOG.log(
                    Level.SEVERE,
                    "this node's writer was fenced and its models did not all close; it stays fenced (restart it)",
                    e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        log.restart(nodeName);
        placement.renewClaims();
        LOG.log(
                Level.WARNING,
                "This node''s operation log writer was fenced (another node took its models over while it was"
                        + " unreachable): it closed {0} model(s), whose sessions resynchronize, and writes again"
                        + " as writer {1}",
                new Object[] {stale.size(), log.writerId()});
    }
}
