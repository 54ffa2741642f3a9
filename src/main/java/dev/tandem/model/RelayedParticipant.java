package dev.tandem.model;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.model.ModelService.ModelKey;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.ReferenceValue;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * At a model's owner, a session of another node ({@link ModelRelay}): the live model calls it like any participant,
 * and it writes each call as an event for the session's node. Events a participant may hold until {@link #flush()}
 * (acknowledgements, operations, reference events) are held here too, so that what one commit produces for the
 * session crosses the cluster as one message; any other event goes at once, after what was held.
 *
 * <p>Each event kind is written by the method it stands for and read back by {@link #deliver}, in one table below.
 * Like every participant it is called by its model's writer, one call at a time.
 */
final class RelayedParticipant implements ModelParticipant {

    /** The session's node and the id that node gave the forwarding. */
    record Key(String member, long id) {}

    private static final int OPENED = 1;
    private static final int OPEN_FAILED = 2;
    private static final int RESYNC_STARTED = 3;
    private static final int RESYNC_COMPLETED = 4;
    private static final int COLLABORATOR_RESYNC_STARTED = 5;
    private static final int COLLABORATOR_RESYNC_COMPLETED = 6;
    private static final int ACKNOWLEDGED = 7;
    private static final int REMOTE_OPERATION = 8;
    private static final int REMOTE_OPERATION_FROM_COLLABORATOR = 9;
    private static final int SERVER_OPERATION = 10;
    private static final int COLLABORATOR_OPENED = 11;
    private static final int COLLABORATOR_CLOSED = 12;
    private static final int REFERENCE_SHARED = 13;
    private static final int REFERENCE_SET = 14;
    private static final int REFERENCE_CLEARED = 15;
    private static final int REFERENCE_UNSHARED = 16;
    private static final int PERMISSIONS_CHANGED = 17;
    private static final int CLOSED = 18;
    private static final int FORCE_CLOSED = 19;
    private static final int OWNER_LOST = 20;

    private final Key key;
    private final ModelKey model;
    private final String sessionId;
    private final DomainUserView user;
    private final BiConsumer<Key, byte[]> send;
    private final Consumer<Key> gone;
    private final RelayCodec.Writer held = new RelayCodec.Writer();

    RelayedParticipant(
            Key key,
            ModelKey model,
            String sessionId,
            DomainUserView user,
            BiConsumer<Key, byte[]> send,
            Consumer<Key> gone) {
        this.key = key;
        this.model = model;
        this.sessionId = sessionId;
        this.user = user;
        this.send = send;
        this.gone = gone;
    }

    Key key() {
        return key;
    }

    ModelKey model() {
        return model;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public DomainUserView user() {
        return user;
    }

    /** The writer for one more event, after the id of the forwarding if it is the message's first. */
    private RelayCodec.Writer event(int kind) {
        if (held.isEmpty()) {
            held.number(key.id());
        }
        return held.kind(kind);
    }

    @Override
    public void flush() {
        if (!held.isEmpty()) {
            byte[] message = held.toBytes();
            held.reset();
            send.accept(key, message);
        }
    }

    /** Sends what is held with this event; if the event is the session's last, it is forgotten here. */
    private void now(boolean last) {
        flush();
        if (last) {
            gone.accept(key);
        }
    }

    @Override
    public void opened(OpenedModel opened) {
        event(OPENED).openedModel(opened);
        now(false);
    }

    @Override
    public void openFailed(Refusal refusal) {
        event(OPEN_FAILED).refusal(refusal);
        now(true);
    }

    @Override
    public void resyncStarted(long currentVersion, Collection<String> replayedSessions, ModelPermissions permissions) {
        event(RESYNC_STARTED)
                .number(currentVersion)
                .strings(List.copyOf(replayedSessions))
                .permissions(permissions);
        now(false);
    }

    @Override
    public void resyncCompleted(ResyncedModel resynced) {
        boolean closed = resynced == ResyncedModel.CLOSED;
        event(RESYNC_COMPLETED).bool(closed).resyncedModel(resynced);
        now(closed);
    }

    @Override
    public void collaboratorResyncStarted(Collaborator collaborator) {
        event(COLLABORATOR_RESYNC_STARTED).collaborator(collaborator);
        now(false);
    }

    @Override
    public void collaboratorResyncCompleted(String session) {
        event(COLLABORATOR_RESYNC_COMPLETED).string(session);
        now(false);
    }

    @Override
    public void acknowledged(int sequenceNumber, long version, Instant timestamp) {
        event(ACKNOWLEDGED).integer(sequenceNumber).number(version).instant(timestamp);
    }

    @Override
    public void remoteOperation(String session, long contextVersion, Instant timestamp, Operation operation) {
        event(REMOTE_OPERATION)
                .string(session)
                .number(contextVersion)
                .instant(timestamp)
                .operation(operation);
    }

    @Override
    public void remoteOperationFromCollaborator(
            String session, long contextVersion, Instant timestamp, Operation operation) {
        event(REMOTE_OPERATION_FROM_COLLABORATOR)
                .string(session)
                .number(contextVersion)
                .instant(timestamp)
                .operation(operation);
    }

    @Override
    public void serverOperation(Collaborator author, long contextVersion, Instant timestamp, Operation operation) {
        event(SERVER_OPERATION)
                .collaborator(author)
                .number(contextVersion)
                .instant(timestamp)
                .operation(operation);
        now(false);
    }

    @Override
    public void collaboratorOpened(Collaborator collaborator) {
        event(COLLABORATOR_OPENED).collaborator(collaborator);
        now(false);
    }

    @Override
    public void collaboratorClosed(String session) {
        event(COLLABORATOR_CLOSED).string(session);
        now(false);
    }

    @Override
    public void referenceShared(String session, String referenceKey, ReferenceValue value) {
        event(REFERENCE_SHARED).string(session).string(referenceKey).reference(value);
    }

    @Override
    public void referenceSet(String session, String referenceKey, ReferenceValue value) {
        event(REFERENCE_SET).string(session).string(referenceKey).reference(value);
    }

    @Override
    public void referenceCleared(String session, String valueId, String referenceKey) {
        event(REFERENCE_CLEARED).string(session).string(valueId).string(referenceKey);
    }

    @Override
    public void referenceUnshared(String session, String valueId, String referenceKey) {
        event(REFERENCE_UNSHARED).string(session).string(valueId).string(referenceKey);
    }

    @Override
    public void permissionsChanged(ModelPermissions permissions) {
        event(PERMISSIONS_CHANGED).permissions(permissions);
        now(false);
    }

    @Override
    public void closed() {
        event(CLOSED);
        now(true);
    }

    @Override
    public void forceClosed(ForceCloseReason reason, String message) {
        event(FORCE_CLOSED).string(reason.name()).string(message);
        now(true);
    }

    @Override
    public void ownerLost() {
        event(OWNER_LOST);
        now(true);
    }

    /**
     * Reads one event of kind {@code kind} and delivers it to {@code p}, the session at its own node; before the
     * session's last event on the model it runs {@code last}, so that whatever the participant does on hearing it
     * (open the model again) finds the forwarding gone.
     */
    static void deliver(int kind, RelayCodec.Reader in, ModelParticipant p, Runnable last) {
        switch (kind) {
            case OPENED -> p.opened(in.openedModel());
            case OPEN_FAILED -> {
                Refusal refusal = in.refusal();
                last.run();
                p.openFailed(refusal);
            }
            case RESYNC_STARTED -> p.resyncStarted(in.number(), in.strings(), in.permissions());
            case RESYNC_COMPLETED -> {
                boolean closed = in.bool();
                ResyncedModel resynced = in.resyncedModel();
                if (closed) {
                    last.run();
                }
                p.resyncCompleted(closed ? ResyncedModel.CLOSED : resynced);
            }
            case COLLABORATOR_RESYNC_STARTED -> p.collaboratorResyncStarted(in.collaborator());
            case COLLABORATOR_RESYNC_COMPLETED -> p.collaboratorResyncCompleted(in.string());
            case ACKNOWLEDGED -> p.acknowledged(in.integer(), in.number(), in.instant());
            case REMOTE_OPERATION -> p.remoteOperation(in.string(), in.number(), in.instant(), in.operation());
            case REMOTE_OPERATION_FROM_COLLABORATOR ->
                p.remoteOperationFromCollaborator(in.string(), in.number(), in.instant(), in.operation());
            case SERVER_OPERATION -> p.serverOperation(in.collaborator(), in.number(), in.instant(), in.operation());
            case COLLABORATOR_OPENED -> p.collaboratorOpened(in.collaborator());
            case COLLABORATOR_CLOSED -> p.collaboratorClosed(in.string());
            case REFERENCE_SHARED -> p.referenceShared(in.string(), in.string(), in.reference());
            case REFERENCE_SET -> p.referenceSet(in.string(), in.string(), in.reference());
            case REFERENCE_CLEARED -> p.referenceCleared(in.string(), in.string(), in.string());
            case REFERENCE_UNSHARED -> p.referenceUnshared(in.string(), in.string(), in.string());
            case PERMISSIONS_CHANGED -> p.permissionsChanged(in.permissions());
            case CLOSED -> {
                last.run();
                p.closed();
            }
            case FORCE_CLOSED -> {
                ForceCloseReason reason = ForceCloseReason.valueOf(in.string());
                String message = in.string();
                last.run();
                p.forceClosed(reason, message);
            }
            case OWNER_LOST -> {
                last.run();
                p.ownerLost();
            }
            default -> throw new IllegalArgumentException("an unknown model event " + kind);
        }
    }
}
