package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.InvalidRequestException;
import dev.tandem.interfaces.rest.domain.ModelRestData.SnapshotPolicyData;
import dev.tandem.model.CollectionService;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /domains/{namespace}/{domainId}/config}: the domain's settings (anonymous logins, reconnect tokens,
 * collection auto-creation, model snapshot policy).
 */
@Path("domains/{namespace}/{domainId}/config")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain configuration")
public class DomainConfigResource {

    public static class AnonymousAuth {
        @NotNull
        public Boolean enabled;
    }

    /** Reconnect token validity in minutes, 1 to {@value #MAX_RECONNECT_MINUTES} (a year). */
    public static class Reconnect {
        @NotNull
        public Integer tokenValidityMinutes;
    }

    static final int MAX_RECONNECT_MINUTES = 525_600;

    /** Whether creating a model in a missing collection creates the collection. */
    public static class CollectionConfig {
        @NotNull
        public Boolean autoCreate;
    }

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    CollectionService collections;

    @Context
    SecurityContext security;

    @GET
    @Path("anonymousAuth")
    @Operation(summary = "Whether anonymous logins are allowed: {enabled}")
    public Response anonymousAuth() throws AdminException {
        return Envelope.ok(Map.of("enabled", config().isAnonymousAuth()));
    }

    @PUT
    @Path("anonymousAuth")
    @Operation(summary = "Allow or refuse anonymous logins")
    public Response setAnonymousAuth(@Valid AnonymousAuth body) throws AdminException {
        config();
        admin.setConfig(namespace, domainId, body.enabled, null);
        return Envelope.ok();
    }

    @GET
    @Path("reconnect")
    @Operation(summary = "How long reconnect tokens stay valid: {tokenValidityMinutes}")
    public Response reconnect() throws AdminException {
        return Envelope.ok(Map.of("tokenValidityMinutes", config().getReconnectTokenValidityMinutes()));
    }

    @PUT
    @Path("reconnect")
    @Operation(summary = "Change how long new reconnect tokens stay valid")
    public Response setReconnect(@Valid Reconnect body) throws AdminException {
        config();
        if (body.tokenValidityMinutes < 1 || body.tokenValidityMinutes > MAX_RECONNECT_MINUTES) {
            throw new InvalidRequestException(
                    "tokenValidityMinutes", "tokenValidityMinutes must be between 1 and " + MAX_RECONNECT_MINUTES);
        }
        admin.setConfig(namespace, domainId, null, body.tokenValidityMinutes);
        return Envelope.ok();
    }

    @GET
    @Path("collection")
    @Operation(summary = "Whether a model created in a missing collection creates it: {autoCreate}")
    public Response collection() throws AdminException {
        return Envelope.ok(Map.of(
                "autoCreate", collections.domainSettings(managed().getId()).autoCreateCollections()));
    }

    @PUT
    @Path("collection")
    @Operation(summary = "Set whether a model created in a missing collection creates it")
    public Response setCollection(@Valid CollectionConfig body) throws AdminException {
        collections.setAutoCreateCollections(managed().getId(), body.autoCreate);
        return Envelope.ok();
    }

    @GET
    @Path("modelSnapshotPolicy")
    @Operation(summary = "The domain's model snapshot policy (intervals of time in milliseconds)")
    public Response modelSnapshotPolicy() throws AdminException {
        return Envelope.ok(ModelRestData.snapshotPolicy(
                collections.domainSettings(managed().getId()).snapshotPolicy()));
    }

    @PUT
    @Path("modelSnapshotPolicy")
    @Operation(
            summary = "Set the domain's snapshot policy; models loaded from now on follow it unless their "
                    + "collection overrides it")
    public Response setModelSnapshotPolicy(@Valid SnapshotPolicyData body) throws AdminException {
        collections.setDomainSnapshotPolicy(managed().getId(), body.toPolicy());
        return Envelope.ok();
    }

    private DomainConfig config() throws AdminException {
        return managed().getConfig();
    }

    private Domain managed() throws AdminException {
        return DomainAccess.managed(admin, AdminPrincipal.of(security), namespace, domainId);
    }
}
