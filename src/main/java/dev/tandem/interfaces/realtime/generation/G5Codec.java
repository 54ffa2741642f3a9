package dev.tandem.interfaces.realtime.generation;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.g5.activity.ActivityJoinResponseMessage;
import dev.tandem.interfaces.realtime.proto.g5.activity.ActivitySessionJoinedMessage;
import dev.tandem.interfaces.realtime.proto.g5.activity.ActivitySessionLeftMessage;
import dev.tandem.interfaces.realtime.proto.g5.activity.ActivityStateUpdatedMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.AuthenticationResponseMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.HandshakeResponseMessage;
import dev.tandem.interfaces.realtime.proto.g6.activity.ActivityJoinRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.activity.ActivityLeaveRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.activity.ActivityParticipantsRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.activity.ActivityUpdateStateMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.ConnectionRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.ConnectionResponseMessage;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * G5 (client rc.8) frames to and from the server's: G5 is translated to G6 (client rc.9) here, and G6 to G7 by
 * {@link G6Codec}, so this class holds only what changed between G5 and G6 (compat/generations/README.md, "G5 (rc.8)
 * → G6 (rc.9)"), each kind in one place:
 *
 * <ul>
 *   <li><b>the old handshake</b>: G5 opens with {@code handshakeRequest}, which names the client, and then sends
 *       {@code authenticationRequest} with the credentials; G6 sends both in one {@code connectionRequest}. The codec
 *       answers the handshake itself (there is nothing to check before the credentials: the domain is checked with
 *       them, and a refusal reaches the client as a failed authentication), keeps the client's name and version, and
 *       sends the server one connection request when the credentials come; the server's connection response goes
 *       back as the {@code authenticationResponse};
 *   <li><b>model messages</b> (22 kinds) name an open model by a string {@code resourceId}, G6 by an int32: the
 *       codec sends the number's decimal digits and reads them back. These kinds are found by comparing the two
 *       schemas, not listed by hand;
 *   <li><b>activities</b>: G5 names an activity by its id in every message, and has no activity types. The codec
 *       joins the activity of type {@link #ACTIVITY_TYPE} with that id, created on the first join and gone with its
 *       last participant (as G5's activities were), keeps which resource id the server gave it, and names it by id
 *       in what the server pushes;
 *   <li><b>permissions</b> (601-618): G5 has get/add/remove/set per category (world, user, group) for chats only,
 *       translated by {@link G5Permissions}.
 * </ul>
 *
 * <p>One instance per connection: it holds the connection's activity resource ids, its permission reads in flight and
 * the client's name.
 */
final class G5Codec implements FrameCodec {

    /**
     * The activity type of every activity a G1-G5 client joins (its activities have ids only): a G6 or G7 client
     * joins the same activity as {@code activities().join("legacy", id)}.
     */
    static final String ACTIVITY_TYPE = "legacy";

    /** Everyone may join, see and set state in an activity a G5 client creates, as in G5's server. */
    private static final List<String> ACTIVITY_WORLD_PERMISSIONS = List.of("join", "view_state", "set_state");

    private static final Descriptor G5_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.getDescriptor();
    private static final Descriptor G6_MESSAGE =
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.getDescriptor();

    /** G5's body fields the server never sees: they are answered here, or refused as not served. */
    private static final Set<Integer> ANSWERED_HERE =
            Set.of(dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.HANDSHAKEREQUEST_FIELD_NUMBER);

    /** G5's permission requests (601-617, odd numbers; chats only): translated by {@link G5Permissions}. */
    private static final Set<Integer> PERMISSION_REQUESTS = Set.of(601, 603, 605, 607, 609, 611, 613, 615, 617);

    /** The body fields whose only difference is the string {@code resourceId}, found by comparing the schemas. */
    private static final Set<Integer> RESOURCE_ID_KINDS = new HashSet<>();

    /** G5 body field → how this codec translates it for the server (by field number; see the check below). */
    private static final Set<Integer> TO_SERVER = Set.of(
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.AUTHENTICATIONREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYPARTICIPANTSREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYJOINREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYLEAVEREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYUPDATESTATE_FIELD_NUMBER);

    /** G6 body field → translated for the client in {@link #toClient}. */
    private static final Set<Integer> TO_CLIENT = Set.of(
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.CONNECTIONRESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYJOINRESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYSESSIONJOINED_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYSESSIONLEFT_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYSTATEUPDATED_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.GETPERMISSIONSRESPONSE_FIELD_NUMBER);

    /**
     * G6 body fields G5 has no counterpart of, news of what a G5 client cannot do (an activity deleted, a session
     * forced out of one): not sent.
     */
    private static final Set<Integer> NOT_SENT = Set.of(
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYDELETED_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYFORCELEAVE_FIELD_NUMBER);

    /** G6's body fields that only a client sends: the server never sends them, so nothing translates them back. */
    private static final Set<Integer> SENT_BY_G6_CLIENTS_ONLY = Set.of(
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.CONNECTIONREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYPARTICIPANTSREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYCREATEREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYDELETEREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYJOINREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYLEAVEREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ACTIVITYUPDATESTATE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage
                    .RESOLVEPERMISSIONSFORCONNECTEDSESSIONREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.GETPERMISSIONSREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ADDPERMISSIONSREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.REMOVEPERMISSIONSREQUEST_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.SETPERMISSIONSREQUEST_FIELD_NUMBER);

    /** G5's body fields that only the server sends (answered above or the server's G6 counterpart is translated). */
    private static final Set<Integer> SENT_BY_G5_SERVERS_ONLY = Set.of(
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.HANDSHAKERESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.AUTHENTICATIONRESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYJOINRESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYLEAVERESPONSE_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYSESSIONJOINED_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYSESSIONLEFT_FIELD_NUMBER,
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.ACTIVITYSTATEUPDATED_FIELD_NUMBER,
            602,
            604,
            606,
            608,
            610,
            612,
            614,
            616,
            618);

    static {
        // Every body field of either generation is the same on both wires, differs in its resourceId only, or is
        // accounted for above; the unit tests load this class, so a difference nothing covers fails the build.
        for (FieldDescriptor g6 : G6_MESSAGE.getFields()) {
            int number = g6.getNumber();
            FieldDescriptor g5 = G5_MESSAGE.findFieldByNumber(number);
            if (g5 != null
                    && g5.getType() == g6.getType()
                    && g5.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && WireShapes.identicalButResourceId(g5.getMessageType(), g6.getMessageType())) {
                RESOURCE_ID_KINDS.add(number);
                continue;
            }
            boolean same = g5 != null
                    && g5.getType() == g6.getType()
                    && (g6.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                            || WireShapes.identical(g5.getMessageType(), g6.getMessageType()));
            boolean covered = TO_CLIENT.contains(number)
                    || NOT_SENT.contains(number)
                    || (SENT_BY_G6_CLIENTS_ONLY.contains(number)
                            && (g5 == null
                                    || TO_SERVER.contains(number)
                                    || PERMISSION_REQUESTS.contains(number)
                                    || ANSWERED_HERE.contains(number)
                                    || SENT_BY_G5_SERVERS_ONLY.contains(number)));
            if (!same && !covered) {
                throw new IllegalStateException("ConvergenceMessage field " + number + " (" + g6.getName()
                        + ") differs between G5 and G6 and nothing translates it");
            }
        }
        for (FieldDescriptor g5 : G5_MESSAGE.getFields()) {
            int number = g5.getNumber();
            FieldDescriptor g6 = G6_MESSAGE.findFieldByNumber(number);
            boolean same = RESOURCE_ID_KINDS.contains(number)
                    || (g6 != null
                            && g5.getType() == g6.getType()
                            && (g5.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                                    || WireShapes.identical(g5.getMessageType(), g6.getMessageType())));
            boolean covered = TO_SERVER.contains(number)
                    || ANSWERED_HERE.contains(number)
                    || PERMISSION_REQUESTS.contains(number)
                    || SENT_BY_G5_SERVERS_ONLY.contains(number);
            if (!same && !covered) {
                throw new IllegalStateException(
                        "G5 message " + g5.getName() + " (" + number + ") differs from G6's and nothing translates it");
            }
        }
    }

    private final ClientLink link;
    /** The client's name and version, from its handshake, for the connection request its credentials complete. */
    private volatile String client = "";

    private volatile String clientVersion = "";
    /** Join requests in flight: request id → the activity id the client asked for. */
    private final Map<Integer, String> joining = new ConcurrentHashMap<>();
    /** Joined activities: id → the server's resource id, and back. */
    private final Map<String, Integer> resourceOf = new ConcurrentHashMap<>();

    private final G5Permissions permissions = new G5Permissions();

    private final Map<Integer, String> activityOf = new ConcurrentHashMap<>();

    G5Codec(ClientLink link) {
        this.link = link;
    }

    /** The body fields whose only difference is the string resource id (for the tests). */
    static Set<Integer> resourceIdKinds() {
        return Set.copyOf(RESOURCE_ID_KINDS);
    }

    @Override
    public ConvergenceMessage decode(ByteBuffer frame) throws InvalidProtocolBufferException {
        byte[] g6 = toServer(frame);
        return g6 == null ? null : G6Codec.INSTANCE.decode(ByteBuffer.wrap(g6));
    }

    @Override
    public byte[] encode(byte[] frame) {
        byte[] g6 = G6Codec.INSTANCE.encode(frame);
        return g6 == null ? null : toClient(g6);
    }

    // ---- G5 to G6 ----

    /** The client's frame as G6's, or {@code null} when it was answered here. */
    byte[] toServer(ByteBuffer frame) throws InvalidProtocolBufferException {
        int body = G6Codec.bodyField(com.google.protobuf.CodedInputStream.newInstance(frame.duplicate()), G5_MESSAGE);
        boolean translated = TO_SERVER.contains(body)
                || ANSWERED_HERE.contains(body)
                || PERMISSION_REQUESTS.contains(body)
                || RESOURCE_ID_KINDS.contains(body);
        if (!translated) {
            return toBytes(frame); // the same on both wires
        }
        var message = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(frame.duplicate());
        var out = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder();
        if (message.hasRequestId()) {
            out.setRequestId(message.getRequestId());
        }
        if (message.hasResponseId()) {
            out.setResponseId(message.getResponseId());
        }
        switch (message.getBodyCase()) {
            case HANDSHAKEREQUEST -> {
                var handshake = message.getHandshakeRequest();
                client = handshake.getClient();
                clientVersion = handshake.getClientVersion();
                var reply = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder()
                        .setHandshakeResponse(HandshakeResponseMessage.newBuilder()
                                .setSuccess(true)
                                .setProtocolConfig(HandshakeResponseMessage.ProtocolConfigData.newBuilder()
                                        .setHeartbeatEnabled(true)));
                if (message.hasRequestId()) {
                    reply.setResponseId(message.getRequestId());
                }
                link.sendToClient(reply.build().toByteArray());
                return null;
            }
            case AUTHENTICATIONREQUEST -> {
                var auth = message.getAuthenticationRequest();
                ConnectionRequestMessage.Builder request =
                        ConnectionRequestMessage.newBuilder().setClient(client).setClientVersion(clientVersion);
                switch (auth.getAuthCase()) {
                    case PASSWORD ->
                        request.getPasswordBuilder()
                                .mergeFrom(auth.getPassword().toByteString());
                    case JWT -> request.getJwtBuilder().mergeFrom(auth.getJwt().toByteString());
                    case ANONYMOUS ->
                        request.getAnonymousBuilder()
                                .mergeFrom(auth.getAnonymous().toByteString());
                    case RECONNECT ->
                        request.getReconnectBuilder()
                                .mergeFrom(auth.getReconnect().toByteString());
                    case AUTH_NOT_SET -> {
                        // no credentials: the server refuses the request as from rc.9
                    }
                }
                out.setConnectionRequest(request);
            }
            case ACTIVITYJOINREQUEST -> {
                var join = message.getActivityJoinRequest();
                if (message.hasRequestId()) {
                    joining.put(message.getRequestId().getValue(), join.getActivityId());
                }
                var request = ActivityJoinRequestMessage.newBuilder()
                        .setActivityType(ACTIVITY_TYPE)
                        .setActivityId(join.getActivityId())
                        .putAllState(join.getStateMap());
                request.getAutoCreateDataBuilder()
                        .setEphemeral(true)
                        .addAllWorldPermissions(ACTIVITY_WORLD_PERMISSIONS);
                out.setActivityJoinRequest(request);
            }
            case ACTIVITYLEAVEREQUEST -> {
                String activityId = message.getActivityLeaveRequest().getActivityId();
                Integer resourceId = resourceOf.remove(activityId);
                if (resourceId != null) {
                    activityOf.remove(resourceId);
                }
                // An activity the client has not joined: a resource id no join gave, which the server refuses.
                out.setActivityLeaveRequest(
                        ActivityLeaveRequestMessage.newBuilder().setResourceId(resourceId == null ? -1 : resourceId));
            }
            case ACTIVITYUPDATESTATE -> {
                var update = message.getActivityUpdateState();
                out.setActivityUpdateState(ActivityUpdateStateMessage.newBuilder()
                        .setResourceId(resourceOf.getOrDefault(update.getActivityId(), -1))
                        .putAllSet(update.getSetMap())
                        .setComplete(update.getComplete())
                        .addAllRemoved(update.getRemovedList()));
            }
            case ACTIVITYPARTICIPANTSREQUEST ->
                out.setActivityParticipantsRequest(ActivityParticipantsRequestMessage.newBuilder()
                        .setActivityType(ACTIVITY_TYPE)
                        .setActivityId(message.getActivityParticipantsRequest().getActivityId()));
            default -> {
                if (RESOURCE_ID_KINDS.contains(body)) {
                    return resourceIdToG6(message, body);
                }
                permissions.toServer(message, out);
            }
        }
        return out.build().toByteArray();
    }

    /** A model message with its string resource id as G6's, with the int32 the string spells. */
    private static byte[] resourceIdToG6(dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage message, int body) {
        FieldDescriptor field = G5_MESSAGE.findFieldByNumber(body);
        Message inner = (Message) message.getField(field);
        FieldDescriptor resourceId = inner.getDescriptorForType().findFieldByNumber(1);
        String id = (String) inner.getField(resourceId);
        var stripped = message.toBuilder()
                .setUnknownFields(UnknownFieldSet.getDefaultInstance())
                .setField(field, inner.toBuilder().clearField(resourceId).build())
                .build();
        try {
            var out = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder()
                    .mergeFrom(stripped.toByteString());
            Message.Builder g6 = out.getFieldBuilder(G6_MESSAGE.findFieldByNumber(body));
            g6.setField(g6.getDescriptorForType().findFieldByNumber(1), parseResourceId(id));
            return out.build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("same-shaped message did not parse", e);
        }
    }

    /** The number a resource id of ours spells; -1 (which names no open model) for anything else. */
    static int parseResourceId(String id) {
        if (id.isEmpty() || id.length() > 10 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        long value = Long.parseLong(id);
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    // ---- G6 to G5 ----

    /** The server's frame, already G6's, as G5's; {@code null} when G5 has no such message. */
    byte[] toClient(byte[] frame) {
        int body;
        try {
            body = G6Codec.bodyField(com.google.protobuf.CodedInputStream.newInstance(frame), G6_MESSAGE);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the server encoded an unreadable message", e);
        }
        if (NOT_SENT.contains(body)) {
            return null;
        }
        if (body == dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.ERROR_FIELD_NUMBER
                && (permissions.readsPending() || !joining.isEmpty())) {
            // A refused read or join: the error passes as it is, and nothing waits for an answer to it any more.
            try {
                var error = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(frame);
                if (error.hasResponseId()) {
                    permissions.readRefused(error.getResponseId().getValue());
                    joining.remove(error.getResponseId().getValue());
                }
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("the server encoded an unreadable message", e);
            }
            return frame;
        }
        if (!TO_CLIENT.contains(body) && !RESOURCE_ID_KINDS.contains(body)) {
            return frame;
        }
        dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage message;
        try {
            message = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the server encoded an unreadable message", e);
        }
        if (RESOURCE_ID_KINDS.contains(body)) {
            return resourceIdToG5(message, body);
        }
        var out = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder();
        if (message.hasRequestId()) {
            out.setRequestId(message.getRequestId());
        }
        if (message.hasResponseId()) {
            out.setResponseId(message.getResponseId());
        }
        switch (message.getBodyCase()) {
            case CONNECTIONRESPONSE -> out.setAuthenticationResponse(authentication(message.getConnectionResponse()));
            case GETPERMISSIONSRESPONSE -> {
                var read = message.hasResponseId()
                        ? permissions.readAnswered(
                                message.getResponseId().getValue(), message.getGetPermissionsResponse())
                        : null;
                if (read == null) {
                    return null; // answers no read of this client
                }
                out.mergeFrom(read.build());
            }
            case ACTIVITYJOINRESPONSE -> {
                var joined = message.getActivityJoinResponse();
                String activityId = message.hasResponseId()
                        ? joining.remove(message.getResponseId().getValue())
                        : null;
                if (activityId != null) {
                    resourceOf.put(activityId, joined.getResourceId());
                    activityOf.put(joined.getResourceId(), activityId);
                }
                var response = ActivityJoinResponseMessage.newBuilder();
                joined.getStateMap()
                        .forEach((session, state) -> response.putState(
                                session,
                                sameOnTheWire(
                                        state,
                                        dev.tandem.interfaces.realtime.proto.g5.activity.ActivityStateData
                                                .newBuilder())));
                out.setActivityJoinResponse(response);
            }
            case ACTIVITYSESSIONJOINED -> {
                var joined = message.getActivitySessionJoined();
                String activityId = activityOf.get(joined.getResourceId());
                if (activityId == null) {
                    return null; // an activity the client has left meanwhile
                }
                out.setActivitySessionJoined(ActivitySessionJoinedMessage.newBuilder()
                        .setActivityId(activityId)
                        .setSessionId(joined.getSessionId())
                        .putAllState(joined.getStateMap()));
            }
            case ACTIVITYSESSIONLEFT -> {
                var left = message.getActivitySessionLeft();
                String activityId = activityOf.get(left.getResourceId());
                if (activityId == null) {
                    return null;
                }
                out.setActivitySessionLeft(ActivitySessionLeftMessage.newBuilder()
                        .setActivityId(activityId)
                        .setSessionId(left.getSessionId()));
            }
            case ACTIVITYSTATEUPDATED -> {
                var updated = message.getActivityStateUpdated();
                String activityId = activityOf.get(updated.getResourceId());
                if (activityId == null) {
                    return null;
                }
                out.setActivityStateUpdated(ActivityStateUpdatedMessage.newBuilder()
                        .setActivityId(activityId)
                        .setSessionId(updated.getSessionId())
                        .putAllSet(updated.getSetMap())
                        .setComplete(updated.getComplete())
                        .addAllRemoved(updated.getRemovedList()));
            }
            default -> throw new IllegalStateException("no translation of " + message.getBodyCase());
        }
        return out.build().toByteArray();
    }

    /** G6's connection response as G5's authentication response: the same session, or the refusal's text. */
    private static AuthenticationResponseMessage authentication(ConnectionResponseMessage response) {
        var out = AuthenticationResponseMessage.newBuilder();
        if (response.hasSuccess()) {
            var success = response.getSuccess();
            out.getSuccessBuilder()
                    .setUser((dev.tandem.interfaces.realtime.proto.g5.core.DomainUserData) sameOnTheWire(
                            success.getUser(),
                            dev.tandem.interfaces.realtime.proto.g5.core.DomainUserData.newBuilder()))
                    .setSessionId(success.getSessionId())
                    .setReconnectToken(success.getReconnectToken())
                    .putAllPresenceState(success.getPresenceStateMap());
        } else {
            var failure = response.getFailure();
            // G5 has no code: the text is all the client shows ("Authentication failed (...)").
            out.getFailureBuilder()
                    .setMessage(
                            failure.getDetails().isEmpty()
                                    ? failure.getCode()
                                    : failure.getCode() + ": " + failure.getDetails());
        }
        return out.build();
    }

    /** A model message with G6's int32 resource id as G5's, which names it by the number's digits. */
    private static byte[] resourceIdToG5(dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage message, int body) {
        FieldDescriptor field = G6_MESSAGE.findFieldByNumber(body);
        Message inner = (Message) message.getField(field);
        FieldDescriptor resourceId = inner.getDescriptorForType().findFieldByNumber(1);
        int id = (Integer) inner.getField(resourceId);
        var stripped = message.toBuilder()
                .setField(field, inner.toBuilder().clearField(resourceId).build())
                .build();
        try {
            var out = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder()
                    .mergeFrom(stripped.toByteString());
            Message.Builder g5 = out.getFieldBuilder(G5_MESSAGE.findFieldByNumber(body));
            g5.setField(g5.getDescriptorForType().findFieldByNumber(1), Integer.toString(id));
            return out.build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("same-shaped message did not parse", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T sameOnTheWire(Message from, Message.Builder into) {
        try {
            return (T) into.mergeFrom(from.toByteString()).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("same-shaped message did not parse", e);
        }
    }

    private static byte[] toBytes(ByteBuffer frame) {
        ByteBuffer copy = frame.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
