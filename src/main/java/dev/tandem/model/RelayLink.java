package dev.tandem.model;

import dev.tandem.cluster.ClusterMember;
import dev.tandem.cluster.ClusterMembership;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The wire between the two halves of the {@link ModelRelay}: the cluster channels it uses, the kinds of command it
 * sends (the parts of each are written by {@link RelayCodec}), and the counts of what crossed. Every message of the
 * relay leaves through {@link #send} and every one that arrives is counted by {@link #received}; the counters are the
 * only state here, and any thread may add to them.
 */
final class RelayLink {

    private static final Logger LOG = Logger.getLogger(RelayLink.class.getName());

    /** Commands, origin to owner (or to every node, for a permission change). */
    static final String COMMANDS = "model-commands";

    /** A participant's events, owner to origin: the forwarding's id, then each event. */
    static final String EVENTS = "model-events";

    /**
     * Results of a replace (REST's edit of a model), on their own channel: the request's id, whether it worked, then
     * the version, or the refusal's reason, code and message.
     */
    static final String RESULTS = "model-results";

    /** Replies to commands that wait for one (a delete), on their own channel: the request's id, then the answer. */
    static final String REPLIES = "model-replies";

    // Commands, origin to owner: the kind, then the forwarded participant's id at the origin.
    static final int OPEN = 1;
    static final int RESYNC = 2;
    static final int SUBMIT = 3;
    static final int REFERENCE = 4;
    static final int CLOSE = 5;
    static final int FORCE_CLOSE = 6;
    static final int RESYNC_COMPLETE = 7;

    // Commands to whichever node has the model open, not tied to a session: the kind, then the request's id.
    static final int DELETE = 8;
    static final int PERMISSIONS_CHANGED = 9;
    static final int COLLECTION_PERMISSIONS_CHANGED = 10;
    static final int REPLACE = 11;

    /** The answer to an open or resync that reached a node that does not own the model. */
    static final int NOT_OWNER = 100;

    private final ClusterMembership membership;
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();

    RelayLink(ClusterMembership membership) {
        this.membership = membership;
    }

    /**
     * Sends one message to {@code member} on {@code channel}, in order after the earlier ones sent to it there.
     *
     * @throws RuntimeException if the data grid cannot send (it stopped)
     */
    void send(String member, String channel, byte[] message) {
        membership.send(member, channel, message);
        messagesSent.increment();
        bytesSent.add(message.length);
    }

    /** Sends a command to every other member, if this node is one of a cluster; a member that fails is skipped. */
    void toOthers(byte[] command) {
        if (!membership.clustered()) {
            return;
        }
        for (ClusterMember member : membership.members()) {
            if (!member.local()) {
                try {
                    send(member.id(), COMMANDS, command);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "telling member " + member.id() + " failed", e);
                }
            }
        }
    }

    /** True while {@code member} is a member of the cluster. */
    boolean isMember(String member) {
        return membership.isMember(member);
    }

    /** Counts a message that arrived. */
    void received(byte[] message) {
        messagesReceived.increment();
        bytesReceived.add(message.length);
    }

    long messagesSent() {
        return messagesSent.sum();
    }

    long bytesSent() {
        return bytesSent.sum();
    }

    long messagesReceived() {
        return messagesReceived.sum();
    }

    long bytesReceived() {
        return bytesReceived.sum();
    }
}
