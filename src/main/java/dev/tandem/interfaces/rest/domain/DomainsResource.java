package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.admin.ServerUserService;
import dev.tandem.admin.TargetRole;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Guard;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /domains}: create, read, rename and delete domains, their availability (online, maintenance, offline:
 * only an online domain accepts realtime connections), statistics and admin tokens.
 */
@Path("domains")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domains")
public class DomainsResource {

    public static class NewDomain {
        @NotBlank
        @Size(max = 255)
        public String namespace;

        @NotBlank
        @Size(max = 255)
        public String id;

        @Size(max = 255)
        public String displayName;

        public Boolean anonymousAuth;
    }

    public static class DomainUpdate {
        @NotBlank
        @Size(max = 255)
        public String displayName;
    }

    public static class Availability {
        public @NotNull @Pattern(regexp = "(?i)online|maintenance|offline") String availability;
    }

    @Inject
    DomainAdministration admin;

    @Inject
    ServerUserService users;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The domains the caller may access")
    public Response list(
            @QueryParam("namespace") String namespace,
            @QueryParam("filter") String filter,
            @Valid @BeanParam Paging paging) {
        return Envelope.ok(admin.domains(caller(), namespace, filter, paging.offset(), paging.limit()).stream()
                .map(Views::domain)
                .toList());
    }

    @POST
    @Operation(summary = "Create a domain (Domain Admin, or Owner of the namespace, who then owns the domain)")
    public Response create(@Valid NewDomain body) throws AdminException {
        AccessProfile caller = caller();
        Guard.require(caller.canManageNamespace(body.namespace), "create domains in this namespace");
        Domain domain =
                admin.createDomain(body.namespace, body.id, body.displayName, Boolean.TRUE.equals(body.anonymousAuth));
        if (!caller.canManageAllDomains()) {
            users.setRoles(
                    TargetRole.TargetType.DOMAIN,
                    domain.getNamespaceId() + "/" + domain.getDomainId(),
                    Map.of(caller.username(), TargetRole.OWNER));
        }
        return Envelope.created(Views.domain(domain));
    }

    @GET
    @Path("{namespace}/{domainId}")
    @Operation(summary = "One domain")
    public Response get(@PathParam("namespace") String namespace, @PathParam("domainId") String domainId)
            throws AdminException {
        return Envelope.ok(Views.domain(DomainAccess.accessible(admin, caller(), namespace, domainId)));
    }

    @PUT
    @Path("{namespace}/{domainId}")
    @Operation(summary = "Rename a domain")
    public Response update(
            @PathParam("namespace") String namespace, @PathParam("domainId") String domainId, @Valid DomainUpdate body)
            throws AdminException {
        DomainAccess.managed(admin, caller(), namespace, domainId);
        admin.updateDomain(namespace, domainId, body.displayName);
        return Envelope.ok();
    }

    @DELETE
    @Path("{namespace}/{domainId}")
    @Operation(summary = "Delete a domain with all its data; its connections are closed")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("domainId") String domainId)
            throws AdminException {
        DomainAccess.managed(admin, caller(), namespace, domainId);
        admin.deleteDomain(namespace, domainId);
        return Envelope.deleted();
    }

    @GET
    @Path("{namespace}/{domainId}/availability")
    @Operation(summary = "The domain's availability: {availability: online|maintenance|offline}")
    public Response availability(@PathParam("namespace") String namespace, @PathParam("domainId") String domainId)
            throws AdminException {
        Domain domain = DomainAccess.accessible(admin, caller(), namespace, domainId);
        return Envelope.ok(Map.of("availability", domain.getStatus().name().toLowerCase()));
    }

    @PUT
    @Path("{namespace}/{domainId}/availability")
    @Operation(summary = "Set the availability; leaving online closes the domain's realtime connections")
    public Response setAvailability(
            @PathParam("namespace") String namespace, @PathParam("domainId") String domainId, @Valid Availability body)
            throws AdminException {
        DomainAccess.managed(admin, caller(), namespace, domainId);
        admin.setStatus(namespace, domainId, DomainStatus.valueOf(body.availability.toUpperCase()));
        return Envelope.ok();
    }

    @GET
    @Path("{namespace}/{domainId}/stats")
    @Operation(summary = "{activeSessionCount, userCount, modelCount, dbSize}")
    public Response stats(@PathParam("namespace") String namespace, @PathParam("domainId") String domainId)
            throws AdminException {
        DomainAdministration.DomainStats stats =
                admin.stats(DomainAccess.accessible(admin, caller(), namespace, domainId));
        // dbSize: a shared database has no per-domain size worth computing on every call; 0 as "not measured"
        return Envelope.ok(Map.of(
                "activeSessionCount",
                stats.activeSessionCount(),
                "userCount",
                stats.userCount(),
                "modelCount",
                stats.modelCount(),
                "dbSize",
                0));
    }

    @GET
    @Path("{namespace}/{domainId}/convergenceUserToken")
    @Operation(summary = "A short-lived JWT that logs the caller in to the domain as a convergence user: {token}")
    public Response convergenceUserToken(
            @PathParam("namespace") String namespace, @PathParam("domainId") String domainId) throws AdminException {
        AccessProfile caller = caller();
        Domain domain = DomainAccess.accessible(admin, caller, namespace, domainId);
        return Envelope.ok(Map.of("token", admin.adminToken(domain, caller.username())));
    }

    private AccessProfile caller() {
        return AdminPrincipal.of(security);
    }
}
