package dev.tandem.interfaces.realtime.model;

import com.google.protobuf.StringValue;
import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserView;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.CloseReasons;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.dispatch.RealtimeMetrics;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.model.CloseRealTimeModelResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelForceCloseMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelPermissionsChangedMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelResyncResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelResyncServerCompleteMessage;
import dev.tandem.interfaces.realtime.proto.model.OpenRealtimeModelResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.OperationAcknowledgementMessage;
import dev.tandem.interfaces.realtime.proto.model.ReferenceData;
import dev.tandem.interfaces.realtime.proto.model.RemoteClientClosedMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteClientOpenedMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteClientResyncCompletedMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteClientResyncStartedMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteOperationMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteReferenceClearedMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteReferenceSetMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteReferenceSharedMessage;
import dev.tandem.interfaces.realtime.proto.model.RemoteReferenceUnsharedMessage;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.model.Collaborator;
import dev.tandem.model.ForceCloseReason;
import dev.tandem.model.ModelParticipant;
import dev.tandem.model.ModelPermissions;
import dev.tandem.model.OpenedModel;
import dev.tandem.model.ResyncedModel;
import dev.tandem.model.SharedReference;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.reference.IndexReference;
import dev.tandem.ot.reference.PropertyReference;
import dev.tandem.ot.reference.RangeReference;
import dev.tandem.ot.reference.ReferenceValue;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connection's open model, as the live model sees it: turns model events into protocol messages for one
 * {@code resourceId}. Knows the users of the model's other sessions, so it can put them in the client's identity
 * cache before any message names them.
 */
final class RealtimeParticipant implements ModelParticipant {

    private static final Logger LOG = Logger.getLogger(RealtimeParticipant.class.getName());

    private final ClientConnection connection;
    private final IdentityCache identityCache;
    private final OpenModels openModels;
    private final int resourceId;
    private final String modelId;
    private final IncomingMessage openRequest;
    private final Map<String, DomainUserView> collaborators = new LinkedHashMap<>();
    private volatile IncomingMessage closeRequest;
    // arrival time of each unacknowledged operation, by sequence number, for the acknowledgement latency metric
    private final Map<Integer, Long> submittedAt = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile RealtimeMetrics metrics;
    // Set once the model's owner is lost: the connection is closing so that the client resyncs elsewhere.
    private volatile boolean ownerLost;

    RealtimeParticipant(
            ClientConnection connection,
            IdentityCache identityCache,
            OpenModels openModels,
            int resourceId,
            String modelId,
            IncomingMessage openRequest) {
        this.connection = connection;
        this.identityCache = identityCache;
        this.openModels = openModels;
        this.resourceId = resourceId;
        this.modelId = modelId;
        this.openRequest = openRequest;
    }

    int resourceId() {
        return resourceId;
    }

    String modelId() {
        return modelId;
    }

    void closeRequested(IncomingMessage request) {
        this.closeRequest = request;
    }

    /** The value a reference points into; none for model-level element references, whose valueId stays unset. */
    private static Optional<String> valueIdOf(ReferenceValue value) {
        if (value instanceof IndexReference index) {
            return Optional.of(index.valueId());
        }
        if (value instanceof RangeReference range) {
            return Optional.of(range.valueId());
        }
        if (value instanceof PropertyReference property) {
            return Optional.of(property.valueId());
        }
        return Optional.empty();
    }

    @Override
    public String sessionId() {
        return connection.requireSession().sessionId();
    }

    @Override
    public DomainUserView user() {
        return connection.requireSession().user();
    }

    @Override
    public void opened(OpenedModel model) {
        for (Collaborator c : model.collaborators()) {
            collaborators.put(c.sessionId(), c.user());
        }
        identityCache.ensureKnown(connection, collaborators, List.of());
        OpenRealtimeModelResponseMessage.Builder response = OpenRealtimeModelResponseMessage.newBuilder()
                .setResourceId(resourceId)
                .setModelId(model.modelId())
                .setCollection(model.collectionId())
                .setValueIdPrefix(model.valueIdPrefix())
                .setVersion(model.version())
                .setCreatedTime(Wire.timestamp(model.createdAt()))
                .setModifiedTime(Wire.timestamp(model.modifiedAt()))
                .setData(ModelWire.toWire(model.data()))
                .setPermissions(PermissionWire.toWire(model.permissions()));
        for (Collaborator c : model.collaborators()) {
            response.addConnectedClients(c.sessionId());
        }
        for (SharedReference reference : model.references()) {
            response.addReferences(referenceData(reference));
        }
        openRequest.reply(ConvergenceMessage.newBuilder().setOpenRealTimeModelResponse(response));
    }

    private static ReferenceData referenceData(SharedReference reference) {
        ReferenceData.Builder data = ReferenceData.newBuilder()
                .setSessionId(reference.sessionId())
                .setKey(reference.key())
                .setReference(ModelWire.toWire(reference.value()));
        if (reference.valueId() != null) {
            data.setValueId(StringValue.of(reference.valueId()));
        }
        return data.build();
    }

    @Override
    public void resyncStarted(long currentVersion, Collection<String> replayedSessions, ModelPermissions permissions) {
        // The replayed operations name their original sessions, which may be long gone: the cache finds them stored.
        identityCache.ensureSessionsKnown(connection, replayedSessions);
        openRequest.reply(ConvergenceMessage.newBuilder()
                .setModelResyncResponse(ModelResyncResponseMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setCurrentVersion(currentVersion)
                        .setPermissions(PermissionWire.toWire(permissions))));
    }

    @Override
    public void resyncCompleted(ResyncedModel model) {
        for (Collaborator c : model.collaborators()) {
            collaborators.put(c.sessionId(), c.user());
        }
        // The client looks up every connected session's user, its own included, and the references' sessions.
        identityCache.ensureKnown(connection, collaborators, List.of());
        ModelResyncServerCompleteMessage.Builder complete = ModelResyncServerCompleteMessage.newBuilder()
                .setResourceId(resourceId)
                .addAllResyncingClients(model.resyncing());
        for (Collaborator c : model.collaborators()) {
            complete.addConnectedClients(c.sessionId());
        }
        for (SharedReference reference : model.references()) {
            complete.addReferences(referenceData(reference));
        }
        if (model == ResyncedModel.CLOSED) {
            openModels.remove(this); // resynchronized only to close: nothing more will come for this resource
        }
        connection.send(ConvergenceMessage.newBuilder()
                .setModelResyncServerComplete(complete)
                .build());
    }

    @Override
    public void collaboratorResyncStarted(Collaborator collaborator) {
        // Its resent operations reach this client before its open does, and the client looks up their session.
        identityCache.ensureKnown(connection, Map.of(collaborator.sessionId(), collaborator.user()), List.of());
        connection.send(ConvergenceMessage.newBuilder()
                .setRemoteClientResyncStarted(RemoteClientResyncStartedMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setSessionId(collaborator.sessionId()))
                .build());
    }

    @Override
    public void collaboratorResyncCompleted(String sessionId) {
        connection.send(ConvergenceMessage.newBuilder()
                .setRemoteClientResyncCompleted(RemoteClientResyncCompletedMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setSessionId(sessionId))
                .build());
    }

    @Override
    public void openFailed(Refusal refusal) {
        openModels.remove(this);
        openRequest.refuse(refusal);
    }

    /** See {@link ModelParticipant#ownerLost()}: the client reconnects and resynchronizes. */
    @Override
    public void ownerLost() {
        ownerLost = true;
        connection.close(CloseReasons.MODEL_OWNER_LOST);
    }

    /** An operation arrived from the client; its acknowledgement is timed into {@code metrics}. */
    void submitted(int sequenceNumber, RealtimeMetrics metrics) {
        this.metrics = metrics;
        submittedAt.put(sequenceNumber, System.nanoTime());
    }

    @Override
    public void acknowledged(int sequenceNumber, long version, Instant timestamp) {
        Long arrived = submittedAt.remove(sequenceNumber);
        if (arrived != null && metrics != null) {
            metrics.acknowledged(System.nanoTime() - arrived);
        }
        connection.hold(ConvergenceMessage.newBuilder()
                .setOperationAck(OperationAcknowledgementMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setSequenceNumber(sequenceNumber)
                        .setVersion(version)
                        .setTimestamp(Wire.timestamp(timestamp)))
                .build()
                .toByteArray());
    }

    @Override
    public void remoteOperation(String sessionId, long contextVersion, Instant timestamp, Operation operation) {
        if (!collaborators.containsKey(sessionId)) {
            // Not announced to this participant: a replayed or resynchronizing session, or one that opened while
            // this one was resynchronizing. Cheap when the connection knows it already.
            identityCache.ensureSessionsKnown(connection, List.of(sessionId));
        }
        remoteOperationFromCollaborator(sessionId, contextVersion, timestamp, operation);
    }

    @Override
    public void remoteOperationFromCollaborator(
            String sessionId, long contextVersion, Instant timestamp, Operation operation) {
        // Every participant gets the same operation: encoded once, on the first of them (see BroadcastFrames).
        connection.hold(BroadcastFrames.frame(
                resourceId,
                ConvergenceMessage.REMOTEOPERATION_FIELD_NUMBER,
                sessionId,
                timestamp,
                operation,
                null,
                contextVersion,
                () -> RemoteOperationMessage.newBuilder()
                        .setSessionId(sessionId)
                        .setContextVersion(contextVersion)
                        .setTimestamp(Wire.timestamp(timestamp))
                        .setOperation(ModelWire.toWire(operation))
                        .build()));
    }

    @Override
    public void flush() {
        connection.flush();
    }

    @Override
    public void serverOperation(Collaborator author, long contextVersion, Instant timestamp, Operation operation) {
        // The stand-in session exists nowhere else: announce its user, as the client resolves every event's user.
        identityCache.ensureKnown(connection, Map.of(author.sessionId(), author.user()), List.of());
        remoteOperation(author.sessionId(), contextVersion, timestamp, operation);
    }

    @Override
    public void collaboratorOpened(Collaborator collaborator) {
        collaborators.put(collaborator.sessionId(), collaborator.user());
        identityCache.ensureKnown(connection, Map.of(collaborator.sessionId(), collaborator.user()), List.of());
        connection.send(ConvergenceMessage.newBuilder()
                .setRemoteClientOpenedModel(RemoteClientOpenedMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setSessionId(collaborator.sessionId()))
                .build());
    }

    @Override
    public void collaboratorClosed(String sessionId) {
        collaborators.remove(sessionId);
        connection.send(ConvergenceMessage.newBuilder()
                .setRemoteClientClosedModel(RemoteClientClosedMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setSessionId(sessionId))
                .build());
    }

    @Override
    public void referenceShared(String sessionId, String key, ReferenceValue value) {
        connection.hold(BroadcastFrames.frame(
                resourceId, ConvergenceMessage.REFERENCESHARED_FIELD_NUMBER, sessionId, key, value, null, 0, () -> {
                    RemoteReferenceSharedMessage.Builder message = RemoteReferenceSharedMessage.newBuilder()
                            .setSessionId(sessionId)
                            .setKey(key)
                            .setReferences(ModelWire.toWire(value));
                    valueIdOf(value).ifPresent(id -> message.setValueId(StringValue.of(id)));
                    return message.build();
                }));
    }

    @Override
    public void referenceSet(String sessionId, String key, ReferenceValue value) {
        connection.hold(BroadcastFrames.frame(
                resourceId, ConvergenceMessage.REFERENCESET_FIELD_NUMBER, sessionId, key, value, null, 0, () -> {
                    RemoteReferenceSetMessage.Builder message = RemoteReferenceSetMessage.newBuilder()
                            .setSessionId(sessionId)
                            .setKey(key)
                            .setReferences(ModelWire.toWire(value));
                    valueIdOf(value).ifPresent(id -> message.setValueId(StringValue.of(id)));
                    return message.build();
                }));
    }

    @Override
    public void referenceCleared(String sessionId, String valueId, String key) {
        connection.hold(BroadcastFrames.frame(
                resourceId, ConvergenceMessage.REFERENCECLEARED_FIELD_NUMBER, sessionId, valueId, key, null, 0, () -> {
                    RemoteReferenceClearedMessage.Builder message = RemoteReferenceClearedMessage.newBuilder()
                            .setSessionId(sessionId)
                            .setKey(key);
                    if (valueId != null) {
                        message.setValueId(StringValue.of(valueId));
                    }
                    return message.build();
                }));
    }

    @Override
    public void referenceUnshared(String sessionId, String valueId, String key) {
        connection.hold(BroadcastFrames.frame(
                resourceId, ConvergenceMessage.REFERENCEUNSHARED_FIELD_NUMBER, sessionId, valueId, key, null, 0, () -> {
                    RemoteReferenceUnsharedMessage.Builder message = RemoteReferenceUnsharedMessage.newBuilder()
                            .setSessionId(sessionId)
                            .setKey(key);
                    if (valueId != null) {
                        message.setValueId(StringValue.of(valueId));
                    }
                    return message.build();
                }));
    }

    @Override
    public void permissionsChanged(ModelPermissions permissions) {
        connection.send(ConvergenceMessage.newBuilder()
                .setModelPermissionsChanged(ModelPermissionsChangedMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setPermissions(PermissionWire.toWire(permissions)))
                .build());
    }

    @Override
    public void closed() {
        openModels.remove(this);
        IncomingMessage request = closeRequest;
        if (request != null) {
            request.reply(ConvergenceMessage.newBuilder()
                    .setCloseRealTimeModelResponse(CloseRealTimeModelResponseMessage.getDefaultInstance()));
        }
    }

    @Override
    public void forceClosed(ForceCloseReason reason, String message) {
        if (ownerLost) {
            // What the client sent before it saw its connection close (an operation for the model its node no longer
            // holds) must not close the model in the client: rc.12 would keep it closed after it reconnects, where
            // the model resynchronizes with its new owner.
            openModels.remove(this);
            return;
        }
        LOG.log(Level.INFO, "{0}: model {1} force-closed: {2}: {3}", new Object[] {
            connection, modelId(), reason, message
        });
        openModels.remove(this);
        connection.send(ConvergenceMessage.newBuilder()
                .setForceCloseRealTimeModel(ModelForceCloseMessage.newBuilder()
                        .setResourceId(resourceId)
                        .setReason(message)
                        .setReasonCode(reason.code()))
                .build());
    }
}
