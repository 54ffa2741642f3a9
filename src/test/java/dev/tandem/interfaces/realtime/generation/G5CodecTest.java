package dev.tandem.interfaces.realtime.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import com.google.protobuf.Value;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityJoinResponseMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivitySessionJoinedMessage;
import dev.tandem.interfaces.realtime.proto.activity.ActivityStateData;
import dev.tandem.interfaces.realtime.proto.core.ConnectionResponseMessage;
import dev.tandem.interfaces.realtime.proto.core.DomainUserData;
import dev.tandem.interfaces.realtime.proto.core.PingMessage;
import dev.tandem.interfaces.realtime.proto.g5.activity.ActivityJoinRequestMessage;
import dev.tandem.interfaces.realtime.proto.g5.activity.ActivityLeaveRequestMessage;
import dev.tandem.interfaces.realtime.proto.g5.activity.ActivityUpdateStateMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.AuthenticationRequestMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.HandshakeRequestMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The G5 (rc.8) and G4 (rc.7) translations with the generated classes of their schemas and the server's: the first
 * frame of every generation, the two-step handshake, every model message whose resource id is a string (found in the
 * schemas), activities by id, and G4's create request.
 */
class G5CodecTest {

    private final List<byte[]> answered = new ArrayList<>();
    private final G5Codec codec = new G5Codec(answered::add);

    // ---- the first frame ----

    static Stream<Arguments> firstFrames() {
        return Stream.of(
                Arguments.of("rc.7's handshake", handshake("1.0.0-rc.7", false), ClientGeneration.G4),
                Arguments.of("rc.8's handshake", handshake("1.0.0-rc.8", false), ClientGeneration.G5),
                Arguments.of("rc.8 reconnecting", handshake("1.0.0-rc.8", true), ClientGeneration.G5),
                Arguments.of("rc.4's handshake", handshake("1.0.0-rc.4", false), ClientGeneration.G1),
                Arguments.of("rc.5's handshake", handshake("1.0.0-rc.5", false), ClientGeneration.G2),
                Arguments.of("rc.6's handshake", handshake("1.0.0-rc.6", false), ClientGeneration.G3),
                Arguments.of("an unknown old client", handshake("0.9", false), ClientGeneration.UNSERVED),
                Arguments.of("rc.9's connection request", connection("1.0.0-rc.9"), ClientGeneration.G6),
                Arguments.of("rc.12's connection request", connection("1.0.0-rc.12"), ClientGeneration.G7),
                Arguments.of(
                        "a ping",
                        ConvergenceMessage.newBuilder()
                                .setPing(PingMessage.getDefaultInstance())
                                .build()
                                .toByteArray(),
                        null),
                Arguments.of("garbage", new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstFrames")
    void theFirstFrameNamesTheGeneration(String name, byte[] frame, ClientGeneration expected) {
        assertEquals(expected, ClientGeneration.ofFirstFrame(ByteBuffer.wrap(frame)));
    }

    private static byte[] handshake(String version, boolean reconnect) {
        var handshake =
                HandshakeRequestMessage.newBuilder().setClient("JavaScript").setClientVersion(version);
        if (reconnect) {
            handshake.setReconnect(true).setReconnectToken(StringValue.of("token-1"));
        }
        return dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder()
                .setRequestId(Int32Value.of(0))
                .setHandshakeRequest(handshake)
                .build()
                .toByteArray();
    }

    private static byte[] connection(String version) {
        return ConvergenceMessage.newBuilder()
                .setRequestId(Int32Value.of(0))
                .setConnectionRequest(dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage.newBuilder()
                        .setClient("JavaScript")
                        .setClientVersion(version)
                        .setAnonymous(dev.tandem.interfaces.realtime.proto.core.ConnectionRequestMessage
                                .AnonymousAuthRequestData.newBuilder()
                                .setDisplayName(StringValue.of("Ann"))))
                .build()
                .toByteArray();
    }

    @Test
    void anUnservedClientIsToldWhyAndNothingReachesTheServer() throws Exception {
        List<byte[]> replies = new ArrayList<>();
        FrameCodec unserved = ClientGeneration.UNSERVED.codec(replies::add);
        assertNull(unserved.decode(ByteBuffer.wrap(handshake("1.0.0-rc.3", false))));
        var reply = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(replies.get(0));
        assertEquals(0, reply.getResponseId().getValue());
        assertEquals(false, reply.getHandshakeResponse().getSuccess());
        assertEquals(false, reply.getHandshakeResponse().getRetryOk());
        assertEquals(UnservedCodec.CODE, reply.getHandshakeResponse().getError().getCode());
        assertTrue(reply.getHandshakeResponse().getError().getDetails().contains("1.0.0-rc.3"));
        // whatever such a client sends next is an invalid message, as the router counts them
        assertThrows(
                com.google.protobuf.InvalidProtocolBufferException.class,
                () -> unserved.decode(ByteBuffer.wrap(ConvergenceMessage.newBuilder()
                        .setPing(PingMessage.getDefaultInstance())
                        .build()
                        .toByteArray())));
    }

    // ---- the two-step handshake ----

    @Test
    void theHandshakeIsAnsweredHereAndTheCredentialsMakeTheConnectionRequest() throws Exception {
        assertNull(codec.decode(ByteBuffer.wrap(handshake("1.0.0-rc.8", false))));
        var reply = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(answered.get(0));
        assertEquals(0, reply.getResponseId().getValue());
        assertTrue(reply.getHandshakeResponse().getSuccess());
        assertTrue(reply.getHandshakeResponse().getProtocolConfig().getHeartbeatEnabled());

        ConvergenceMessage request = codec.decode(g5(
                1,
                b -> b.setAuthenticationRequest(AuthenticationRequestMessage.newBuilder()
                        .setPassword(AuthenticationRequestMessage.PasswordAuthRequestData.newBuilder()
                                .setUsername("alice")
                                .setPassword("secret")))));
        assertEquals(1, request.getRequestId().getValue());
        var connection = request.getConnectionRequest();
        assertEquals("JavaScript", connection.getClient());
        assertEquals("1.0.0-rc.8", connection.getClientVersion());
        assertEquals("alice", connection.getPassword().getUsername());
        assertEquals("secret", connection.getPassword().getPassword());
    }

    @Test
    void aReconnectTokenIsSentAsTheConnectionRequestsReconnect() throws Exception {
        codec.decode(ByteBuffer.wrap(handshake("1.0.0-rc.8", false)));
        ConvergenceMessage request = codec.decode(g5(
                1,
                b -> b.setAuthenticationRequest(AuthenticationRequestMessage.newBuilder()
                        .setReconnect(AuthenticationRequestMessage.ReconnectTokenAuthRequestData.newBuilder()
                                .setToken("token-9")))));
        assertEquals("token-9", request.getConnectionRequest().getReconnect().getToken());
    }

    @Test
    void theConnectionResponseIsTheAuthenticationResponse() throws Exception {
        byte[] success = codec.encode(ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(1))
                .setConnectionResponse(ConnectionResponseMessage.newBuilder()
                        .setSuccess(ConnectionResponseMessage.ConnectionSuccessData.newBuilder()
                                .setUser(DomainUserData.newBuilder().setDisplayName(StringValue.of("Alice Adams")))
                                .setSessionId("s-1")
                                .setReconnectToken("r-1")
                                .putPresenceState(
                                        "mood",
                                        Value.newBuilder().setStringValue("ok").build())))
                .build()
                .toByteArray());
        var auth = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(success);
        assertEquals(1, auth.getResponseId().getValue());
        var ok = auth.getAuthenticationResponse().getSuccess();
        assertEquals("Alice Adams", ok.getUser().getDisplayName().getValue());
        assertEquals("s-1", ok.getSessionId());
        assertEquals("r-1", ok.getReconnectToken());
        assertEquals("ok", ok.getPresenceStateOrThrow("mood").getStringValue());

        byte[] failure = codec.encode(ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(2))
                .setConnectionResponse(ConnectionResponseMessage.newBuilder()
                        .setFailure(ConnectionResponseMessage.ConnectionFailureData.newBuilder()
                                .setCode("authentication_failed")
                                .setDetails("wrong password")))
                .build()
                .toByteArray());
        assertEquals(
                "authentication_failed: wrong password",
                dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(failure)
                        .getAuthenticationResponse()
                        .getFailure()
                        .getMessage());
    }

    // ---- model messages: a string resource id, every kind the schemas show ----

    static Stream<Arguments> resourceIdKinds() {
        // 22 kinds per compat/generations/README.md, found by the codec in the schemas.
        assertEquals(22, G5Codec.resourceIdKinds().size());
        return G5Codec.resourceIdKinds().stream()
                .map(number -> Arguments.of(dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.getDescriptor()
                        .findFieldByNumber(number)
                        .getName()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resourceIdKinds")
    void aModelMessageCarriesItsResourceIdAsDigitsToTheClientAndAsANumberToTheServer(String kind) throws Exception {
        // The G5 ⇄ G6 step alone: G6Codec's part (operations) has its own tests, and refuses directions no one sends.
        FieldDescriptor g6Field = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.getDescriptor()
                .findFieldByName(kind);
        var fromServer = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.newBuilder();
        Message.Builder body = fromServer.getFieldBuilder(g6Field);
        body.setField(body.getDescriptorForType().findFieldByNumber(1), 12);
        byte[] toClient = codec.toClient(fromServer.build().toByteArray());
        var asG5 = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(toClient);
        Message g5Body = (Message) asG5.getField(asG5.getDescriptorForType().findFieldByNumber(g6Field.getNumber()));
        assertEquals("12", g5Body.getField(g5Body.getDescriptorForType().findFieldByNumber(1)));

        var asG6 = dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.parseFrom(
                codec.toServer(ByteBuffer.wrap(toClient)));
        Message g6Body = (Message) asG6.getField(g6Field);
        assertEquals(12, g6Body.getField(g6Body.getDescriptorForType().findFieldByNumber(1)));
    }

    @Test
    void aResourceIdThatIsNotOursNamesNoModel() {
        assertEquals(-1, G5Codec.parseResourceId("abc"));
        assertEquals(-1, G5Codec.parseResourceId(""));
        assertEquals(-1, G5Codec.parseResourceId("99999999999"));
        assertEquals(-1, G5Codec.parseResourceId("-3"));
        assertEquals(7, G5Codec.parseResourceId("7"));
    }

    // ---- activities: by id on the client's side, by resource id on the server's ----

    @Test
    void anActivityJoinedByIdIsNamedByIdInWhatTheServerPushesUntilItIsLeft() throws Exception {
        ConvergenceMessage join = codec.decode(g5(
                5,
                b -> b.setActivityJoinRequest(ActivityJoinRequestMessage.newBuilder()
                        .setActivityId("room")
                        .putState("cursor", Value.newBuilder().setNumberValue(3).build()))));
        var request = join.getActivityJoinRequest();
        assertEquals(G5Codec.ACTIVITY_TYPE, request.getActivityType());
        assertEquals("room", request.getActivityId());
        assertEquals(3, request.getStateOrThrow("cursor").getNumberValue());
        assertTrue(request.getAutoCreateData().getEphemeral());

        byte[] joined = codec.encode(ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(5))
                .setActivityJoinResponse(ActivityJoinResponseMessage.newBuilder()
                        .setResourceId(40)
                        .putState(
                                "s-2",
                                ActivityStateData.newBuilder()
                                        .putState(
                                                "cursor",
                                                Value.newBuilder()
                                                        .setNumberValue(1)
                                                        .build())
                                        .build()))
                .build()
                .toByteArray());
        var response = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(joined);
        assertEquals(5, response.getResponseId().getValue());
        assertEquals(
                1,
                response.getActivityJoinResponse()
                        .getStateOrThrow("s-2")
                        .getStateOrThrow("cursor")
                        .getNumberValue());

        byte[] sessionJoined = codec.encode(ConvergenceMessage.newBuilder()
                .setActivitySessionJoined(ActivitySessionJoinedMessage.newBuilder()
                        .setResourceId(40)
                        .setSessionId("s-3"))
                .build()
                .toByteArray());
        var pushed = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(sessionJoined);
        assertEquals("room", pushed.getActivitySessionJoined().getActivityId());
        assertEquals("s-3", pushed.getActivitySessionJoined().getSessionId());

        ConvergenceMessage update = codec.decode(g5(
                null,
                b -> b.setActivityUpdateState(ActivityUpdateStateMessage.newBuilder()
                        .setActivityId("room")
                        .addRemoved("cursor"))));
        assertEquals(40, update.getActivityUpdateState().getResourceId());
        assertEquals(List.of("cursor"), update.getActivityUpdateState().getRemovedList());

        ConvergenceMessage leave = codec.decode(g5(
                6,
                b -> b.setActivityLeaveRequest(
                        ActivityLeaveRequestMessage.newBuilder().setActivityId("room"))));
        assertEquals(40, leave.getActivityLeaveRequest().getResourceId());
        assertEquals(6, leave.getRequestId().getValue());
        // What the server still pushes for it (crossing the leave) names an activity the client no longer has.
        assertNull(codec.encode(ConvergenceMessage.newBuilder()
                .setActivitySessionJoined(ActivitySessionJoinedMessage.newBuilder()
                        .setResourceId(40)
                        .setSessionId("s-4"))
                .build()
                .toByteArray()));
    }

    // ---- permissions: G5's reads per category are G6's one read, cut down ----

    private static final dev.tandem.interfaces.realtime.proto.g5.core.PermissionType CHAT =
            dev.tandem.interfaces.realtime.proto.g5.core.PermissionType.CHAT;

    @Test
    void aRefusedJoinPassesAsTheServersErrorAndBindsNothing() throws Exception {
        codec.decode(g5(
                7,
                b -> b.setActivityJoinRequest(
                        ActivityJoinRequestMessage.newBuilder().setActivityId("x"))));
        byte[] error = ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(7))
                .setError(dev.tandem.interfaces.realtime.proto.core.ErrorMessage.newBuilder()
                        .setCode("unauthorized"))
                .build()
                .toByteArray();
        assertEquals(
                "unauthorized",
                dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(codec.encode(error))
                        .getError()
                        .getCode());
        // a late join answer under the same id binds nothing: pushes for its resource are not the client's
        codec.encode(ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(7))
                .setActivityJoinResponse(
                        ActivityJoinResponseMessage.newBuilder().setResourceId(41))
                .build()
                .toByteArray());
        assertNull(codec.encode(ConvergenceMessage.newBuilder()
                .setActivitySessionJoined(ActivitySessionJoinedMessage.newBuilder()
                        .setResourceId(41)
                        .setSessionId("s"))
                .build()
                .toByteArray()));
    }

    @Test
    void theClientsOwnPermissionsAreResolvedForItsSession() throws Exception {
        ConvergenceMessage request = codec.decode(g5(
                3,
                b -> b.setGetClientPermissionsRequest(
                        dev.tandem.interfaces.realtime.proto.g5.core.GetClientPermissionsRequestMessage.newBuilder()
                                .setIdType(CHAT)
                                .setId("chat-1"))));
        assertEquals(3, request.getRequestId().getValue());
        assertEquals(
                "chat-1",
                request.getResolvePermissionsForConnectedSessionRequest()
                        .getTarget()
                        .getChat()
                        .getId());
    }

    static Stream<Arguments> permissionReads() {
        // (user type Normal, the default)
        var alice = dev.tandem.interfaces.realtime.proto.g5.core.DomainUserIdData.newBuilder()
                .setUsername("alice");
        return Stream.of(
                Arguments.of(
                        "world",
                        (java.util.function.Consumer<
                                        dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder>)
                                b -> b.getGetWorldPermissionsRequestBuilder()
                                        .setIdType(CHAT)
                                        .setId("c"),
                        "getWorldPermissionsResponse { permissions: \"join\" }"),
                Arguments.of(
                        "all users",
                        (java.util.function.Consumer<
                                        dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder>)
                                b -> b.getGetAllUserPermissionsRequestBuilder()
                                        .setIdType(CHAT)
                                        .setId("c"),
                        "getAllUserPermissionsResponse { users { user { username: \"alice\" }"
                                + " permissions: \"leave\" } users { user { username: \"bob\" }"
                                + " permissions: \"remove\" } }"),
                Arguments.of(
                        "one user",
                        (java.util.function.Consumer<
                                        dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder>)
                                b -> b.getGetUserPermissionsRequestBuilder()
                                        .setIdType(CHAT)
                                        .setId("c")
                                        .setUser(alice),
                        "getUserPermissionsResponse { permissions: \"leave\" }"),
                Arguments.of(
                        "all groups",
                        (java.util.function.Consumer<
                                        dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder>)
                                b -> b.getGetAllGroupPermissionsRequestBuilder()
                                        .setIdType(CHAT)
                                        .setId("c"),
                        "getAllGroupPermissionsResponse { groups { key: \"staff\" value { values: \"manage\" } } }"),
                Arguments.of(
                        "one group",
                        (java.util.function.Consumer<
                                        dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder>)
                                b -> b.getGetGroupPermissionsRequestBuilder()
                                        .setIdType(CHAT)
                                        .setId("c")
                                        .setGroupId("staff"),
                        "getGroupPermissionsResponse { permissions: \"manage\" }"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("permissionReads")
    void aPermissionReadIsTheServersOneReadCutDownToWhatWasAsked(
            String name,
            java.util.function.Consumer<dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder> read,
            String expected)
            throws Exception {
        ConvergenceMessage request = codec.decode(g5(8, read));
        assertEquals(
                "c", request.getGetPermissionsRequest().getTarget().getChat().getId());
        var all = dev.tandem.interfaces.realtime.proto.core.GetPermissionsResponseMessage.newBuilder()
                .addWorld("join")
                .addUser(entry("alice", "leave"))
                .addUser(entry("bob", "remove"))
                .putGroup(
                        "staff",
                        dev.tandem.interfaces.realtime.proto.core.PermissionsList.newBuilder()
                                .addValues("manage")
                                .build());
        byte[] answer = codec.encode(ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(8))
                .setGetPermissionsResponse(all)
                .build()
                .toByteArray());
        var response = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.parseFrom(answer);
        assertEquals(8, response.getResponseId().getValue());
        assertEquals(
                expected.replaceAll("\\s+", " "),
                com.google.protobuf.TextFormat.shortDebugString(
                        response.toBuilder().clearResponseId()));
        // answered once: the same answer again belongs to no read
        assertNull(codec.encode(ConvergenceMessage.newBuilder()
                .setResponseId(Int32Value.of(8))
                .setGetPermissionsResponse(all)
                .build()
                .toByteArray()));
    }

    private static dev.tandem.interfaces.realtime.proto.core.UserPermissionsEntry entry(
            String user, String permission) {
        return dev.tandem.interfaces.realtime.proto.core.UserPermissionsEntry.newBuilder()
                .setUser(dev.tandem.interfaces.realtime.proto.core.DomainUserIdData.newBuilder()
                        .setUsername(user))
                .addPermissions(permission)
                .build();
    }

    @Test
    void aSetNamesTheOneCategoryItCarries() throws Exception {
        ConvergenceMessage users = codec.decode(g5(
                4,
                b -> b.getSetPermissionsRequestBuilder()
                        .setIdType(CHAT)
                        .setId("c")
                        .addUser(dev.tandem.interfaces.realtime.proto.g5.core.UserPermissionsEntry.newBuilder()
                                .setUser(dev.tandem.interfaces.realtime.proto.g5.core.DomainUserIdData.newBuilder()
                                        .setUsername("bob"))
                                .addPermissions("join"))));
        var set = users.getSetPermissionsRequest();
        assertTrue(set.hasUser() && !set.hasWorld() && !set.hasGroup());
        assertEquals("bob", set.getUser().getPermissions(0).getUser().getUsername());
        ConvergenceMessage world = codec.decode(
                g5(5, b -> b.getSetPermissionsRequestBuilder().setIdType(CHAT).setId("c")));
        assertTrue(world.getSetPermissionsRequest().hasWorld());
        assertEquals(0, world.getSetPermissionsRequest().getWorld().getPermissionsCount());
    }

    // ---- G4: the create request's numbering ----

    @Test
    void rc7sCreateRequestReachesTheServerWithItsPermissionsUnderTheirNewNumbers() throws Exception {
        FrameCodec rc7 = ClientGeneration.G4.codec(frame -> {});
        byte[] frame = dev.tandem.interfaces.realtime.proto.g4.ConvergenceMessage.newBuilder()
                .setRequestId(Int32Value.of(9))
                .setCreateRealTimeModelRequest(
                        dev.tandem.interfaces.realtime.proto.g4.model.CreateRealtimeModelRequestMessage.newBuilder()
                                .setCollectionId("notes")
                                .setModelId(StringValue.of("n-1"))
                                .setOverrideWorldPermissions(true)
                                .setWorldPermissions(
                                        dev.tandem.interfaces.realtime.proto.g4.model.ModelPermissionsData.newBuilder()
                                                .setRead(true)
                                                .setWrite(true)))
                .build()
                .toByteArray();
        ConvergenceMessage decoded = rc7.decode(ByteBuffer.wrap(frame));
        assertEquals(9, decoded.getRequestId().getValue());
        var create = decoded.getCreateRealTimeModelRequest();
        assertEquals("notes", create.getCollectionId());
        assertEquals("n-1", create.getModelId().getValue());
        assertTrue(create.getOverrideWorldPermissions());
        assertTrue(create.getWorldPermissions().getRead());
        assertTrue(create.getWorldPermissions().getWrite());
        assertTrue(!create.getWorldPermissions().getRemove());
        assertNotNull(rc7.encode(ConvergenceMessage.newBuilder()
                .setPing(PingMessage.getDefaultInstance())
                .build()
                .toByteArray()));
    }

    private static ByteBuffer g5(
            Integer requestId,
            java.util.function.Consumer<dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder> body) {
        var message = dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder();
        if (requestId != null) {
            message.setRequestId(Int32Value.of(requestId));
        }
        body.accept(message);
        return ByteBuffer.wrap(message.build().toByteArray());
    }
}
