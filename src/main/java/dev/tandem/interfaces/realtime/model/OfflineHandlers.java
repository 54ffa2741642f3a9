package dev.tandem.interfaces.realtime.model;

import dev.tandem.interfaces.realtime.ClientConnection;
import dev.tandem.interfaces.realtime.ConnectionRegistry;
import dev.tandem.interfaces.realtime.HandlerRegistration;
import dev.tandem.interfaces.realtime.HandlerRegistry;
import dev.tandem.interfaces.realtime.IncomingMessage;
import dev.tandem.interfaces.realtime.Wire;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.model.ModelOfflineSubscriptionChangeRequestMessage;
import dev.tandem.interfaces.realtime.proto.model.ModelOfflineSubscriptionChangeRequestMessage.ModelOfflineSubscriptionData;
import dev.tandem.interfaces.realtime.proto.model.ModelPermissionsData;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage.ModelUpdateData;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage.OfflineModelInitialData;
import dev.tandem.interfaces.realtime.proto.model.OfflineModelUpdatedMessage.OfflineModelUpdateData;
import dev.tandem.model.ModelNotFoundException;
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
 * {@code updated} when the model moved past the client's version, {@code deleted} when it is gone. Models the
 * connection has open are skipped: the client keeps those up to date itself.
 */
@ApplicationScoped
public class OfflineHandlers implements HandlerRegistration {

    private static final Logger LOG = Logger.getLogger(OfflineHandlers.class.getName());

    /** Until models carry permissions, every reader may do everything (the same as an open model says). */
    private static final ModelPermissionsData ALL_PERMISSIONS = ModelPermissionsData.newBuilder()
            .setRead(true).setWrite(true).setRemove(true).setManage(true).build();

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
        OfflineSubscriptions subscriptions = connection.attachment(OfflineSubscriptions.class,
                OfflineSubscriptions::new);
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
                connection.attachment(OfflineSubscriptions.class).filter(s -> !s.isEmpty()).ifPresent(
                        subscriptions -> {
                            OpenModels open = modelHandlers.openModels(connection);
                            subscriptions.modelIds().forEach(id -> check(connection, open, subscriptions, id));
                        });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "offline check failed for " + connection, e);
            }
        }
    }

    /** Brings one offline copy up to date, if it is not. */
    private void check(ClientConnection connection, OpenModels open, OfflineSubscriptions subscriptions,
            String modelId) {
        synchronized (subscriptions) {
            long known = subscriptions.knownVersion(modelId);
            if (known < 0 || open.isOpen(modelId)) {
                return;
            }
            OptionalLong current = models.committedVersion(open.domainRef(), modelId);
            if (current.isEmpty()) {
                subscriptions.forget(modelId);
                send(connection, OfflineModelUpdatedMessage.newBuilder().setModelId(modelId).setDeleted(true));
                return;
            }
            if (known != 0 && current.getAsLong() <= known) {
                return;
            }
            try {
                if (known == 0) {
                    OfflineCopy copy = models.offlineCopy(open.domainRef(), modelId);
                    subscriptions.known(modelId, copy.state().version());
                    send(connection, OfflineModelUpdatedMessage.newBuilder().setModelId(modelId).setInitial(
                            OfflineModelInitialData.newBuilder().setCollection(copy.state().collectionId())
                                    .setValueIdPrefix(copy.valueIdPrefix()).setModel(updateData(copy.state()))
                                    .setPermissions(ALL_PERMISSIONS)));
                } else {
                    ModelState state = models.current(open.domainRef(), modelId);
                    subscriptions.known(modelId, state.version());
                    send(connection, OfflineModelUpdatedMessage.newBuilder().setModelId(modelId).setUpdated(
                            OfflineModelUpdateData.newBuilder().setModel(updateData(state))));
                }
            } catch (ModelNotFoundException e) {
                subscriptions.forget(modelId);
                send(connection, OfflineModelUpdatedMessage.newBuilder().setModelId(modelId).setDeleted(true));
            }
        }
    }

    private static ModelUpdateData updateData(ModelState state) {
        return ModelUpdateData.newBuilder().setVersion(state.version())
                .setCreatedTime(Wire.timestamp(state.createdAt())).setModifiedTime(Wire.timestamp(state.modifiedAt()))
                .setData(ModelWire.toWire(state.data())).build();
    }

    private static void send(ClientConnection connection, OfflineModelUpdatedMessage.Builder update) {
        connection.send(ConvergenceMessage.newBuilder().setModelOfflineUpdated(update).build());
    }
}
