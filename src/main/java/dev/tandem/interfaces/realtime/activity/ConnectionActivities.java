package dev.tandem.interfaces.realtime.activity;

import dev.tandem.activity.ActivityId;
import dev.tandem.activity.ActivityListener;
import dev.tandem.identity.DomainUserView;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityDeletedMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityForceLeaveMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivitySessionJoinedMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivitySessionLeftMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityStateUpdatedMessage;
import dev.tandem.interfaces.realtime.wire.WireJson;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The activities one connection joined, by {@code resourceId} (the routing key of every later activity message), and
 * the listener that turns their changes into messages for that connection, identity cache first.
 *
 * <p>Each successful join gets a new resource id, which replaces the one the activity had on this connection. That
 * makes the client's zombie activity objects harmless (PROTOCOL §6.3): after a reconnect every {@code Activity} object
 * the client ever created joins again, in creation order, so for one activity the zombies (objects that were left)
 * join first and the live object last. The live object ends up with the only valid resource id; the state update a
 * zombie sends after its join answer names a superseded resource and is refused ({@code activity_not_joined}, which
 * the client drops), and pushes go only to the live object's resource. Resource ids are never reused on a
 * connection: a late message for a left activity cannot reach a newer one.
 */
final class ConnectionActivities implements ActivityListener {

    private final ClientConnection connection;
    private final IdentityCache identityCache;
    /** Guarded by this. */
    private int nextResourceId;

    private final Map<Integer, ActivityId> byResource = new HashMap<>();
    private final Map<ActivityId, Integer> byActivity = new HashMap<>();

    ConnectionActivities(ClientConnection connection, IdentityCache identityCache) {
        this.connection = connection;
        this.identityCache = identityCache;
    }

    /** A new resource id, to be {@link #bind bound} if the join succeeds. */
    synchronized int allocate() {
        return nextResourceId++;
    }

    /** Makes {@code resourceId} the activity's only valid resource id on this connection. */
    synchronized void bind(ActivityId activity, int resourceId) {
        Integer previous = byActivity.put(activity, resourceId);
        if (previous != null) {
            byResource.remove(previous);
        }
        byResource.put(resourceId, activity);
    }

    synchronized Optional<ActivityId> activity(int resourceId) {
        return Optional.ofNullable(byResource.get(resourceId));
    }

    synchronized Optional<Integer> resource(ActivityId activity) {
        return Optional.ofNullable(byActivity.get(activity));
    }

    /** Drops the activity's resource id: the connection is no longer joined. */
    synchronized void forget(ActivityId activity) {
        Integer resourceId = byActivity.remove(activity);
        if (resourceId != null) {
            byResource.remove(resourceId);
        }
    }

    @Override
    public void sessionJoined(
            ActivityId activity, String sessionId, DomainUserView user, Map<String, JsonValue> state) {
        resource(activity).ifPresent(resourceId -> {
            identityCache.ensureKnown(connection, Map.of(sessionId, user), List.of());
            send(ConvergenceMessage.newBuilder()
                    .setActivitySessionJoined(ActivitySessionJoinedMessage.newBuilder()
                            .setResourceId(resourceId)
                            .setSessionId(sessionId)
                            .putAllState(WireJson.toProto(state))));
        });
    }

    @Override
    public void sessionLeft(ActivityId activity, String sessionId) {
        resource(activity)
                .ifPresent(resourceId -> send(ConvergenceMessage.newBuilder()
                        .setActivitySessionLeft(ActivitySessionLeftMessage.newBuilder()
                                .setResourceId(resourceId)
                                .setSessionId(sessionId))));
    }

    @Override
    public void stateUpdated(
            ActivityId activity, String sessionId, Map<String, JsonValue> set, List<String> removed, boolean cleared) {
        resource(activity)
                .ifPresent(resourceId -> send(ConvergenceMessage.newBuilder()
                        .setActivityStateUpdated(ActivityStateUpdatedMessage.newBuilder()
                                .setResourceId(resourceId)
                                .setSessionId(sessionId)
                                .putAllSet(WireJson.toProto(set))
                                .setComplete(cleared)
                                .addAllRemoved(removed))));
    }

    @Override
    public void deleted(ActivityId activity) {
        resource(activity).ifPresent(resourceId -> {
            forget(activity);
            send(ConvergenceMessage.newBuilder()
                    .setActivityDeleted(ActivityDeletedMessage.newBuilder().setResourceId(resourceId)));
        });
    }

    @Override
    public void forcedToLeave(ActivityId activity, String reason) {
        resource(activity).ifPresent(resourceId -> {
            forget(activity);
            send(ConvergenceMessage.newBuilder()
                    .setActivityForceLeave(ActivityForceLeaveMessage.newBuilder()
                            .setResourceId(resourceId)
                            .setReason(reason == null ? "" : reason)));
        });
    }

    private void send(ConvergenceMessage.Builder message) {
        if (connection.state() != ClientConnection.State.CLOSED) {
            connection.send(message.build());
        }
    }
}
