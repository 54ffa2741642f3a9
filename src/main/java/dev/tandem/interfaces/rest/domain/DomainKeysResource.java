package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainJwtKey;
import dev.tandem.tenant.DomainRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /domains/{namespace}/{domainId}/jwtKeys}: public keys that verify the JWTs the domain's application mints. */
@Path("domains/{namespace}/{domainId}/jwtKeys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain JWT keys")
public class DomainKeysResource {

    public static class KeyData {
        @NotBlank
        @Size(max = 255)
        public String id;

        @Size(max = 1000)
        public String description;

        @NotBlank
        @Size(max = 10000)
        public String key;

        @NotNull
        public Boolean enabled;
    }

    public static class KeyUpdate {
        @Size(max = 1000)
        public String description;

        @Size(max = 10000)
        public String key;

        @NotNull
        public Boolean enabled;
    }

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    DomainRepository domains;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "The domain's JWT keys: [{id, description, updated, key, enabled}]")
    public Response list(@Valid @BeanParam Paging paging) throws AdminException {
        return Envelope.ok(domains.findJwtKeys(domain()).stream()
                .skip(paging.offset())
                .limit(paging.limit())
                .map(DomainKeysResource::view)
                .toList());
    }

    @POST
    @Operation(summary = "Register a key (RSA public key PEM); 409 when the id is taken, 400 for an unreadable key")
    public Response create(@Valid KeyData body) throws AdminException {
        admin.addJwtKey(domain(), body.id, body.description, body.key, body.enabled);
        return Envelope.ok();
    }

    @GET
    @Path("{keyId}")
    @Operation(summary = "One key")
    public Response get(@PathParam("keyId") String keyId) throws AdminException {
        return Envelope.ok(view(admin.jwtKey(domain(), keyId)));
    }

    @PUT
    @Path("{keyId}")
    @Operation(summary = "Change a key's description, key or enabled flag")
    public Response update(@PathParam("keyId") String keyId, @Valid KeyUpdate body) throws AdminException {
        admin.updateJwtKey(domain(), keyId, body.description, body.key, body.enabled);
        return Envelope.ok();
    }

    @DELETE
    @Path("{keyId}")
    @Operation(summary = "Delete a key")
    public Response delete(@PathParam("keyId") String keyId) throws AdminException {
        admin.deleteJwtKey(domain(), keyId);
        return Envelope.deleted();
    }

    private Domain domain() throws AdminException {
        return DomainAccess.managed(admin, AdminPrincipal.of(security), namespace, domainId);
    }

    private static Map<String, Object> view(DomainJwtKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.getKeyId());
        view.put("description", key.getDescription());
        view.put("updated", Views.millis(key.getCreatedAt()));
        view.put("key", key.getPublicKey());
        view.put("enabled", key.isEnabled());
        return view;
    }
}
