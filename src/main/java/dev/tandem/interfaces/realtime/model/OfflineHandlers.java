package dev.tandem.interfaces.realtime.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionRegistry;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.model.ModelOfflineSubscriptionChangeRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelOfflineSubscriptionChangeRequestMessage.ModelOfflineSubscriptionData;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage.ModelUpdateData;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage.OfflineModelInitialData;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage.OfflineModelUpdateData;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.model.ModelNotFoundException;
import dev.tandem.model.ModelPermissions;
import dev.tandem.model.ModelService;
import dev.tandem.model.ModelService.OfflineCopy;
import dev.tandem.model.ModelState;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Offline copies of models. {@code modelOfflineSubscriptionChangeRequest} sets which models a connection keeps
 * offline, each with the version its copy is at; the server answers {@code ok}, then pushes
 * {@code modelOfflineUpdated} at once for the models named, and again at every check interval for every subscribed
 * model that changed: {@code initial} (a full copy and a fresh value-id prefix) when the client has none,
 * {@code updated} when the model moved past the client's version or the user's permissions on it changed,
 * {@code permissionRevoked} when the user lost read, {@code deleted} when it is gone. Models the
 * connection has open are skipped: the client keeps those up to date itself.
 */
@ApplicationScoped
public class OfflineHandlers implements HandlerRegistration {

    private static final Logger LOG = Logger.getLogger(OfflineHandlers.class.getName());

    @Inject
    ModelService models;

    @Inject
    ModelHandlers modelHandlers;

    @Inject
    ConnectionRegistry connections;

    @Inject
    @ConfigProperty(name = "tandem.model.offline-sync-interval-seconds", defaultValue = "300")
    long syncIntervalSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> periodicCheck;

    @PostConstruct
    void start() {
        long interval = Math.max(1, syncIntervalSeconds);
        periodicCheck = scheduler.scheduleWithFixedDelay(this::checkAll, interval, interval, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (periodicCheck != null) {
            periodicCheck.cancel(false);
        }
    }

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.MODELOFFLINESUBSCRIPTIONCHANGE, this::subscriptionChange);
    }

    private void subscriptionChange(ClientConnection connection, IncomingMessage incoming) {
        ModelOfflineSubscriptionChangeRequestMessage request =
                incoming.message().getModelOfflineSubscriptionChange();
        OpenModels open = modelHandlers.openModels(connection);
        Map<String, Long> entries = new LinkedHashMap<>();
        for (ModelOfflineSubscriptionData entry : request.getSubscribeList()) {
            if (!entry.getModelId().isEmpty()) {
                // rc.12 loses currentVersion on explicit subscribes (PROTOCOL.md §7): 0 asks for a full copy
                entries.put(entry.getModelId(), Math.max(0, entry.getCurrentVersion()));
            }
        }
        OfflineSubscriptions subscriptions =
                connection.attachment(OfflineSubscriptions.class, OfflineSubscriptions::new);
        List<String> named;
        synchronized (subscriptions) {
            named = subscriptions.subscribe(entries, request.getAll());
            subscriptions.unsubscribe(request.getUnsubscribeList());
        }
        incoming.replyOk();
        for (String modelId : named) {
            check(connection, open, subscriptions, modelId);
        }
    }

    /** The periodic check: every subscribed model of every connection on this node. */
    private void checkAll() {
        for (ClientConnection connection : connections.connections()) {
            try {
                connection
                        .attachment(OfflineSubscriptions.class)
                        .filter(s -> !s.isEmpty())
                        .ifPresent(subscriptions -> {
                            OpenModels open = modelHandlers.openModels(connection);
                            subscriptions.modelIds().forEach(id -> check(connection, open, subscriptions, id));
                        });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "offline check failed for " + connection, e);
            }
        }
    }

    /** Brings one offline copy up to date, if it is not. */
    private void check(
            ClientConnection connection, OpenModels open, OfflineSubscriptions subscriptions, String modelId) {
        DomainUserId user = DomainUserId.of(connection.requireSession().user());
        synchronized (subscriptions) {
            OfflineSubscriptions.Known known = subscriptions.known(modelId);
            if (known == null || open.isOpen(modelId)) {
                return;
            }
            try {
                OptionalLong current = models.committedVersion(open.domainRef(), modelId);
                if (current.isEmpty()) {
                    throw new ModelNotFoundException(modelId);
                }
                ModelPermissions permissions = models.permissions(open.domainRef(), modelId, user);
                if (!permissions.read()) {
                    subscriptions.forget(modelId);
                    send(
                            connection,
                            OfflineModelUpdatedMessage.newBuilder()
                                    .setModelId(modelId)
                                    .setPermissionRevoked(true));
                    return;
                }
                if (known.version() == 0) {
                    OfflineCopy copy = models.offlineCopy(open.domainRef(), modelId);
                    subscriptions.known(modelId, copy.state().version(), permissions);
                    send(
                            connection,
                            OfflineModelUpdatedMessage.newBuilder()
                                    .setModelId(modelId)
                                    .setInitial(OfflineModelInitialData.newBuilder()
                                            .setCollection(copy.state().collectionId())
                                            .setValueIdPrefix(copy.valueIdPrefix())
                                            .setModel(updateData(copy.state()))
                                            .setPermissions(PermissionWire.toWire(permissions))));
                    return;
                }
                boolean newer = current.getAsLong() > known.version();
                boolean permissionsChanged = !permissions.equals(known.permissions());
                if (!newer && !permissionsChanged) {
                    return;
                }
                OfflineModelUpdateData.Builder update = OfflineModelUpdateData.newBuilder();
                long version = known.version();
                if (newer) {
                    ModelState state = models.current(open.domainRef(), modelId);
                    update.setModel(updateData(state));
                    version = state.version();
                }
                if (permissionsChanged) {
                    update.setPermissions(PermissionWire.toWire(permissions));
                }
                subscriptions.known(modelId, version, permissions);
                send(
                        connection,
                        OfflineModelUpdatedMessage.newBuilder()
                                .setModelId(modelId)
                                .setUpdated(update));
            } catch (ModelNotFoundException e) {
                subscriptions.forget(modelId);
                send(
                        connection,
                        OfflineModelUpdatedMessage.newBuilder()
                                .setModelId(modelId)
                                .setDeleted(true));
            }
        }
    }

    private static ModelUpdateData updateData(ModelState state) {
        return ModelUpdateData.newBuilder()
                .setVersion(state.version())
                .setCreatedTime(Wire.timestamp(state.createdAt()))
                .setModifiedTime(Wire.timestamp(state.modifiedAt()))
                .setData(ModelWire.toWire(state.data()))
                .build();
    }

    private static void send(ClientConnection connection, OfflineModelUpdatedMessage.Builder update) {
        connection.send(
                ConvergenceMessage.newBuilder().setModelOfflineUpdated(update).build());
    }
}
