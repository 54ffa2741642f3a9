package dev.tandem.interfaces.rest.server;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Guard;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.tenant.Namespace;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /namespaces}: groups of domains. Listing shows what the caller may access; changes need Domain Admin. */
@Path("namespaces")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "namespaces")
public class NamespacesResource {

    public static class NewNamespace {
        @NotBlank
        @Size(max = 255)
        public String id;

        @NotBlank
        @Size(max = 255)
        public String displayName;
    }

    public static class NamespaceUpdate {
        @NotBlank
        @Size(max = 255)
        public String displayName;
    }

    @Inject
    DomainAdministration admin;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The namespaces the caller may access, each with its accessible domains")
    public Response list(@QueryParam("filter") String filter, @Valid @BeanParam Paging paging) {
        AccessProfile caller = caller();
        // filtered before paging, so a page is full of accessible namespaces
        return Envelope.ok(admin.namespaces(filter, 0, Integer.MAX_VALUE).stream()
                .filter(n -> caller.canAccessNamespace(n.getId()))
                .skip(paging.offset())
                .limit(paging.limit())
                .map(n -> {
                    Map<String, Object> view = view(n);
                    view.put(
                            "domains",
                            admin.domainsIn(n.getId()).stream()
                                    .filter(d -> caller.canAccessDomain(d.getNamespaceId(), d.getDomainId()))
                                    .map(Views::domain)
                                    .toList());
                    return view;
                })
                .toList());
    }

    @POST
    @Operation(summary = "Create a namespace (Domain Admin)")
    public Response create(@Valid NewNamespace body) throws AdminException {
        Guard.require(caller().canManageAllDomains(), "manage namespaces");
        admin.createNamespace(body.id, body.displayName);
        return Envelope.ok();
    }

    @GET
    @Path("{namespace}")
    @Operation(summary = "One namespace")
    public Response get(@PathParam("namespace") String namespace) throws AdminException {
        Guard.require(caller().canAccessNamespace(namespace), "access this namespace");
        return Envelope.ok(view(admin.namespace(namespace)));
    }

    @PUT
    @Path("{namespace}")
    @Operation(summary = "Rename a namespace (Domain Admin or its Owner)")
    public Response update(@PathParam("namespace") String namespace, @Valid NamespaceUpdate body)
            throws AdminException {
        Guard.require(caller().canManageNamespace(namespace), "manage this namespace");
        admin.updateNamespace(namespace, body.displayName);
        return Envelope.ok();
    }

    @DELETE
    @Path("{namespace}")
    @Operation(summary = "Delete an empty namespace (Domain Admin); 409 while it has domains")
    public Response delete(@PathParam("namespace") String namespace) throws AdminException {
        Guard.require(caller().canManageAllDomains(), "manage namespaces");
        admin.deleteNamespace(namespace);
        return Envelope.deleted();
    }

    private static Map<String, Object> view(Namespace namespace) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", namespace.getId());
        view.put("displayName", namespace.getDisplayName());
        return view;
    }

    private AccessProfile caller() {
        return AdminPrincipal.of(security);
    }
}
