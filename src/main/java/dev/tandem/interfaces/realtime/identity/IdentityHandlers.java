package dev.tandem.interfaces.realtime.identity;

import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.IdentityService;
import dev.tandem.identity.UserField;
import dev.tandem.identity.UserGroupView;
import dev.tandem.identity.UserSearch;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.core.DomainUserIdData;
import dev.tandem.interfaces.realtime.proto.identity.SearchUsersRequestMessage;
import dev.tandem.interfaces.realtime.proto.identity.UserGroupData;
import dev.tandem.interfaces.realtime.proto.identity.UserGroupsEntry;
import dev.tandem.interfaces.realtime.proto.identity.UserGroupsForUsersResponseMessage;
import dev.tandem.interfaces.realtime.proto.identity.UserGroupsResponseMessage;
import dev.tandem.interfaces.realtime.proto.identity.UserListMessage;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers the client's identity requests. Error codes are Convergence's: {@code group_not_found} and
 * {@code user_not_found} (the client cannot take an empty group list), {@code malformed_request_content} for
 * requests no client would send.
 */
@ApplicationScoped
public class IdentityHandlers implements HandlerRegistration {

    @Inject
    IdentityService identity;

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.USERSGETREQUEST, this::users);
        registry.request(BodyCase.USERSEARCHREQUEST, this::search);
        registry.request(BodyCase.USERGROUPSREQUEST, this::groups);
        registry.request(BodyCase.USERGROUPSFORUSERSREQUEST, this::groupsForUsers);
    }

    private void users(ClientConnection connection, IncomingMessage incoming) {
        Authenticated session = connection.requireSession();
        List<DomainUserId> ids = userIds(incoming.message().getUsersGetRequest().getUserIdsList());
        List<DomainUserView> users =
                malformedIfIllegal(() -> identity.users(session.namespace(), session.domainId(), ids));
        incoming.reply(userList(users));
    }

    private void search(ClientConnection connection, IncomingMessage incoming) {
        Authenticated session = connection.requireSession();
        SearchUsersRequestMessage request = incoming.message().getUserSearchRequest();
        List<UserField> fields = new ArrayList<>();
        for (var field : request.getFieldsList()) {
            fields.add(field(field));
        }
        UserField orderBy =
                request.getOrderField() == dev.tandem.interfaces.realtime.proto.identity.UserField.FIELD_NOT_SET
                        ? null
                        : field(request.getOrderField());
        // Present-but-empty wrappers (value 0) mean "default", as UserSearch treats 0.
        UserSearch search = malformedIfIllegal(() -> UserSearch.of(
                fields,
                request.getValue(),
                request.hasOffset() ? request.getOffset().getValue() : null,
                request.hasLimit() ? request.getLimit().getValue() : null,
                orderBy,
                request.getAscending()));
        incoming.reply(userList(identity.search(session.namespace(), session.domainId(), search)));
    }

    private void groups(ClientConnection connection, IncomingMessage incoming) {
        Authenticated session = connection.requireSession();
        List<String> ids = incoming.message().getUserGroupsRequest().getIdsList();
        if (ids.isEmpty()) {
            // An empty reply would crash the client (it reads groupData without a default).
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "name at least one group");
        }
        List<UserGroupView> groups =
                malformedIfIllegal(() -> identity.groups(session.namespace(), session.domainId(), ids));
        UserGroupsResponseMessage.Builder response = UserGroupsResponseMessage.newBuilder();
        for (UserGroupView group : groups) {
            UserGroupData.Builder data = UserGroupData.newBuilder()
                    .setId(group.id())
                    .setDescription(group.description() == null ? "" : group.description());
            group.members().forEach(m -> data.addMembers(Wire.userId(m)));
            response.addGroupData(data);
        }
        incoming.reply(ConvergenceMessage.newBuilder().setUserGroupsResponse(response));
    }

    private void groupsForUsers(ClientConnection connection, IncomingMessage incoming) {
        Authenticated session = connection.requireSession();
        List<DomainUserId> users =
                userIds(incoming.message().getUserGroupsForUsersRequest().getUsersList());
        if (users.isEmpty()) {
            // An empty reply would crash the client (it reads userGroups without a default).
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "name at least one user");
        }
        Map<DomainUserId, List<String>> groups =
                malformedIfIllegal(() -> identity.groupsForUsers(session.namespace(), session.domainId(), users));
        UserGroupsForUsersResponseMessage.Builder response = UserGroupsForUsersResponseMessage.newBuilder();
        groups.forEach((user, groupIds) -> response.addUserGroups(
                UserGroupsEntry.newBuilder().setUser(Wire.userId(user)).addAllGroups(groupIds)));
        incoming.reply(ConvergenceMessage.newBuilder().setUserGroupsForUsersResponse(response));
    }

    private static ConvergenceMessage.Builder userList(List<DomainUserView> users) {
        UserListMessage.Builder list = UserListMessage.newBuilder();
        users.forEach(u -> list.addUserData(Wire.user(u)));
        return ConvergenceMessage.newBuilder().setUserListResponse(list);
    }

    private static List<DomainUserId> userIds(List<DomainUserIdData> data) {
        List<DomainUserId> ids = new ArrayList<>(data.size());
        for (DomainUserIdData id : data) {
            ids.add(Wire.userId(id));
        }
        return ids;
    }

    private static UserField field(dev.tandem.interfaces.realtime.proto.identity.UserField field) {
        return switch (field) {
            case USERNAME -> UserField.USERNAME;
            case EMAIL -> UserField.EMAIL;
            case FIRST_NAME -> UserField.FIRST_NAME;
            case LAST_NAME -> UserField.LAST_NAME;
            case DISPLAY_NAME -> UserField.DISPLAY_NAME;
            case FIELD_NOT_SET, UNRECOGNIZED ->
                throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, "unknown user field");
        };
    }

    /**
     * Runs a service call whose {@link IllegalArgumentException} means the request was bad (too many ids, a search
     * out of range), not the server. Its refusals ({@code user_not_found}, {@code group_not_found}) pass through to
     * the router, which answers them.
     */
    private static <T> T malformedIfIllegal(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, e.getMessage());
        }
    }
}
