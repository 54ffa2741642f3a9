package dev.tandem.interfaces.realtime.chat;

import dev.tandem.activity.ActivityId;
import dev.tandem.activity.ActivityPermission;
import dev.tandem.activity.ActivityService;
import dev.tandem.activity.ActivitySession;
import dev.tandem.chat.ChatPermission;
import dev.tandem.chat.ChatPermissionService;
import dev.tandem.chat.ChatSession;
import dev.tandem.identity.AuthenticationResult.Authenticated;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.interfaces.realtime.connection.ClientConnection;
import dev.tandem.interfaces.realtime.connection.IdentityCache;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistration;
import dev.tandem.interfaces.realtime.dispatch.HandlerRegistry;
import dev.tandem.interfaces.realtime.dispatch.IncomingMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage;
import dev.tandem.interfaces.realtime.proto.ConvergenceMessage.BodyCase;
import dev.tandem.interfaces.realtime.proto.core.GetPermissionsResponseMessage;
import dev.tandem.interfaces.realtime.proto.core.PermissionTarget;
import dev.tandem.interfaces.realtime.proto.core.PermissionsList;
import dev.tandem.interfaces.realtime.proto.core.ResolvePermissionsForConnectedSessionResponseMessage;
import dev.tandem.interfaces.realtime.proto.core.SetPermissionsRequestMessage;
import dev.tandem.interfaces.realtime.proto.core.UserPermissionsEntry;
import dev.tandem.interfaces.realtime.wire.ErrorCodes;
import dev.tandem.interfaces.realtime.wire.ProtocolException;
import dev.tandem.interfaces.realtime.wire.Wire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The permission messages ({@code resolvePermissionsForConnectedSession}, {@code get}, {@code add}, {@code remove},
 * {@code set}) for their two kinds of target: chats ({@link ChatPermissionService}) and activities ({@link ActivityService},
 * whose own permission model they read and change). Changes answer {@code ok}; reading or changing entries needs the
 * target's manage permission ({@code manage_chat_permissions}, {@code manage}); resolving needs only that the target
 * exists (and, for a chat, is visible).
 */
@ApplicationScoped
public class PermissionHandlers implements HandlerRegistration {

    @Inject
    ChatPermissionService chats;

    @Inject
    ActivityService activities;

    @Inject
    IdentityCache identityCache;

    /** One kind of target, seen through its service. */
    private interface Target<P extends Enum<P>> {
        Set<P> resolve();

        Grants<P> get();

        void change(UnaryOperator<Grants<P>> change);

        Set<P> parse(Collection<String> names);

        String name(P permission);
    }

    @Override
    public void register(HandlerRegistry registry) {
        registry.request(BodyCase.RESOLVEPERMISSIONSFORCONNECTEDSESSIONREQUEST, this::resolve)
                .request(BodyCase.GETPERMISSIONSREQUEST, this::get)
                .request(BodyCase.ADDPERMISSIONSREQUEST, this::add)
                .request(BodyCase.REMOVEPERMISSIONSREQUEST, this::remove)
                .request(BodyCase.SETPERMISSIONSREQUEST, this::set);
    }

    private void resolve(ClientConnection connection, IncomingMessage incoming) {
        Target<?> target = target(
                connection,
                incoming.message()
                        .getResolvePermissionsForConnectedSessionRequest()
                        .getTarget());
        incoming.reply(ConvergenceMessage.newBuilder()
                .setResolvePermissionsForConnectedSessionResponse(
                        ResolvePermissionsForConnectedSessionResponseMessage.newBuilder()
                                .addAllPermissions(resolved(target))));
    }

    private static <P extends Enum<P>> List<String> resolved(Target<P> target) {
        return target.resolve().stream().sorted().map(target::name).toList();
    }

    private void get(ClientConnection connection, IncomingMessage incoming) {
        Target<?> target =
                target(connection, incoming.message().getGetPermissionsRequest().getTarget());
        GetPermissionsResponseMessage response = entries(connection, target);
        incoming.reply(ConvergenceMessage.newBuilder().setGetPermissionsResponse(response));
    }

    private <P extends Enum<P>> GetPermissionsResponseMessage entries(ClientConnection connection, Target<P> target) {
        Grants<P> grants = target.get();
        identityCache.ensureUsersKnown(connection, grants.users().keySet());
        GetPermissionsResponseMessage.Builder response =
                GetPermissionsResponseMessage.newBuilder().addAllWorld(names(target, grants.world()));
        grants.users()
                .forEach((user, permissions) -> response.addUser(UserPermissionsEntry.newBuilder()
                        .setUser(Wire.userId(user))
                        .addAllPermissions(names(target, permissions))));
        grants.groups()
                .forEach((group, permissions) -> response.putGroup(
                        group,
                        PermissionsList.newBuilder()
                                .addAllValues(names(target, permissions))
                                .build()));
        return response.build();
    }

    private void add(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getAddPermissionsRequest();
        change(
                target(connection, request.getTarget()),
                request.getWorldList(),
                request.getUserList(),
                request.getGroupMap(),
                true);
        incoming.replyOk();
    }

    private void remove(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getRemovePermissionsRequest();
        change(
                target(connection, request.getTarget()),
                request.getWorldList(),
                request.getUserList(),
                request.getGroupMap(),
                false);
        incoming.replyOk();
    }

    private static <P extends Enum<P>> void change(
            Target<P> target,
            List<String> world,
            List<UserPermissionsEntry> users,
            Map<String, PermissionsList> groups,
            boolean add) {
        Grants<P> delta = new Grants<>(parse(target, world), users(target, users), groups(target, groups));
        target.change(grants -> add ? grants.plus(delta) : grants.minus(delta));
    }

    private void set(ClientConnection connection, IncomingMessage incoming) {
        var request = incoming.message().getSetPermissionsRequest();
        set(target(connection, request.getTarget()), request);
        incoming.replyOk();
    }

    private static <P extends Enum<P>> void set(Target<P> target, SetPermissionsRequestMessage request) {
        Set<P> world = request.hasWorld() ? parse(target, request.getWorld().getPermissionsList()) : null;
        Map<DomainUserId, Set<P>> users =
                request.hasUser() ? users(target, request.getUser().getPermissionsList()) : null;
        Map<String, Set<P>> groups =
                request.hasGroup() ? groups(target, request.getGroup().getPermissionsMap()) : null;
        boolean replaceUsers = request.hasUser() && request.getUser().getReplaceAll();
        boolean replaceGroups = request.hasGroup() && request.getGroup().getReplaceAll();
        target.change(grants -> grants.with(world, users, replaceUsers, groups, replaceGroups));
    }

    private Target<?> target(ClientConnection connection, PermissionTarget target) {
        Authenticated s = connection.requireSession();
        return switch (target.getTargetTypeCase()) {
            case CHAT -> {
                ChatSession session = new ChatSession(s.namespace(), s.domainId(), s.user(), s.sessionId());
                String chatId = target.getChat().getId();
                yield new Target<ChatPermission>() {
                    public Set<ChatPermission> resolve() {
                        return chats.resolvePermissions(session, chatId);
                    }

                    public Grants<ChatPermission> get() {
                        return chats.permissions(session, chatId);
                    }

                    public void change(UnaryOperator<Grants<ChatPermission>> change) {
                        chats.changePermissions(session, chatId, change);
                    }

                    public Set<ChatPermission> parse(Collection<String> names) {
                        return ChatPermission.fromWire(names);
                    }

                    public String name(ChatPermission permission) {
                        return permission.wireName();
                    }
                };
            }
            case ACTIVITY -> {
                ActivitySession session = new ActivitySession(s.namespace(), s.domainId(), s.user(), s.sessionId());
                ActivityId id;
                try {
                    id = ActivityId.of(
                            target.getActivity().getType(), target.getActivity().getId());
                } catch (IllegalArgumentException e) {
                    throw malformed(e.getMessage());
                }
                yield new Target<ActivityPermission>() {
                    public Set<ActivityPermission> resolve() {
                        return activities.resolvePermissions(session, id);
                    }

                    public Grants<ActivityPermission> get() {
                        return activities.permissions(session, id).grants();
                    }

                    public void change(UnaryOperator<Grants<ActivityPermission>> change) {
                        activities.changePermissions(session, id, change);
                    }

                    public Set<ActivityPermission> parse(Collection<String> names) {
                        return ActivityPermission.fromWire(names);
                    }

                    public String name(ActivityPermission permission) {
                        return permission.wireName();
                    }
                };
            }
            case TARGETTYPE_NOT_SET -> throw malformed("a permission request names no target");
        };
    }

    private static <P extends Enum<P>> List<String> names(Target<P> target, Set<P> permissions) {
        return permissions.stream().sorted().map(target::name).toList();
    }

    private static <P extends Enum<P>> Set<P> parse(Target<P> target, Collection<String> names) {
        try {
            return target.parse(names);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static <P extends Enum<P>> Map<DomainUserId, Set<P>> users(
            Target<P> target, List<UserPermissionsEntry> entries) {
        Map<DomainUserId, Set<P>> users = new LinkedHashMap<>();
        for (UserPermissionsEntry entry : entries) {
            if (!entry.hasUser() || entry.getUser().getUsername().isEmpty()) {
                throw malformed("a user permission entry names no user");
            }
            users.put(Wire.userId(entry.getUser()), parse(target, entry.getPermissionsList()));
        }
        return users;
    }

    private static <P extends Enum<P>> Map<String, Set<P>> groups(
            Target<P> target, Map<String, PermissionsList> entries) {
        Map<String, Set<P>> groups = new LinkedHashMap<>();
        entries.forEach((group, list) -> groups.put(group, parse(target, list.getValuesList())));
        return groups;
    }

    private static ProtocolException malformed(String message) {
        return new ProtocolException(ErrorCodes.MALFORMED_REQUEST_CONTENT, message);
    }
}
