package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.identity.DomainDirectory;
import dev.tandem.identity.DomainUserId;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.domain.ModelRestData.CollectionPermissionsData;
import dev.tandem.interfaces.rest.domain.ModelRestData.SnapshotPolicyData;
import dev.tandem.model.CollectionPermissions;
import dev.tandem.model.CollectionService;
import dev.tandem.model.ModelCollection;
import dev.tandem.model.ModelService;
import dev.tandem.model.SnapshotPolicy;
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
 * {@code /domains/{namespace}/{domainId}/collections}: model collections, their world and per-user permissions, and
 * the models in each. Deleting a collection deletes its models (their open sessions are force-closed).
 */
@Path("domains/{namespace}/{domainId}/collections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain collections")
public class DomainCollectionsResource {

    /** Convergence's CollectionUpdateData; permissions left out mean every permission (as an auto-created one). */
    public static class CollectionUpdate {
        @Size(max = 1000)
        public String description;

        @Valid
        public CollectionPermissionsData worldPermissions;

        @Size(max = 10000)
        public Map<String, CollectionPermissionsData> userPermissions;

        public Boolean overrideSnapshotPolicy;

        @Valid
        public SnapshotPolicyData snapshotPolicy;
    }

    /** Convergence's CollectionData. */
    public static class CollectionCreate extends CollectionUpdate {
        @NotBlank
        @Size(max = 255)
        @Pattern(regexp = "[^/\\s]+")
        public String id;
    }

    @PathParam("namespace")
    String namespace;

    @PathParam("domainId")
    String domainId;

    @Inject
    DomainAdministration admin;

    @Inject
    DomainDirectory directory;

    @Inject
    CollectionService collections;

    @Inject
    ModelService models;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Collections by id; 'filter' matches ids and descriptions")
    public Response list(@QueryParam("filter") String filter, @Valid @BeanParam Paging paging) throws AdminException {
        String ref = domain().getId();
        SnapshotPolicy policy = collections.domainSettings(ref).snapshotPolicy();
        return Envelope.ok(collections.list(ref, filter, paging.offset(), paging.limit()).stream()
                .map(c -> ModelRestData.collection(c, policy))
                .toList());
    }

    @POST
    @Operation(summary = "Create a collection: 201; 409 when the id is taken")
    public Response create(@Valid CollectionCreate body) throws AdminException {
        collections.create(domain().getId(), collection(body.id, body));
        return Envelope.created(null);
    }

    @GET
    @Path("{collectionId}")
    @Operation(summary = "One collection with its permissions and snapshot policy")
    public Response get(@PathParam("collectionId") String collectionId) throws AdminException {
        String ref = domain().getId();
        return Envelope.ok(ModelRestData.collection(
                collections.get(ref, collectionId),
                collections.domainSettings(ref).snapshotPolicy()));
    }

    @PUT
    @Path("{collectionId}")
    @Operation(summary = "Replace a collection's description, permissions and snapshot policy")
    public Response update(@PathParam("collectionId") String collectionId, @Valid CollectionUpdate body)
            throws AdminException {
        collections.update(domain().getId(), collection(collectionId, body));
        return Envelope.ok();
    }

    @DELETE
    @Path("{collectionId}")
    @Operation(summary = "Delete a collection and its models")
    public Response delete(@PathParam("collectionId") String collectionId) throws AdminException {
        if (!collections.delete(domain().getId(), collectionId)) {
            throw AdminException.notFound("collection", collectionId);
        }
        return Envelope.deleted();
    }

    @GET
    @Path("{collectionId}/models")
    @Operation(summary = "The models of a collection (metadata), by id")
    public Response models(@PathParam("collectionId") String collectionId, @Valid @BeanParam Paging paging)
            throws AdminException {
        String ref = domain().getId();
        collections.get(ref, collectionId);
        return Envelope.ok(models.list(ref, collectionId, paging.offset(), paging.limit()).stream()
                .map(ModelRestData::metadata)
                .toList());
    }

    @GET
    @Path("{collectionId}/permissions")
    @Operation(summary = "A collection's permissions: {worldPermissions, userPermissions}")
    public Response permissions(@PathParam("collectionId") String collectionId) throws AdminException {
        ModelCollection c = collections.get(domain().getId(), collectionId);
        return Envelope.ok(Map.of(
                "worldPermissions",
                ModelRestData.collectionPermissions(c.world()),
                "userPermissions",
                ModelRestData.collectionUsers(c.users())));
    }

    @GET
    @Path("{collectionId}/permissions/world")
    @Operation(summary = "What users without an entry of their own may do: {permissions}")
    public Response world(@PathParam("collectionId") String collectionId) throws AdminException {
        ModelCollection c = collections.get(domain().getId(), collectionId);
        return Envelope.ok(Map.of("permissions", ModelRestData.collectionPermissions(c.world())));
    }

    @PUT
    @Path("{collectionId}/permissions/world")
    @Operation(summary = "Set the world permissions; open models apply them at once")
    public Response setWorld(@PathParam("collectionId") String collectionId, @Valid CollectionPermissionsData body)
            throws AdminException {
        collections.setWorldPermissions(domain().getId(), collectionId, body.toCollectionPermissions());
        return Envelope.ok();
    }

    @GET
    @Path("{collectionId}/permissions/user")
    @Operation(summary = "The per-user entries: {userPermissions: {username: permissions}}")
    public Response users(@PathParam("collectionId") String collectionId) throws AdminException {
        ModelCollection c = collections.get(domain().getId(), collectionId);
        return Envelope.ok(Map.of("userPermissions", ModelRestData.collectionUsers(c.users())));
    }

    @GET
    @Path("{collectionId}/permissions/user/{username}")
    @Operation(summary = "A user's entry: {permissions} (absent when the user has none)")
    public Response user(@PathParam("collectionId") String collectionId, @PathParam("username") String username)
            throws AdminException {
        ModelCollection c = collections.get(domain().getId(), collectionId);
        CollectionPermissions p = c.users().get(DomainUserId.normal(username));
        return Envelope.ok(p == null ? Map.of() : Map.of("permissions", ModelRestData.collectionPermissions(p)));
    }

    @PUT
    @Path("{collectionId}/permissions/user/{username}")
    @Operation(summary = "Set a user's entry (404 for an unknown user); open models apply it at once")
    public Response setUser(
            @PathParam("collectionId") String collectionId,
            @PathParam("username") String username,
            @Valid CollectionPermissionsData body)
            throws AdminException {
        Domain domain = domain();
        directory.user(domain, username);
        collections.setUserPermissions(
                domain.getId(), collectionId, DomainUserId.normal(username), body.toCollectionPermissions());
        return Envelope.ok();
    }

    @DELETE
    @Path("{collectionId}/permissions/user/{username}")
    @Operation(summary = "Remove a user's entry")
    public Response removeUser(@PathParam("collectionId") String collectionId, @PathParam("username") String username)
            throws AdminException {
        collections.setUserPermissions(domain().getId(), collectionId, DomainUserId.normal(username), null);
        return Envelope.deleted();
    }

    private static ModelCollection collection(String id, CollectionUpdate body) {
        boolean override = Boolean.TRUE.equals(body.overrideSnapshotPolicy);
        if (override && body.snapshotPolicy == null) {
            throw new dev.tandem.interfaces.rest.InvalidRequestException(
                    "snapshotPolicy", "snapshotPolicy is required when overrideSnapshotPolicy is true");
        }
        return new ModelCollection(
                id,
                body.description,
                body.worldPermissions == null
                        ? CollectionPermissions.ALL
                        : body.worldPermissions.toCollectionPermissions(),
                ModelRestData.parseCollectionUsers(body.userPermissions),
                override ? body.snapshotPolicy.toPolicy() : null);
    }

    private Domain domain() throws AdminException {
        return DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId);
    }
}
