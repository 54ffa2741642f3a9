package dev.tandem.interfaces.rest.domain;

import dev.tandem.activity.ActivityAdministration;
import dev.tandem.activity.ActivityId;
import dev.tandem.activity.ActivityPermission;
import dev.tandem.activity.ActivityStore;
import dev.tandem.activity.ActivitySummary;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.InvalidRequestException;
import dev.tandem.interfaces.rest.Paged;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /domains/{namespace}/{domainId}/activities}: the domain's activities, the sessions joined to them now, and
 * their permissions.
 *
 * <p>The paths and shapes follow Convergence's admin API: {@code GET|POST /activities} (paged
 * {@code {data, startIndex, totalResults}} of {@code {activityType, activityId, ephemeral, created}}; filters
 * {@code type} and {@code id}), {@code GET|DELETE /activities/{type}/{id}}, and
 * {@code GET|PUT /activities/{type}/{id}/permissions} with {@code {worldPermissions: [...], userPermissions:
 * {user: [...]}, groupPermissions: {group: [...]}}} to read and {@code {worldPermissions: {permissions},
 * userPermissions: {permissions, replace}, groupPermissions: {permissions, replace}}} to change (each part
 * optional; an empty list removes an entry). Tandem adds:
 * <ul>
 *   <li>{@code sessions} on every activity: {@code [{sessionId, user, lurking}]} joined now (empty when not live),
 *       and the {@code live=true} filter listing only activities that have sessions;</li>
 *   <li>one entry at a time, as the model and collection permission endpoints address theirs:
 *       {@code GET|PUT /permissions/world}, {@code GET|PUT|DELETE /permissions/user/{user}} and
 *       {@code GET|PUT|DELETE /permissions/group/{groupId}}; GET answers the entry's permission names ({@code []}
 *       without one), PUT takes {@code {permissions: [...]}}, DELETE removes the entry.</li>
 * </ul>
 * Users are named as Convergence does ({@code alice}, {@code convergence:admin}); permission names are the
 * client's ({@code join, lurk, view_state, set_state, remove, manage}). Changes act as the caller's domain
 * administrator, with the effect of the realtime permission requests: a session whose user loses {@code join} is
 * forced to leave.
 */
@Path("domains/{namespace}/{domainId}/activities")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain activities")
public class DomainActivitiesResource {

    /** One entry's permission names. */
    public static class PermissionList {
        @NotNull
        @Size(max = 16)
        public List<String> permissions;
    }

    /** User or group entries to set; {@code replace} drops the entries not named. */
    public static class PermissionEntries {
        @NotNull
        @Size(max = 10000)
        public Map<String, List<String>> permissions;

        public boolean replace;
    }

    /** Convergence's SetPermissionsData: each part optional. */
    public static class SetPermissionsData {
        @Valid
        public PermissionList worldPermissions;

        @Valid
        public PermissionEntries userPermissions;

        @Valid
        public PermissionEntries groupPermissions;
    }

    /** Convergence's CreateActivityData. */
    public static class CreateActivityData {
        @NotBlank
        @Size(max = ActivityId.MAX_LENGTH)
        public String activityType;

        @NotBlank
        @Size(max = ActivityId.MAX_LENGTH)
        public String activityId;

        @Size(max = 16)
        public List<String> worldPermissions;

        @Size(max = 10000)
        public Map<String, List<String>> userPermissions;

        @Size(max = 10000)
        public Map<String, List<String>> groupPermissions;
    }

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    ActivityAdministration activities;

    @Context
    SecurityContext security;

    @GET
    @Operation(
            summary = "Activities whose type and id contain 'type' and 'id', by type and id, with their sessions;"
                    + " live=true: only those with sessions. {data, startIndex, totalResults}")
    public Response list(
            @QueryParam("type") String type,
            @QueryParam("id") String id,
            @QueryParam("live") @DefaultValue("false") boolean live,
            @Valid @BeanParam Paging paging)
            throws AdminException {
        ActivityStore.Listing listing =
                activities.list(domain(), blankToNull(type), blankToNull(id), live, paging.offset(), paging.limit());
        return Envelope.ok(Paged.of(
                listing.activities().stream()
                        .map(DomainActivitiesResource::view)
                        .toList(),
                paging.offset(),
                listing.total()));
    }

    @POST
    @Operation(summary = "Create an activity with permissions; 409 when it exists")
    public Response create(@Valid CreateActivityData body) throws AdminException {
        Grants<ActivityPermission> grants = new Grants<>(
                names(body.worldPermissions == null ? List.of() : body.worldPermissions),
                users(body.userPermissions == null ? Map.of() : body.userPermissions),
                groups(body.groupPermissions == null ? Map.of() : body.groupPermissions));
        activities.create(domain(), caller(), body.activityType, body.activityId, grants);
        return Envelope.ok();
    }

    @GET
    @Path("{type}/{id}")
    @Operation(summary = "One activity with the sessions joined now")
    public Response get(@PathParam("type") String type, @PathParam("id") String id) throws AdminException {
        return Envelope.ok(view(activities.get(domain(), type, id)));
    }

    @DELETE
    @Path("{type}/{id}")
    @Operation(summary = "Delete an activity; its participants are told")
    public Response delete(@PathParam("type") String type, @PathParam("id") String id) throws AdminException {
        activities.delete(domain(), caller(), type, id);
        return Envelope.deleted();
    }

    @GET
    @Path("{type}/{id}/permissions")
    @Operation(summary = "The permission entries: {worldPermissions, userPermissions, groupPermissions}")
    public Response permissions(@PathParam("type") String type, @PathParam("id") String id) throws AdminException {
        Grants<ActivityPermission> grants = grants(type, id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("worldPermissions", wire(grants.world()));
        Map<String, List<String>> users = new LinkedHashMap<>();
        grants.users().forEach((user, permissions) -> users.put(UserIds.encode(user), wire(permissions)));
        view.put("userPermissions", users);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        grants.groups().forEach((group, permissions) -> groups.put(group, wire(permissions)));
        view.put("groupPermissions", groups);
        return Envelope.ok(view);
    }

    @PUT
    @Path("{type}/{id}/permissions")
    @Operation(summary = "Change the permission entries (each part optional; an empty list removes an entry)")
    public Response setPermissions(
            @PathParam("type") String type, @PathParam("id") String id, @Valid SetPermissionsData body)
            throws AdminException {
        Set<ActivityPermission> world = body.worldPermissions == null ? null : names(body.worldPermissions.permissions);
        Map<DomainUserId, Set<ActivityPermission>> users =
                body.userPermissions == null ? null : users(body.userPermissions.permissions);
        Map<String, Set<ActivityPermission>> groups =
                body.groupPermissions == null ? null : groups(body.groupPermissions.permissions);
        change(
                type,
                id,
                g -> g.with(
                        world,
                        users,
                        body.userPermissions != null && body.userPermissions.replace,
                        groups,
                        body.groupPermissions != null && body.groupPermissions.replace));
        return Envelope.ok();
    }

    @GET
    @Path("{type}/{id}/permissions/world")
    @Operation(summary = "What everyone may do: permission names")
    public Response worldPermissions(@PathParam("type") String type, @PathParam("id") String id) throws AdminException {
        return Envelope.ok(wire(grants(type, id).world()));
    }

    @PUT
    @Path("{type}/{id}/permissions/world")
    @Operation(summary = "Set what everyone may do: {permissions}")
    public Response setWorldPermissions(
            @PathParam("type") String type, @PathParam("id") String id, @Valid PermissionList body)
            throws AdminException {
        Set<ActivityPermission> world = names(body.permissions);
        change(type, id, g -> g.with(world, null, false, null, false));
        return Envelope.ok();
    }

    @GET
    @Path("{type}/{id}/permissions/user/{user}")
    @Operation(summary = "A user's entry: permission names ([] without one)")
    public Response userPermissions(
            @PathParam("type") String type, @PathParam("id") String id, @PathParam("user") String user)
            throws AdminException {
        DomainUserId userId = user(user);
        return Envelope.ok(wire(grants(type, id).users().getOrDefault(userId, Set.of())));
    }

    @PUT
    @Path("{type}/{id}/permissions/user/{user}")
    @Operation(summary = "Set a user's entry: {permissions}")
    public Response setUserPermissions(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @PathParam("user") String user,
            @Valid PermissionList body)
            throws AdminException {
        setUserEntry(type, id, user, names(body.permissions));
        return Envelope.ok();
    }

    @DELETE
    @Path("{type}/{id}/permissions/user/{user}")
    @Operation(summary = "Remove a user's entry")
    public Response deleteUserPermissions(
            @PathParam("type") String type, @PathParam("id") String id, @PathParam("user") String user)
            throws AdminException {
        setUserEntry(type, id, user, Set.of());
        return Envelope.deleted();
    }

    @GET
    @Path("{type}/{id}/permissions/group/{groupId}")
    @Operation(summary = "A group's entry: permission names ([] without one)")
    public Response groupPermissions(
            @PathParam("type") String type, @PathParam("id") String id, @PathParam("groupId") String groupId)
            throws AdminException {
        return Envelope.ok(wire(grants(type, id).groups().getOrDefault(groupId, Set.of())));
    }

    @PUT
    @Path("{type}/{id}/permissions/group/{groupId}")
    @Operation(summary = "Set a group's entry: {permissions}")
    public Response setGroupPermissions(
            @PathParam("type") String type,
            @PathParam("id") String id,
            @PathParam("groupId") String groupId,
            @Valid PermissionList body)
            throws AdminException {
        setGroupEntry(type, id, groupId, names(body.permissions));
        return Envelope.ok();
    }

    @DELETE
    @Path("{type}/{id}/permissions/group/{groupId}")
    @Operation(summary = "Remove a group's entry")
    public Response deleteGroupPermissions(
            @PathParam("type") String type, @PathParam("id") String id, @PathParam("groupId") String groupId)
            throws AdminException {
        setGroupEntry(type, id, groupId, Set.of());
        return Envelope.deleted();
    }

    /** Sets one user's entry; an empty set removes it. */
    private void setUserEntry(String type, String id, String user, Set<ActivityPermission> permissions)
            throws AdminException {
        Map<DomainUserId, Set<ActivityPermission>> entry = Map.of(user(user), permissions);
        change(type, id, g -> g.with(null, entry, false, null, false));
    }

    /** Sets one group's entry; an empty set removes it. */
    private void setGroupEntry(String type, String id, String groupId, Set<ActivityPermission> permissions)
            throws AdminException {
        Map<String, Set<ActivityPermission>> entry = Map.of(groupId, permissions);
        change(type, id, g -> g.with(null, null, false, entry, false));
    }

    private Grants<ActivityPermission> grants(String type, String id) throws AdminException {
        return activities.permissions(domain(), caller(), type, id);
    }

    private void change(String type, String id, UnaryOperator<Grants<ActivityPermission>> change)
            throws AdminException {
        activities.changePermissions(domain(), caller(), type, id, change);
    }

    private Domain domain() throws AdminException {
        return DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId);
    }

    private String caller() {
        return AdminPrincipal.of(security).username();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Set<ActivityPermission> names(Collection<String> names) {
        try {
            return ActivityPermission.fromWire(names);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequestException(
                    "permissions",
                    "unknown activity permission in " + names
                            + "; known: join, lurk, view_state, set_state, remove, manage");
        }
    }

    private static DomainUserId user(String encoded) {
        try {
            return UserIds.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("user", e.getMessage());
        }
    }

    private static Map<DomainUserId, Set<ActivityPermission>> users(Map<String, List<String>> entries) {
        Map<DomainUserId, Set<ActivityPermission>> users = new LinkedHashMap<>();
        entries.forEach((user, permissions) -> users.put(user(user), names(permissions)));
        return users;
    }

    private static Map<String, Set<ActivityPermission>> groups(Map<String, List<String>> entries) {
        Map<String, Set<ActivityPermission>> groups = new LinkedHashMap<>();
        entries.forEach((group, permissions) -> groups.put(group, names(permissions)));
        return groups;
    }

    private static List<String> wire(Set<ActivityPermission> permissions) {
        return permissions.stream().map(ActivityPermission::wireName).sorted().toList();
    }

    /** Convergence's ActivityData, with the sessions joined now. */
    private static Map<String, Object> view(ActivitySummary activity) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("activityType", activity.id().type());
        view.put("activityId", activity.id().id());
        view.put("ephemeral", activity.ephemeral());
        view.put("created", Views.millis(activity.created()));
        view.put(
                "sessions",
                activity.sessions().stream()
                        .map(s -> {
                            Map<String, Object> session = new LinkedHashMap<>();
                            session.put("sessionId", s.sessionId());
                            session.put("user", UserIds.encode(DomainUserId.of(s.user())));
                            session.put("lurking", s.lurking());
                            return session;
                        })
                        .toList());
        return view;
    }
}
