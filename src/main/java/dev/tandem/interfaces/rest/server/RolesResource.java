package dev.tandem.interfaces.rest.server;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.admin.ServerRole;
import dev.tandem.admin.ServerUserService;
import dev.tandem.admin.TargetRole;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Guard;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /roles}: who has which role, as Convergence's {@code {"username": "Role"}} maps. Server roles: Server Admin,
 * Domain Admin, Developer (Server Admin manages them). Namespace and domain roles: Owner, Domain Admin, Developer
 * (managed by whoever manages the namespace or domain).
 */
@Path("roles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "roles")
public class RolesResource {

    @Inject
    ServerUserService users;

    @Inject
    DomainAdministration admin;

    @Context
    SecurityContext security;

    @GET
    @Path("server")
    @Operation(summary = "Every user's server role")
    public Response serverRoles() throws AdminException {
        Guard.require(caller().canManageUsers(), "manage server users");
        Map<String, String> view = new LinkedHashMap<>();
        users.serverRoles().forEach((user, role) -> view.put(user, role.label()));
        return Envelope.ok(view);
    }

    @POST
    @Path("server")
    @Operation(summary = "Set server roles: {username: role}")
    public Response setServerRoles(Map<String, String> roles) throws AdminException {
        AccessProfile caller = caller();
        Guard.require(caller.canManageUsers(), "manage server users");
        for (Map.Entry<String, String> entry : roles.entrySet()) {
            ServerRole role = UsersResource.role(entry.getValue());
            if (entry.getKey().equals(caller.username()) && role != caller.serverRole()) {
                throw AdminException.forbidden("you can not change your own server role");
            }
        }
        for (Map.Entry<String, String> entry : roles.entrySet()) {
            users.setRole(entry.getKey(), UsersResource.role(entry.getValue()));
        }
        return Envelope.ok();
    }

    @DELETE
    @Path("server/{username}")
    @Operation(summary = "Take a user's server role away: they keep the lowest, Developer")
    public Response removeServerRole(@PathParam("username") String username) throws AdminException {
        AccessProfile caller = caller();
        Guard.require(caller.canManageUsers(), "manage server users");
        if (caller.username().equals(username)) {
            throw AdminException.forbidden("you can not change your own server role");
        }
        users.setRole(username, ServerRole.DEVELOPER);
        return Envelope.deleted();
    }

    @GET
    @Path("namespace/{namespace}")
    @Operation(summary = "Roles on a namespace")
    public Response namespaceRoles(@PathParam("namespace") String namespace) throws AdminException {
        Guard.require(caller().canManageNamespace(namespace), "manage this namespace");
        admin.namespace(namespace);
        return Envelope.ok(labels(users.roles(TargetRole.TargetType.NAMESPACE, namespace)));
    }

    @POST
    @Path("namespace/{namespace}")
    @Operation(summary = "Set roles on a namespace: {username: role}")
    public Response setNamespaceRoles(@PathParam("namespace") String namespace, Map<String, String> roles)
            throws AdminException {
        Guard.require(caller().canManageNamespace(namespace), "manage this namespace");
        admin.namespace(namespace);
        users.setRoles(TargetRole.TargetType.NAMESPACE, namespace, targetRoles(roles));
        return Envelope.ok();
    }

    @DELETE
    @Path("namespace/{namespace}/{username}")
    @Operation(summary = "Remove a user's role on a namespace")
    public Response removeNamespaceRole(
            @PathParam("namespace") String namespace, @PathParam("username") String username) throws AdminException {
        Guard.require(caller().canManageNamespace(namespace), "manage this namespace");
        admin.namespace(namespace);
        users.removeRole(TargetRole.TargetType.NAMESPACE, namespace, username);
        return Envelope.deleted();
    }

    @GET
    @Path("domain/{namespace}/{domainId}")
    @Operation(summary = "Roles on a domain")
    public Response domainRoles(@PathParam("namespace") String namespace, @PathParam("domainId") String domainId)
            throws AdminException {
        Guard.require(caller().canManageDomain(namespace, domainId), "manage this domain");
        admin.domain(namespace, domainId);
        return Envelope.ok(labels(users.roles(TargetRole.TargetType.DOMAIN, namespace + "/" + domainId)));
    }

    @POST
    @Path("domain/{namespace}/{domainId}")
    @Operation(summary = "Set roles on a domain: {username: role}")
    public Response setDomainRoles(
            @PathParam("namespace") String namespace, @PathParam("domainId") String domainId, Map<String, String> roles)
            throws AdminException {
        Guard.require(caller().canManageDomain(namespace, domainId), "manage this domain");
        admin.domain(namespace, domainId);
        users.setRoles(TargetRole.TargetType.DOMAIN, namespace + "/" + domainId, targetRoles(roles));
        return Envelope.ok();
    }

    @DELETE
    @Path("domain/{namespace}/{domainId}/{username}")
    @Operation(summary = "Remove a user's role on a domain")
    public Response removeDomainRole(
            @PathParam("namespace") String namespace,
            @PathParam("domainId") String domainId,
            @PathParam("username") String username)
            throws AdminException {
        Guard.require(caller().canManageDomain(namespace, domainId), "manage this domain");
        admin.domain(namespace, domainId);
        users.removeRole(TargetRole.TargetType.DOMAIN, namespace + "/" + domainId, username);
        return Envelope.deleted();
    }

    private static Map<String, TargetRole> targetRoles(Map<String, String> labels) throws AdminException {
        Map<String, TargetRole> roles = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : labels.entrySet()) {
            roles.put(
                    entry.getKey(),
                    TargetRole.fromLabel(entry.getValue())
                            .orElseThrow(() -> AdminException.invalid(
                                    entry.getKey(),
                                    "unknown role '" + entry.getValue() + "' (Owner, Domain Admin, Developer)")));
        }
        return roles;
    }

    private static Map<String, String> labels(Map<String, TargetRole> roles) {
        Map<String, String> view = new LinkedHashMap<>();
        roles.forEach((user, role) -> view.put(user, role.label()));
        return view;
    }

    private AccessProfile caller() {
        return AdminPrincipal.of(security);
    }
}
