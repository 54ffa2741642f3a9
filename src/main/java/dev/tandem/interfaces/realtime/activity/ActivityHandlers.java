package dev.tandem.interfaces.realtime.activity;

import com.google.protobuf.ProtocolStringList;
import com.google.protobuf.Value;
import dev.tandem.activity.ActivityId;
import dev.tandem.activity.ActivityPermission;
import dev.tandem.activity.ActivityPermissions;
import dev.tandem.activity.ActivityService;
import dev.tandem.activity.ActivitySession;
import dev.tandem.activity.JoinedActivity;
import dev.tandem.activity.Participant;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.ConnectionEvent;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.activity.ActivityCreateRequestMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityJoinRequestMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityJoinResponseMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityParticipantsRequestMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityParticipantsResponseMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityStateData;
import dev.tandem.interfaces.realtime.proto.activity.ActivityUpdateStateMessage;
import dev.tandem.interfaces.realtime.proto.core.PermissionsList;
import dev.tandem.interfaces.realtime.proto.core.UserPermissionsEntry;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.Wire;
import dev.tandem.interfaces.realtime.wire.WireJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Activities over the protocol. Requests: {@code activityCreateRequest}, {@code activityDeleteRequest},
 * {@code activityJoinRequest}, {@code activityLeaveRequest}, {@code activityParticipantsRequest}; normal message:
 * {@code activityUpdateState}. Thin: the {@link ActivityService} decides, this class translates, keeps the
 * connection's {@link ConnectionActivities} and makes sure the client knows every session a message names before it
 * is sent. Refusals are answered with the service's protocol code and change nothing; bad input with
 * {@code malformed_request_content}.
 */
@ApplicationScoped
public class ActivityHandlers implements HandlerRegistration {

    private static final Logger LOG = Logger.getLogger(ActivityHandlers.class.getName());

    @Inject
    ActivityService activities;

    @Inject
    IdentityCache identityCache;

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.ACTIVITYCREATEREQUEST, this::create)
                .request(BodyCase.ACTIVITYDELETEREQUEST, this::delete)
                .request(BodyCase.ACTIVITYJOINREQUEST, this::join)
                .request(BodyCase.ACTIVITYLEAVEREQUEST, this::leave)
                .request(BodyCase.ACTIVITYPARTICIPANTSREQUEST, this::participants)
                .message(BodyCase.ACTIVITYUPDATESTATE, this::updateState);
    }

    /** A closed socket leaves every activity it joined: the others see the session leave. */
    void disconnected(@Observes ConnectionEvent.Disconnected event) {
        ClientConnection connection = event.connection();
        if (connection.attachment(ConnectionActivities.class).isEmpty()) {
            return;
        }
        try {
            activities.leaveAll(session(connection));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "activities could not process the disconnect of " + connection, e);
        }
    }

    private void create(ClientConnection connection, IncomingMessage incoming) {
        ActivityCreateRequestMessage request = incoming.message().getActivityCreateRequest();
        ActivityId id = activityId(request.getActivityType(), request.getActivityId());
        ActivityPermissions permissions = permissions(
                request.getWorldPermissionsList(), request.getUserPermissionsList(), request.getGroupPermissionsMap());
        activities.create(session(connection), id, permissions);
        incoming.replyOk();
    }

    private void delete(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getActivityDeleteRequest();
        ActivityId id = activityId(request.getActivityType(), request.getActivityId());
        activities.delete(session(connection), id);
        incoming.replyOk();
    }

    private void join(ClientConnection connection, IncomingMessage incoming) {
        ActivityJoinRequestMessage request = incoming.message().getActivityJoinRequest();
        ActivityId id = activityId(request.getActivityType(), request.getActivityId());
        Map<String, JsonValue> state = json(request.getStateMap());
        ActivityService.AutoCreate autoCreate = null;
        if (request.hasAutoCreateData()) {
            var data = request.getAutoCreateData();
            autoCreate = new ActivityService.AutoCreate(
                    data.getEphemeral(),
                    permissions(
                            data.getWorldPermissionsList(),
                            data.getUserPermissionsList(),
                            data.getGroupPermissionsMap()));
        }
        ConnectionActivities joined = connectionActivities(connection);
        int resourceId = joined.allocate();
        ActivityService.AutoCreate create = autoCreate;
        activities.join(session(connection), id, request.getLurk(), state, create, joined, answer -> {
            // Bound before the answer goes out: every push that follows it names the new resource id.
            joined.bind(id, resourceId);
            reply(connection, incoming, resourceId, answer);
        });
    }

    /** Sends the join answer; called by the service before anything that follows the join reaches the listener. */
    private void reply(ClientConnection connection, IncomingMessage incoming, int resourceId, JoinedActivity answer) {
        ActivityJoinResponseMessage.Builder response = ActivityJoinResponseMessage.newBuilder()
                .setResourceId(resourceId)
                .setEphemeral(answer.ephemeral())
                .setCreated(Wire.timestamp(answer.created()))
                .putAllState(states(connection, answer.participants()));
        incoming.reply(ConvergenceMessage.newBuilder().setActivityJoinResponse(response));
    }

    private void leave(ClientConnection connection, IncomingMessage incoming) {
        ConnectionActivities joined = connectionActivities(connection);
        int resourceId = incoming.message().getActivityLeaveRequest().getResourceId();
        ActivityId id = joined.activity(resourceId).orElseThrow(() -> notJoined(resourceId));
        try {
            activities.leave(session(connection), id);
        } finally {
            // Joined or not, the connection has nothing more to do with this resource.
            joined.forget(id);
        }
        incoming.replyOk();
    }

    private void participants(ClientConnection connection, IncomingMessage incoming) {
        ActivityParticipantsRequestMessage request = incoming.message().getActivityParticipantsRequest();
        ActivityId id = activityId(request.getActivityType(), request.getActivityId());
        Map<String, Participant> participants = activities.participants(session(connection), id);
        incoming.reply(ConvergenceMessage.newBuilder()
                .setActivityParticipantsResponse(ActivityParticipantsResponseMessage.newBuilder()
                        .putAllState(states(connection, participants))));
    }

    private void updateState(ClientConnection connection, IncomingMessage incoming) {
        ActivityUpdateStateMessage update = incoming.message().getActivityUpdateState();
        ActivityId id = connectionActivities(connection)
                .activity(update.getResourceId())
                .orElseThrow(() -> notJoined(update.getResourceId()));
        Map<String, JsonValue> set = json(update.getSetMap());
        List<String> removed = List.copyOf(update.getRemovedList());
        activities.updateState(session(connection), id, set, update.getComplete(), removed);
    }

    /** The participants' states for the wire, after telling the client who those sessions are. */
    private Map<String, ActivityStateData> states(ClientConnection connection, Map<String, Participant> participants) {
        Map<String, DomainUserView> sessions = new LinkedHashMap<>();
        Map<String, ActivityStateData> result = new LinkedHashMap<>();
        participants.forEach((sessionId, p) -> {
            sessions.put(sessionId, p.user());
            result.put(
                    sessionId,
                    ActivityStateData.newBuilder()
                            .putAllState(WireJson.toProto(p.state()))
                            .build());
        });
        identityCache.ensureKnown(connection, sessions, List.of());
        return result;
    }

    private ConnectionActivities connectionActivities(ClientConnection connection) {
        return connection.attachment(
                ConnectionActivities.class, () -> new ConnectionActivities(connection, identityCache));
    }

    private static ActivitySession session(ClientConnection connection) {
        Authenticated session = connection.requireSession();
        return new ActivitySession(session.namespace(), session.domainId(), session.user(), session.sessionId());
    }

    private static ActivityId activityId(String type, String id) {
        try {
            return ActivityId.of(type, id);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static Map<String, JsonValue> json(Map<String, Value> values) {
        try {
            return WireJson.toJson(values);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static ActivityPermissions permissions(
            ProtocolStringList world, List<UserPermissionsEntry> users, Map<String, PermissionsList> groups) {
        try {
            Map<DomainUserId, Set<ActivityPermission>> userPermissions = new LinkedHashMap<>();
            for (UserPermissionsEntry entry : users) {
                if (!entry.hasUser()) {
                    throw malformed("a user permission entry names no user");
                }
                userPermissions.put(
                        Wire.userId(entry.getUser()), ActivityPermission.fromWire(entry.getPermissionsList()));
            }
            Map<String, Set<ActivityPermission>> groupPermissions = new LinkedHashMap<>();
            groups.forEach(
                    (group, list) -> groupPermissions.put(group, ActivityPermission.fromWire(list.getValuesList())));
            return new ActivityPermissions(ActivityPermission.fromWire(world), userPermissions, groupPermissions);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static ProtocolException notJoined(int resourceId) {
        return new ProtocolException("activity_not_joined", "no joined activity has resource id " + resourceId);
    }

    private static ProtocolException malformed(String message) {
        return new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, message);
    }
}
