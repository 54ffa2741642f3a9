package dev.tandem.interfaces.realtime.generation;

import dev.tandem.interfaces.realtime.proto.g5.core.DomainUserIdData;
import dev.tandem.interfaces.realtime.proto.g5.core.GetAllGroupPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.GetAllUserPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.GetGroupPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.GetUserPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.GetWorldPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.g5.core.PermissionType;
import dev.tandem.interfaces.realtime.proto.g6.core.AddPermissionsRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.GetPermissionsRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.GetPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.PermissionTarget;
import dev.tandem.interfaces.realtime.proto.g6.core.RemovePermissionsRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.ResolvePermissionsForConnectedSessionRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.SetPermissionsRequestMessage;
import dev.tandem.interfaces.realtime.proto.g6.core.UserPermissionsEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * G5's permission messages (601-618; chats are the only kind they name) as G6's, for one connection. G5 has a request
 * per category and reading (world, all users, one user, all groups, one group); G6 has one read of everything
 * ({@code getPermissions}), whose answer is cut down here to what the G5 request asked, and one resolution for the
 * session ({@code resolvePermissionsForConnectedSession}, G5's {@code getClientPermissions}, same answer on the wire).
 * Changes (add, remove, set) name one category each in G5; the server answers them {@code ok}, which the G5 client
 * accepts (it reads nothing from the reply).
 */
final class G5Permissions {

    /** Reads in flight: request id → how G6's answer becomes the G5 response the request expects. */
    private final Map<
                    Integer,
                    Function<
                            GetPermissionsResponseMessage,
                            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder>>
            reads = new ConcurrentHashMap<>();

    /** The G5 request as G6's body, set on {@code out}; the request's id is already on it. */
    void toServer(
            dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage message,
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.Builder out) {
        int requestId = message.hasRequestId() ? message.getRequestId().getValue() : -1;
        switch (message.getBodyCase()) {
            case GETCLIENTPERMISSIONSREQUEST -> {
                var request = message.getGetClientPermissionsRequest();
                out.setResolvePermissionsForConnectedSessionRequest(
                        ResolvePermissionsForConnectedSessionRequestMessage.newBuilder()
                                .setTarget(target(request.getIdType(), request.getId())));
            }
            case ADDPERMISSIONSREQUEST -> {
                var request = message.getAddPermissionsRequest();
                var add = AddPermissionsRequestMessage.newBuilder()
                        .setTarget(target(request.getIdType(), request.getId()))
                        .addAllWorld(request.getWorldList());
                request.getUserList().forEach(u -> add.addUser(entry(u)));
                request.getGroupMap().forEach((g, p) -> add.putGroup(g, list(p)));
                out.setAddPermissionsRequest(add);
            }
            case REMOVEPERMISSIONSREQUEST -> {
                var request = message.getRemovePermissionsRequest();
                var remove = RemovePermissionsRequestMessage.newBuilder()
                        .setTarget(target(request.getIdType(), request.getId()))
                        .addAllWorld(request.getWorldList());
                request.getUserList().forEach(u -> remove.addUser(entry(u)));
                request.getGroupMap().forEach((g, p) -> remove.putGroup(g, list(p)));
                out.setRemovePermissionsRequest(remove);
            }
            case SETPERMISSIONSREQUEST -> {
                // rc.7 and rc.8 set one category per request (setWorld/User/GroupPermissions): the one it carries,
                // the world when it carries none (setWorldPermissions([]) is the only way to send nothing).
                var request = message.getSetPermissionsRequest();
                var set = SetPermissionsRequestMessage.newBuilder()
                        .setTarget(target(request.getIdType(), request.getId()));
                if (request.getUserCount() > 0) {
                    var users = set.getUserBuilder();
                    request.getUserList().forEach(u -> users.addPermissions(entry(u)));
                } else if (request.getGroupCount() > 0) {
                    var groups = set.getGroupBuilder();
                    request.getGroupMap().forEach((g, p) -> groups.putPermissions(g, list(p)));
                } else {
                    set.getWorldBuilder().addAllPermissions(request.getWorldList());
                }
                out.setSetPermissionsRequest(set);
            }
            case GETWORLDPERMISSIONSREQUEST -> {
                var request = message.getGetWorldPermissionsRequest();
                read(
                        out,
                        requestId,
                        request.getIdType(),
                        request.getId(),
                        all -> reply().setGetWorldPermissionsResponse(GetWorldPermissionsResponseMessage.newBuilder()
                                .addAllPermissions(all.getWorldList())));
            }
            case GETALLUSERPERMISSIONSREQUEST -> {
                var request = message.getGetAllUserPermissionsRequest();
                read(out, requestId, request.getIdType(), request.getId(), all -> {
                    var users = GetAllUserPermissionsResponseMessage.newBuilder();
                    all.getUserList()
                            .forEach(u -> users.addUsers(
                                    (dev.tandem.interfaces.realtime.proto.g5.core.UserPermissionsEntry) same(
                                            u,
                                            dev.tandem.interfaces.realtime.proto.g5.core.UserPermissionsEntry
                                                    .newBuilder())));
                    return reply().setGetAllUserPermissionsResponse(users);
                });
            }
            case GETUSERPERMISSIONSREQUEST -> {
                var request = message.getGetUserPermissionsRequest();
                DomainUserIdData user = request.getUser();
                read(out, requestId, request.getIdType(), request.getId(), all -> {
                    var permissions = GetUserPermissionsResponseMessage.newBuilder();
                    for (UserPermissionsEntry entry : all.getUserList()) {
                        if (entry.getUser().getUsername().equals(user.getUsername())
                                && entry.getUser().getUserTypeValue() == user.getUserTypeValue()) {
                            permissions.addAllPermissions(entry.getPermissionsList());
                        }
                    }
                    return reply().setGetUserPermissionsResponse(permissions);
                });
            }
            case GETALLGROUPPERMISSIONSREQUEST -> {
                var request = message.getGetAllGroupPermissionsRequest();
                read(out, requestId, request.getIdType(), request.getId(), all -> {
                    var groups = GetAllGroupPermissionsResponseMessage.newBuilder();
                    all.getGroupMap()
                            .forEach((g, p) -> groups.putGroups(
                                    g,
                                    same(
                                            p,
                                            dev.tandem.interfaces.realtime.proto.g5.core.PermissionsList
                                                    .newBuilder())));
                    return reply().setGetAllGroupPermissionsResponse(groups);
                });
            }
            case GETGROUPPERMISSIONSREQUEST -> {
                var request = message.getGetGroupPermissionsRequest();
                String group = request.getGroupId();
                read(
                        out,
                        requestId,
                        request.getIdType(),
                        request.getId(),
                        all -> reply().setGetGroupPermissionsResponse(GetGroupPermissionsResponseMessage.newBuilder()
                                .addAllPermissions(
                                        all.getGroupMap().containsKey(group)
                                                ? all.getGroupMap().get(group).getValuesList()
                                                : java.util.List.of())));
            }
            default -> throw new IllegalArgumentException("not a permission request: " + message.getBodyCase());
        }
    }

    /**
     * The server's answer to a read, as the G5 response its request expects; {@code null} when it answers no read of
     * this connection.
     */
    dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder readAnswered(
            int responseId, GetPermissionsResponseMessage answer) {
        var shape = reads.remove(responseId);
        return shape == null ? null : shape.apply(answer);
    }

    /** A read refused by the server (its error passes as it is): nothing to shape any more. */
    void readRefused(int responseId) {
        reads.remove(responseId);
    }

    boolean readsPending() {
        return !reads.isEmpty();
    }

    private void read(
            dev.tandem.interfaces.realtime.proto.g6.ConvergenceMessage.Builder out,
            int requestId,
            PermissionType type,
            String id,
            Function<GetPermissionsResponseMessage, dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder>
                    shape) {
        reads.put(requestId, shape);
        out.setGetPermissionsRequest(GetPermissionsRequestMessage.newBuilder().setTarget(target(type, id)));
    }

    /** G5 names a chat by type CHAT and its id; any other type names nothing, which the server refuses. */
    private static PermissionTarget.Builder target(PermissionType type, String id) {
        PermissionTarget.Builder target = PermissionTarget.newBuilder();
        if (type == PermissionType.CHAT) {
            target.getChatBuilder().setId(id);
        }
        return target;
    }

    private static dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.Builder reply() {
        return dev.tandem.interfaces.realtime.proto.g5.ConvergenceMessage.newBuilder();
    }

    private static UserPermissionsEntry entry(dev.tandem.interfaces.realtime.proto.g5.core.UserPermissionsEntry entry) {
        return same(entry, UserPermissionsEntry.newBuilder());
    }

    private static dev.tandem.interfaces.realtime.proto.g6.core.PermissionsList list(
            dev.tandem.interfaces.realtime.proto.g5.core.PermissionsList list) {
        return same(list, dev.tandem.interfaces.realtime.proto.g6.core.PermissionsList.newBuilder());
    }

    /** The same message on both wires (user entries and permission lists did not change from G5 to G6). */
    @SuppressWarnings("unchecked")
    private static <T extends com.google.protobuf.Message> T same(
            com.google.protobuf.Message from, com.google.protobuf.Message.Builder into) {
        try {
            return (T) into.mergeFrom(from.toByteString()).build();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("same-shaped message did not parse", e);
        }
    }
}
