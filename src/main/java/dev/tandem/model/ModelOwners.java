package dev.tandem.model;

import dev.tandem.cluster.ClusterMembership;
import dev.tandem.cluster.SharedDirectory;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.persistence.StoreException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which node of the cluster owns each model: the one node whose {@link LiveModel} is the model's single writer.
 *
 * <p>A claim in a cluster-wide directory (Hazelcast's {@code IMap}, {@code tandem.model-owners}), made by the first node
 * that needs the model loaded and given up when that node unloads it; an owner that leaves the cluster loses its
 * claims to whichever node needs each model next. Chosen over placing each model on the owner of its Hazelcast
 * partition because a claim stays put: a node that joins takes nothing from anyone (partition ownership would move a
 * share of the open models, each a handover, at every join), and a model whose sessions are all on one node stays on
 * that node, with no hop. It costs one directory call when a node opens a model it has not loaded.
 *
 * <p>A claim names the member and the writer id of its operation log ({@link OperationLog#writerId()}). Taking over the
 * claim of a member that left first fences that writer in the database ({@link ModelStore#fenceWriter}): a node that
 * is only paused or cut off, and still thinks it owns the model, can then commit nothing more, so two writers of one
 * model never both commit. The directory alone could not promise that, since a cut-off node cannot see it.
 */
final class ModelOwners {

    private static final Logger LOG = Logger.getLogger(ModelOwners.class.getName());

    /** The directory's name (Hazelcast's map {@code tandem.model-owners}). */
    static final String DIRECTORY = "model-owners";

    private static final int ATTEMPTS = 10;

    private final ClusterMembership membership;
    private final SharedDirectory claims;
    private final ModelStore store;
    private final String localMember;
    private final String claim;

    /**
     * @param writerId this node's operation log writer, fenced by whoever takes its models over
     */
    ModelOwners(ClusterMembership membership, ModelStore store, String writerId) {
        this.membership = membership;
        this.claims = membership.clustered() ? membership.directory(DIRECTORY) : null;
        this.store = store;
        this.localMember = membership.localMemberId();
        this.claim = localMember + " " + writerId;
    }

    /**
     * The member that owns the model, or null if this node does: then it holds the claim (made now if nobody held
     * one, or taken from a member that left, whose writer is fenced first). Always null outside a cluster.
     */
    String ownerElsewhere(ModelKey key) {
        if (claims == null) {
            return null;
        }
        String name = name(key);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String current = claims.putIfAbsent(name, claim);
            if (current.equals(claim)) {
                return null;
            }
            String member = memberOf(current);
            if (!member.equals(localMember) && membership.isMember(member)) {
                return member;
            }
            // The owner left the cluster (or the claim is this node's, from a writer that was fenced): fence its
            // writer, so whatever it still has in flight cannot commit, then take the claim.
            store.fenceWriter(writerOf(current));
            if (claims.replace(name, current, claim)) {
                LOG.log(Level.INFO, "Took over model {0} from member {1}", new Object[] {key.modelId(), member});
                return null;
            }
        }
        throw new StoreException("the owner of model " + key.modelId() + " kept changing", null);
    }

    /**
     * The member that holds the model's claim, if it is another member of the cluster; null if nobody does, this node
     * does, or the claim's member left. Claims nothing.
     */
    String knownOwnerElsewhere(ModelKey key) {
        if (claims == null) {
            return null;
        }
        String current = claims.get(name(key));
        if (current == null) {
            return null;
        }
        String member = memberOf(current);
        return !member.equals(localMember) && membership.isMember(member) ? member : null;
    }

    /** Gives up this node's claim on the model (it unloaded it, or never found it). */
    void release(ModelKey key) {
        if (claims != null) {
            claims.remove(name(key), claim);
        }
    }

    private static String name(ModelKey key) {
        return key.domainRef() + "/" + key.modelId();
    }

    private static String memberOf(String claim) {
        int space = claim.indexOf(' ');
        return space < 0 ? claim : claim.substring(0, space);
    }

    private static String writerOf(String claim) {
        int space = claim.indexOf(' ');
        return space < 0 ? "" : claim.substring(space + 1);
    }
}
