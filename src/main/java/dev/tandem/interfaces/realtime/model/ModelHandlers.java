package dev.tandem.interfaces.realtime.model;

import dev.tandem.common.Refusal;
import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionEvent;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.connection.RealtimeSettings;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.dispatch.MessageRouter;
import dev.tandem.interfaces.realtime.dispatch.RealtimeMetrics;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.model.AutoCreateModelConfigRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.AutoCreateModelConfigResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.CreateRealtimeModelRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.CreateRealtimeModelResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.DeleteRealtimeModelResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.GetModelPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.HistoricalDataResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.HistoricalOperationRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.HistoricalOperationsResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelGetVersionAtTimeRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelGetVersionAtTimeResponseMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelResyncClientCompleteMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelResyncRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.OpenRealtimeModelRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.OperationSubmissionMessage;
import dev.tandem.interfaces.realtime.proto.model.ReferenceValues;
import dev.tandem.interfaces.realtime.proto.model.SetModelPermissionsRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.SetModelPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.model.ForceCloseReason;
import dev.tandem.model.HistoricalOperation;
import dev.tandem.model.ModelAlreadyExistsException;
import dev.tandem.model.ModelHistory;
import dev.tandem.model.ModelNotFoundException;
import dev.tandem.model.ModelPermissionChange;
import dev.tandem.model.ModelPermissionSettings;
import dev.tandem.model.ModelPermissions;
import dev.tandem.model.ModelService;
import dev.tandem.model.ModelState;
import dev.tandem.model.ReferenceEvent;
import dev.tandem.model.UnauthorizedException;
import dev.tandem.ot.operation.Operation;
import dev.tandem.ot.value.ObjectValue;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Model messages: open (with the client-asked auto-create), create, close, delete, operations, references, resync
 * after a reconnect, history playback and model permissions. Thin:
 * the {@link ModelService} decides, this class translates and keeps the connection's {@link OpenModels}.
 */
@ApplicationScoped
public class ModelHandlers implements HandlerRegistration {

    private static final Logger LOG = Logger.getLogger(ModelHandlers.class.getName());

    @Inject
    ModelService models;

    @Inject
    ModelHistory history;

    @Inject
    DomainRepository domains;

    @Inject
    RealtimeSettings settings;

    @Inject
    IdentityCache identityCache;

    @Inject
    RealtimeMetrics metrics;

    /**
     * The most models one connection may have open (or resynchronizing) at once: each holds a collaborator on a model
     * kept in memory, so a client opening models without end would hold the server's memory. Past it an open or
     * resync is refused with {@value #TOO_MANY_OPEN_MODELS}.
     */
    @Inject
    @ConfigProperty(name = "tandem.model.max-open-per-connection", defaultValue = "1000")
    int maxOpenModels;

    static final String TOO_MANY_OPEN_MODELS = "too_many_open_models";

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.OPENREALTIMEMODELREQUEST, this::open)
                .request(BodyCase.CLOSEREALTIMEMODELREQUEST, this::close)
                .request(BodyCase.CREATEREALTIMEMODELREQUEST, this::create)
                .request(BodyCase.DELETEREALTIMEMODELREQUEST, this::delete)
                .message(BodyCase.OPERATIONSUBMISSION, this::submit)
                .message(BodyCase.SHAREREFERENCE, this::reference)
                .message(BodyCase.SETREFERENCE, this::reference)
                .message(BodyCase.CLEARREFERENCE, this::reference)
                .message(BodyCase.UNSHAREREFERENCE, this::reference)
                .request(BodyCase.MODELRESYNCREQUEST, this::resync)
                .message(BodyCase.MODELRESYNCCLIENTCOMPLETE, this::resyncComplete)
                .request(BodyCase.HISTORICALDATAREQUEST, this::historicalData)
                .request(BodyCase.HISTORICALOPERATIONSREQUEST, this::historicalOperations)
                .request(BodyCase.MODELGETVERSIONATTIMEREQUEST, this::versionAtTime)
                .request(BodyCase.GETMODELPERMISSIONSREQUEST, this::getPermissions)
                .request(BodyCase.SETMODELPERMISSIONSREQUEST, this::setPermissions);
    }

    /** A closed socket closes its models: the others see the collaborator leave, its references vanish. */
    void disconnected(@Observes ConnectionEvent.Disconnected event) {
        ClientConnection connection = event.connection();
        connection.attachment(OpenModels.class).ifPresent(open -> {
            for (RealtimeParticipant participant : open.all()) {
                open.remove(participant);
                models.close(open.domainRef(), participant.modelId(), participant, false);
            }
        });
    }

    private void open(ClientConnection connection, IncomingMessage incoming) {
        OpenRealtimeModelRequestMessage request = incoming.message().getOpenRealTimeModelRequest();
        OpenModels open = openModels(connection);
        String modelId = request.hasModelId() ? request.getModelId().getValue() : "";
        // autoCreateId counts from 0 and {value:0} is sent explicitly, so presence is what matters.
        boolean autoCreate = request.hasAutoCreateId();
        if (modelId.isEmpty() && !autoCreate) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "modelId is required");
        }
        if (!modelId.isEmpty() && open.isOpen(modelId)) {
            throw new ProtocolException("model_already_open", "model " + modelId + " is already open");
        }
        requireRoomFor(open); // before an auto-create asks the client for the model's data
        if (!modelId.isEmpty() && models.exists(open.domainRef(), modelId)) {
            openExisting(connection, incoming, open, modelId);
        } else if (autoCreate) {
            autoCreate(
                    connection,
                    incoming,
                    open,
                    modelId,
                    request.getAutoCreateId().getValue());
        } else {
            throw new ModelNotFoundException(modelId);
        }
    }

    private void openExisting(ClientConnection connection, IncomingMessage incoming, OpenModels open, String modelId) {
        requireRoomFor(open);
        RealtimeParticipant participant =
                new RealtimeParticipant(connection, identityCache, open, open.allocateResourceId(), modelId, incoming);
        open.add(participant);
        models.open(open.domainRef(), modelId, participant);
    }

    /** Asks the client for the model's collection and data, creates it at version 1, then opens it. */
    private void autoCreate(
            ClientConnection connection, IncomingMessage incoming, OpenModels open, String modelId, int autoCreateId) {
        ConvergenceMessage.Builder ask = ConvergenceMessage.newBuilder()
                .setModelAutoCreateConfigRequest(
                        AutoCreateModelConfigRequestMessage.newBuilder().setAutoCreateId(autoCreateId));
        CompletableFuture<ConvergenceMessage> reply =
                connection.request(ask, settings.serverRequestTimeout().toNanos());
        reply.thenAccept(message -> {
                    if (message.getBodyCase() != BodyCase.MODELAUTOCREATECONFIGRESPONSE) {
                        // the client's own code, when it gave one: an error without a code tells its client nothing
                        String code = message.hasError()
                                        && !message.getError().getCode().isBlank()
                                ? message.getError().getCode()
                                : ErrorCodes.INVALID_MESSAGE;
                        incoming.replyError(code, "the client did not provide the model's configuration");
                        return;
                    }
                    AutoCreateModelConfigResponseMessage config = message.getModelAutoCreateConfigResponse();
                    String id = createIfAbsent(
                            open.domainRef(),
                            config.getCollection(),
                            modelId,
                            config.hasData() ? ModelWire.fromWire(config.getData()) : null,
                            userOf(connection),
                            PermissionWire.settings(
                                    config.getOverridePermissions(),
                                    config.hasWorldPermissions(),
                                    config.getWorldPermissions(),
                                    config.getUserPermissionsList()));
                    if (connection.state() == ClientConnection.State.CLOSED) {
                        // Its models were already closed on disconnect: opening now would leave a collaborator nobody
                        // closes.
                        LOG.log(Level.FINE, "model {0} auto-created for {1}, which closed meanwhile", new Object[] {
                            id, connection
                        });
                        return;
                    }
                    openExisting(connection, incoming, open, id);
                })
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (connection.state() == ClientConnection.State.CLOSED) {
                        // The socket closed first (the client left, or its reply was over the frame limit and closed it
                        // with
                        // 1009): routine, nobody is left to answer, and the close was logged once, at INFO, with its
                        // reason.
                        LOG.log(Level.FINE, "auto-creating model {0} abandoned: {1} closed ({2})", new Object[] {
                            modelId.isEmpty() ? "(new)" : modelId, connection, cause.getMessage()
                        });
                    } else if (cause instanceof ProtocolException protocol) {
                        incoming.replyError(protocol.code(), protocol.getMessage());
                    } else if (cause instanceof Refusal refusal) {
                        incoming.refuse(refusal);
                    } else if (MessageRouter.databaseRefusal(cause) != null) {
                        incoming.replyError(ErrorCodes.MALFORMED_REQUEST_CONTENT, MessageRouter.databaseRefusal(cause));
                    } else if (cause instanceof TimeoutException) {
                        incoming.replyError(ErrorCodes.UNKNOWN, "the client did not answer the auto-create request");
                    } else {
                        LOG.log(Level.WARNING, "auto-creating model " + modelId + " failed", cause);
                        incoming.replyError(ErrorCodes.UNKNOWN, "the model could not be created");
                    }
                    return null;
                });
    }

    private String createIfAbsent(
            String domainRef,
            String collectionId,
            String modelId,
            ObjectValue data,
            DomainUserId creator,
            ModelPermissionSettings permissions) {
        requireCollection(collectionId);
        try {
            return models.create(
                    domainRef, collectionId, modelId, data == null ? emptyRoot() : data, creator, permissions);
        } catch (ModelAlreadyExistsException e) {
            return modelId; // another session created it meanwhile: open that one
        }
    }

    private void create(ClientConnection connection, IncomingMessage incoming) {
        CreateRealtimeModelRequestMessage request = incoming.message().getCreateRealTimeModelRequest();
        requireCollection(request.getCollectionId());
        OpenModels open = openModels(connection);
        String modelId = request.hasModelId() ? request.getModelId().getValue() : null;
        ObjectValue data = request.hasData() ? ModelWire.fromWire(request.getData()) : emptyRoot();
        ModelPermissionSettings permissions = PermissionWire.settings(
                request.getOverrideWorldPermissions(),
                request.hasWorldPermissions(),
                request.getWorldPermissions(),
                request.getUserPermissionsList());
        String created = models.create(
                open.domainRef(), request.getCollectionId(), modelId, data, userOf(connection), permissions);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setCreateRealTimeModelResponse(
                        CreateRealtimeModelResponseMessage.newBuilder().setModelId(created)));
    }

    private void close(ClientConnection connection, IncomingMessage incoming) {
        int resourceId = incoming.message().getCloseRealTimeModelRequest().getResourceId();
        OpenModels open = openModels(connection);
        RealtimeParticipant participant = open.get(resourceId).orElse(null);
        if (participant == null) {
            // Already closed (force-closed, or a repeated request): closing is idempotent.
            incoming.reply(
                    ConvergenceMessage.newBuilder()
                            .setCloseRealTimeModelResponse(dev.tandem.interfaces.realtime.proto.model
                                    .CloseRealTimeModelResponseMessage.getDefaultInstance()));
            return;
        }
        participant.closeRequested(incoming);
        models.close(open.domainRef(), participant.modelId(), participant, true);
    }

    private void delete(ClientConnection connection, IncomingMessage incoming) {
        String modelId = incoming.message().getDeleteRealtimeModelRequest().getModelId();
        if (modelId.isEmpty()) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "modelId is required");
        }
        if (!models.delete(openModels(connection).domainRef(), modelId, userOf(connection))) {
            throw new ModelNotFoundException(modelId);
        }
        incoming.reply(ConvergenceMessage.newBuilder()
                .setDeleteRealtimeModelResponse(DeleteRealtimeModelResponseMessage.getDefaultInstance()));
    }

    /**
     * A reconnected client catches up on a model it had open: a new resource id, the operations it missed, then live
     * ones. The participant exists from now on, because the client resends its unacknowledged operations before it
     * completes the resync.
     */
    private void resync(ClientConnection connection, IncomingMessage incoming) {
        ModelResyncRequestMessage request = incoming.message().getModelResyncRequest();
        String modelId = request.getModelId();
        if (modelId.isEmpty()) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "modelId is required");
        }
        OpenModels open = openModels(connection);
        if (open.isOpen(modelId)) {
            throw new ProtocolException("model_already_open", "model " + modelId + " is already open");
        }
        requireRoomFor(open);
        RealtimeParticipant participant =
                new RealtimeParticipant(connection, identityCache, open, open.allocateResourceId(), modelId, incoming);
        open.add(participant);
        models.resync(open.domainRef(), modelId, participant, request.getContextVersion());
    }

    private void resyncComplete(ClientConnection connection, IncomingMessage incoming) {
        ModelResyncClientCompleteMessage complete = incoming.message().getModelResyncClientComplete();
        OpenModels open = openModels(connection);
        RealtimeParticipant participant = participant(open, complete.getResourceId());
        models.resyncComplete(open.domainRef(), participant.modelId(), participant, complete.getOpen());
    }

    /** The start of a playback: the model as it is now. History needs read permission. */
    private void historicalData(ClientConnection connection, IncomingMessage incoming) {
        String modelId =
                requireModelId(incoming.message().getHistoricalDataRequest().getModelId());
        requireRead(connection, modelId);
        ModelState state = models.current(openModels(connection).domainRef(), modelId);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setHistoricalDataResponse(HistoricalDataResponseMessage.newBuilder()
                        .setCollectionId(state.collectionId())
                        .setData(ModelWire.toWire(state.data()))
                        .setVersion(state.version())
                        .setCreatedTime(Wire.timestamp(state.createdAt()))
                        .setModifiedTime(Wire.timestamp(state.modifiedAt()))));
    }

    private void historicalOperations(ClientConnection connection, IncomingMessage incoming) {
        HistoricalOperationRequestMessage request = incoming.message().getHistoricalOperationsRequest();
        String modelId = requireModelId(request.getModelId());
        requireRead(connection, modelId);
        List<HistoricalOperation> history;
        try {
            history = this.history.history(
                    openModels(connection).domainRef(),
                    modelId,
                    request.getFirst(),
                    request.getLast(),
                    settings.historyMaxOperations());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, e.getMessage());
        }
        List<String> sessions = new ArrayList<>();
        for (HistoricalOperation op : history) {
            if (op.sessionId() != null) {
                sessions.add(op.sessionId());
            }
        }
        // The client resolves each entry's user while decoding the response: the identities go first.
        identityCache.ensureSessionsKnown(connection, new LinkedHashSet<>(sessions));
        HistoricalOperationsResponseMessage.Builder response = HistoricalOperationsResponseMessage.newBuilder();
        for (HistoricalOperation op : history) {
            HistoricalOperationsResponseMessage.ModelOperationData.Builder entry =
                    HistoricalOperationsResponseMessage.ModelOperationData.newBuilder()
                            .setModelId(modelId)
                            .setVersion(op.version())
                            .setTimestamp(Wire.timestamp(op.committedAt()))
                            .setOperation(ModelWire.toWire(op.operation()));
            if (op.sessionId() != null) {
                entry.setSessionId(op.sessionId());
            }
            response.addOperations(entry);
        }
        incoming.reply(ConvergenceMessage.newBuilder().setHistoricalOperationsResponse(response));
    }

    private void versionAtTime(ClientConnection connection, IncomingMessage incoming) {
        ModelGetVersionAtTimeRequestMessage request = incoming.message().getModelGetVersionAtTimeRequest();
        String modelId = requireModelId(request.getModelId());
        if (!request.hasTargetTime()) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "targetTime is required");
        }
        requireRead(connection, modelId);
        Instant time = Instant.ofEpochSecond(
                request.getTargetTime().getSeconds(), request.getTargetTime().getNanos());
        long version = history.versionAt(openModels(connection).domainRef(), modelId, time);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setModelGetVersionAtTimeResponse(
                        ModelGetVersionAtTimeResponseMessage.newBuilder().setVersionAtTime(version)));
    }

    private void getPermissions(ClientConnection connection, IncomingMessage incoming) {
        String modelId = requireModelId(
                incoming.message().getGetModelPermissionsRequest().getModelId());
        ModelPermissionSettings settings =
                models.permissionSettings(openModels(connection).domainRef(), modelId, userOf(connection));
        incoming.reply(ConvergenceMessage.newBuilder()
                .setGetModelPermissionsResponse(GetModelPermissionsResponseMessage.newBuilder()
                        .setOverridesCollection(settings.overrideWorld())
                        .setWorldPermissions(PermissionWire.toWire(settings.world()))
                        .addAllUserPermissions(PermissionWire.toWire(settings.users()))));
    }

    /** Each part of the request is optional: absent {@code overrideCollection} or {@code worldPermissions} stay. */
    private void setPermissions(ClientConnection connection, IncomingMessage incoming) {
        SetModelPermissionsRequestMessage request = incoming.message().getSetModelPermissionsRequest();
        String modelId = requireModelId(request.getModelId());
        List<DomainUserId> removed = new ArrayList<>();
        request.getRemovedUserPermissionsList().forEach(user -> removed.add(Wire.userId(user)));
        ModelPermissionChange change = new ModelPermissionChange(
                request.hasOverrideCollection()
                        ? request.getOverrideCollection().getValue()
                        : null,
                request.hasWorldPermissions() ? PermissionWire.fromWire(request.getWorldPermissions()) : null,
                request.getRemoveAllUserPermissionsBeforeSet(),
                PermissionWire.fromWire(request.getSetUserPermissionsList()),
                removed);
        models.changePermissions(openModels(connection).domainRef(), modelId, userOf(connection), change);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setSetModelPermissionsResponse(SetModelPermissionsResponseMessage.getDefaultInstance()));
    }

    private void requireRead(ClientConnection connection, String modelId) {
        ModelPermissions permissions =
                models.permissions(openModels(connection).domainRef(), modelId, userOf(connection));
        if (!permissions.read()) {
            throw new UnauthorizedException("no permission to read model " + modelId);
        }
    }

    private static DomainUserId userOf(ClientConnection connection) {
        return DomainUserId.of(connection.requireSession().user());
    }

    private static String requireModelId(String modelId) {
        if (modelId.isEmpty()) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "modelId is required");
        }
        return modelId;
    }

    private void submit(ClientConnection connection, IncomingMessage incoming) {
        OperationSubmissionMessage submission = incoming.message().getOperationSubmission();
        OpenModels open = openModels(connection);
        RealtimeParticipant participant = participant(open, submission.getResourceId());
        Operation operation;
        try {
            operation = ModelWire.fromWire(submission.getOperation());
        } catch (ProtocolException e) {
            // The client applied it locally already; without it the documents differ, so the model must close.
            models.forceClose(
                    open.domainRef(),
                    participant.modelId(),
                    participant,
                    ForceCloseReason.ERROR_APPLYING_OPERATION,
                    e.getMessage());
            return;
        }
        participant.submitted(submission.getSequenceNumber(), metrics);
        models.submit(
                open.domainRef(),
                participant.modelId(),
                participant,
                submission.getSequenceNumber(),
                submission.getContextVersion(),
                operation);
    }

    private void reference(ClientConnection connection, IncomingMessage incoming) {
        ConvergenceMessage message = incoming.message();
        OpenModels open = openModels(connection);
        ReferenceEvent event;
        int resourceId;
        switch (message.getBodyCase()) {
            case SHAREREFERENCE -> {
                var share = message.getShareReference();
                resourceId = share.getResourceId();
                String valueId = valueId(share.hasValueId(), share.getValueId().getValue());
                event = new ReferenceEvent(
                        ReferenceEvent.Kind.SHARE,
                        valueId,
                        share.getKey(),
                        referenceValue(valueId, share.getReferences()),
                        share.getVersion());
            }
            case SETREFERENCE -> {
                var set = message.getSetReference();
                resourceId = set.getResourceId();
                String valueId = valueId(set.hasValueId(), set.getValueId().getValue());
                event = new ReferenceEvent(
                        ReferenceEvent.Kind.SET,
                        valueId,
                        set.getKey(),
                        referenceValue(valueId, set.getReferences()),
                        set.getVersion());
            }
            case CLEARREFERENCE -> {
                var clear = message.getClearReference();
                resourceId = clear.getResourceId();
                event = new ReferenceEvent(
                        ReferenceEvent.Kind.CLEAR,
                        valueId(clear.hasValueId(), clear.getValueId().getValue()),
                        clear.getKey(),
                        null,
                        0);
            }
            case UNSHAREREFERENCE -> {
                var unshare = message.getUnshareReference();
                resourceId = unshare.getResourceId();
                event = new ReferenceEvent(
                        ReferenceEvent.Kind.UNSHARE,
                        valueId(unshare.hasValueId(), unshare.getValueId().getValue()),
                        unshare.getKey(),
                        null,
                        0);
            }
            default -> throw new IllegalStateException("not a reference message: " + message.getBodyCase());
        }
        RealtimeParticipant participant = participant(open, resourceId);
        models.reference(open.domainRef(), participant.modelId(), participant, event);
    }

    /** Model-level references arrive with a present but empty valueId: that means none. */
    private static String valueId(boolean present, String value) {
        return present && !value.isEmpty() ? value : null;
    }

    private static dev.tandem.ot.reference.ReferenceValue referenceValue(String valueId, ReferenceValues values) {
        return ModelWire.fromWire(valueId == null ? "" : valueId, values);
    }

    private static RealtimeParticipant participant(OpenModels open, int resourceId) {
        return open.get(resourceId)
                .orElseThrow(() -> new ProtocolException(
                        ErrorCodes.INVALID_MESSAGE, "no open model has resourceId " + resourceId));
    }

    private void requireRoomFor(OpenModels open) {
        if (open.size() >= maxOpenModels) {
            throw new ProtocolException(
                    TOO_MANY_OPEN_MODELS,
                    "at most " + maxOpenModels
                            + " models may be open on one connection (tandem.model.max-open-per-connection): close one first");
        }
    }

    private static void requireCollection(String collectionId) {
        if (collectionId == null || collectionId.isBlank()) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "a collection id is required");
        }
    }

    /** Server-made data uses the "0:" prefix, which is never handed to a client. */
    private static ObjectValue emptyRoot() {
        return new ObjectValue("0:0", Map.of());
    }

    OpenModels openModels(ClientConnection connection) {
        OpenModels open = connection.attachment(OpenModels.class, OpenModels::new);
        if (open.domainRef() == null) {
            var session = connection.requireSession();
            Domain domain = domains.find(session.namespace(), session.domainId())
                    .orElseThrow(() -> new ProtocolException("domain_not_found", "the domain no longer exists"));
            open.domainRef(domain.getId());
        }
        return open;
    }
}
