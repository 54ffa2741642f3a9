package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.identity.DomainDirectory;
import dev.tandem.identity.UserGroup;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /domains/{namespace}/{domainId}/groups}: user groups and their members (usernames of normal users). */
@Path("domains/{namespace}/{domainId}/groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain groups")
public class DomainGroupsResource {

    public static class GroupData {
        @NotBlank
        @Size(max = 255)
        @Pattern(regexp = "[^/\\s]+")
        public String id;

        @Size(max = 1000)
        public String description;

        @Size(max = 10000)
        public List<String> members;
    }

    public static class GroupInfo {
        @Size(max = 255)
        public String id;

        @Size(max = 1000)
        public String description;
    }

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    DomainDirectory directory;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Groups with members ('type=all', default) or member counts ('type=summary')")
    public Response list(
            @QueryParam("type") @DefaultValue("all") @Pattern(regexp = "all|summary") String type,
            @QueryParam("filter") String filter,
            @Valid @BeanParam Paging paging)
            throws AdminException {
        List<UserGroup> groups = directory.groups(domain(), filter, paging.offset(), paging.limit());
        Map<String, List<String>> members = directory.members(groups);
        return Envelope.ok(groups.stream()
                .map(g -> {
                    Map<String, Object> view = info(g);
                    List<String> names = members.get(g.getGroupId());
                    view.put("members", "summary".equals(type) ? (Object) names.size() : names);
                    return view;
                })
                .toList());
    }

    @POST
    @Operation(summary = "Create a group: 201; 409 when the id is taken; 404 for an unknown member")
    public Response create(@Valid GroupData body) throws AdminException {
        directory.createGroup(domain(), body.id, body.description, body.members);
        return Envelope.created(null);
    }

    @GET
    @Path("{groupId}")
    @Operation(summary = "One group with its members")
    public Response get(@PathParam("groupId") String groupId) throws AdminException {
        UserGroup group = directory.group(domain(), groupId);
        Map<String, Object> view = info(group);
        view.put("members", directory.members(List.of(group)).get(group.getGroupId()));
        return Envelope.ok(view);
    }

    @PUT
    @Path("{groupId}")
    @Operation(summary = "Replace a group's description and members")
    public Response update(@PathParam("groupId") String groupId, @Valid GroupData body) throws AdminException {
        directory.updateGroup(domain(), groupId, body.description, body.members == null ? List.of() : body.members);
        return Envelope.ok();
    }

    @DELETE
    @Path("{groupId}")
    @Operation(summary = "Delete a group")
    public Response delete(@PathParam("groupId") String groupId) throws AdminException {
        directory.deleteGroup(domain(), groupId);
        return Envelope.deleted();
    }

    @GET
    @Path("{groupId}/info")
    @Operation(summary = "A group's id and description")
    public Response getInfo(@PathParam("groupId") String groupId) throws AdminException {
        return Envelope.ok(info(directory.group(domain(), groupId)));
    }

    @PUT
    @Path("{groupId}/info")
    @Operation(summary = "Change a group's description")
    public Response setInfo(@PathParam("groupId") String groupId, @Valid GroupInfo body) throws AdminException {
        directory.updateGroup(domain(), groupId, body.description, null);
        return Envelope.ok();
    }

    @GET
    @Path("{groupId}/members")
    @Operation(summary = "A group's member usernames")
    public Response members(@PathParam("groupId") String groupId) throws AdminException {
        UserGroup group = directory.group(domain(), groupId);
        return Envelope.ok(directory.members(List.of(group)).get(group.getGroupId()));
    }

    @PUT
    @Path("{groupId}/members/{username}")
    @Operation(summary = "Add a member")
    public Response addMember(@PathParam("groupId") String groupId, @PathParam("username") String username)
            throws AdminException {
        directory.addMember(domain(), groupId, username);
        return Envelope.ok();
    }

    @DELETE
    @Path("{groupId}/members/{username}")
    @Operation(summary = "Remove a member")
    public Response removeMember(@PathParam("groupId") String groupId, @PathParam("username") String username)
            throws AdminException {
        directory.removeMember(domain(), groupId, username);
        return Envelope.deleted();
    }

    private Domain domain() throws AdminException {
        return DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId);
    }

    private static Map<String, Object> info(UserGroup group) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", group.getGroupId());
        view.put("description", group.getDescription());
        return view;
    }
}
