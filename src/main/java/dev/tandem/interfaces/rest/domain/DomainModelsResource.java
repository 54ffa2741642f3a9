package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.identity.DomainDirectory;
import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserType;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.InvalidRequestException;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import dev.tandem.interfaces.rest.domain.ModelRestData.PermissionsData;
import dev.tandem.model.Collaborator;
import dev.tandem.model.ModelAdministration;
import dev.tandem.model.ModelNotFoundException;
import dev.tandem.model.ModelPermissionChange;
import dev.tandem.model.ModelPermissionSettings;
import dev.tandem.model.ModelPermissions;
import dev.tandem.model.ModelService;
import dev.tandem.model.ModelState;
import dev.tandem.model.query.QueryableData;
import dev.tandem.playback.ModelPlayback;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /domains/{namespace}/{domainId}/models}: models with their data and permissions. Changing or deleting a
 * model goes through its single writer ({@link ModelService}), so sessions that have it open receive a replaced data
 * as a remote operation, and are force-closed when it is deleted, as with any realtime edit.
 */
@Path("domains/{namespace}/{domainId}/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain models")
public class DomainModelsResource {

    /** Convergence's ModelPut: the data, and the collection to create the model in if it does not exist. */
    public static class ModelPut {
        @Size(max = 255)
        @Pattern(regexp = "[^/\\s]+")
        public String collection;
        /** A JSON object (declared loosely: JSON-B would turn an array into an empty map). */
        @NotNull
        public Object data;
    }

    /** Convergence's ModelPost, with an optional {@code id} (generated when absent) and permission settings. */
    public static class ModelPost extends ModelPut {
        @Size(max = 255)
        @Pattern(regexp = "[^/\\s]+")
        public String id;

        public Boolean overrideWorld;

        @Valid
        public PermissionsData worldPermissions;

        @Size(max = 10000)
        public Map<String, PermissionsData> userPermissions;
    }

    public static class OverrideWorld {
        @NotNull
        public Boolean overrideWorld;
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
    ModelService models;

    @Inject
    ModelAdministration administration;

    @Inject
    ModelPlayback playback;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Models (metadata) by id, of one 'collection' if given")
    public Response list(@QueryParam("collection") String collection, @Valid @BeanParam Paging paging)
            throws AdminException {
        return Envelope.ok(models.list(domain().getId(), collection, paging.offset(), paging.limit()).stream()
                .map(ModelRestData::metadata)
                .toList());
    }

    @POST
    @Operation(
            summary = "Create a model with data: 201 {id}; 404 for a missing collection the domain does not "
                    + "create on demand; 409 when the id is taken")
    public Response create(@Valid ModelPost body) throws AdminException {
        if (body.collection == null || body.collection.isBlank()) {
            throw new InvalidRequestException("collection", "collection is required");
        }
        Domain domain = domain();
        Map<DomainUserId, ModelPermissions> users = ModelRestData.parseModelUsers(body.userPermissions);
        for (DomainUserId user : users.keySet()) {
            directory.user(domain, user.username());
        }
        String id = administration.createFromPlain(domain.getId(), body.collection, body.id, data(body.data));
        if (body.overrideWorld != null || body.worldPermissions != null || !users.isEmpty()) {
            models.changePermissions(
                    domain.getId(),
                    id,
                    null,
                    new ModelPermissionChange(
                            body.overrideWorld,
                            body.worldPermissions == null ? null : body.worldPermissions.toPermissions(),
                            false,
                            users,
                            List.of()));
        }
        return Envelope.created(Map.of("id", id));
    }

    @GET
    @Path("{modelId}")
    @Operation(summary = "A model's metadata and, unless 'data=false', its data at that version")
    public Response get(@PathParam("modelId") String modelId, @QueryParam("data") @DefaultValue("true") boolean data)
            throws AdminException {
        ModelState state = models.current(domain().getId(), modelId);
        return Envelope.ok(ModelRestData.model(state, data));
    }

    @PUT
    @Path("{modelId}")
    @Operation(
            summary = "Replace a model's data (open sessions receive it as a remote operation), or create the "
                    + "model in 'collection' if it does not exist; 409 if it exists in another collection")
    public Response put(@PathParam("modelId") String modelId, @Valid ModelPut body) throws AdminException {
        String ref = domain().getId();
        String collection = body.collection == null || body.collection.isBlank() ? null : body.collection;
        try {
            administration.createOrReplace(ref, collection, modelId, data(body.data), author());
        } catch (ModelNotFoundException e) {
            if (collection != null) {
                throw e; // deleted meanwhile
            }
            throw new InvalidRequestException("collection", "collection is required to create a model");
        }
        return Envelope.ok(); // created or replaced: Convergence answers both alike
    }

    @GET
    @Path("{modelId}/versions/{version}")
    @Operation(
            summary = "The model as it was at a version (1 is its creation), played back on the server from its "
                    + "history: {id, collection, version, currentVersion, time, data}; 400 invalid_version outside "
                    + "1..current or too far back")
    public Response version(@PathParam("modelId") String modelId, @PathParam("version") long version)
            throws AdminException {
        return Envelope.ok(view(playback.at(domain().getId(), modelId, version)));
    }

    @GET
    @Path("{modelId}/versions")
    @Operation(
            summary = "The model as it was at a point in time ('time', milliseconds since the epoch): at the version "
                    + "of the last operation committed then, in the shape of versions/{version}; 400 "
                    + "invalid_target_time before the model was created")
    public Response versionAt(@PathParam("modelId") String modelId, @QueryParam("time") String time)
            throws AdminException {
        String ref = domain().getId(); // access first: a caller without it learns nothing about its input
        // parsed here, not by JAX-RS, which answers a query parameter it cannot convert with a 404
        long millis;
        try {
            millis = Long.parseLong(time == null ? "" : time.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("time", "time (milliseconds since the epoch) is required");
        }
        return Envelope.ok(view(playback.atTime(ref, modelId, Instant.ofEpochMilli(millis))));
    }

    private static Map<String, Object> view(ModelPlayback.ModelVersion at) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", at.modelId());
        view.put("collection", at.collectionId());
        view.put("version", at.version());
        view.put("currentVersion", at.currentVersion());
        view.put("time", Views.millis(at.time()));
        view.put("data", QueryableData.of(at.data()).json());
        return view;
    }

    @DELETE
    @Path("{modelId}")
    @Operation(summary = "Delete a model; sessions that have it open are force-closed")
    public Response delete(@PathParam("modelId") String modelId) throws AdminException {
        if (!models.delete(domain().getId(), modelId)) {
            throw new ModelNotFoundException(modelId);
        }
        return Envelope.deleted();
    }

    @GET
    @Path("{modelId}/permissions")
    @Operation(summary = "A model's permission settings: {overrideWorld, worldPermissions, userPermissions}")
    public Response permissions(@PathParam("modelId") String modelId) throws AdminException {
        ModelPermissionSettings settings = models.permissionSettings(domain().getId(), modelId);
        return Envelope.ok(Map.of(
                "overrideWorld",
                settings.overrideWorld(),
                "worldPermissions",
                ModelRestData.permissions(settings.world()),
                "userPermissions",
                ModelRestData.modelUsers(settings.users())));
    }

    @GET
    @Path("{modelId}/permissions/override")
    @Operation(summary = "Whether the model's world permissions replace its collection's: {overrideWorld}")
    public Response override(@PathParam("modelId") String modelId) throws AdminException {
        return Envelope.ok(Map.of(
                "overrideWorld",
                models.permissionSettings(domain().getId(), modelId).overrideWorld()));
    }

    @PUT
    @Path("{modelId}/permissions/override")
    @Operation(summary = "Set whether the model's world permissions replace its collection's")
    public Response setOverride(@PathParam("modelId") String modelId, @Valid OverrideWorld body) throws AdminException {
        change(modelId, new ModelPermissionChange(body.overrideWorld, null, false, Map.of(), List.of()));
        return Envelope.ok();
    }

    @GET
    @Path("{modelId}/permissions/world")
    @Operation(summary = "The model's world permissions: {permissions}")
    public Response world(@PathParam("modelId") String modelId) throws AdminException {
        return Envelope.ok(Map.of(
                "permissions",
                ModelRestData.permissions(
                        models.permissionSettings(domain().getId(), modelId).world())));
    }

    @PUT
    @Path("{modelId}/permissions/world")
    @Operation(summary = "Set the model's world permissions (they apply when it overrides its collection's)")
    public Response setWorld(@PathParam("modelId") String modelId, @Valid PermissionsData body) throws AdminException {
        change(modelId, new ModelPermissionChange(null, body.toPermissions(), false, Map.of(), List.of()));
        return Envelope.ok();
    }

    @GET
    @Path("{modelId}/permissions/user")
    @Operation(summary = "The model's per-user entries: {userPermissions: [{userId, permissions}]}")
    public Response users(@PathParam("modelId") String modelId) throws AdminException {
        return Envelope.ok(Map.of(
                "userPermissions",
                ModelRestData.modelUsers(
                        models.permissionSettings(domain().getId(), modelId).users())));
    }

    @GET
    @Path("{modelId}/permissions/user/{username}")
    @Operation(summary = "A user's entry on the model: {permissions} (absent when the user has none)")
    public Response user(@PathParam("modelId") String modelId, @PathParam("username") String username)
            throws AdminException {
        ModelPermissions p =
                models.permissionSettings(domain().getId(), modelId).users().get(DomainUserId.normal(username));
        return Envelope.ok(p == null ? Map.of() : Map.of("permissions", ModelRestData.permissions(p)));
    }

    @PUT
    @Path("{modelId}/permissions/user/{username}")
    @Operation(summary = "Set a user's entry on the model (404 for an unknown user); open sessions apply it at once")
    public Response setUser(
            @PathParam("modelId") String modelId, @PathParam("username") String username, @Valid PermissionsData body)
            throws AdminException {
        directory.user(domain(), username);
        change(
                modelId,
                new ModelPermissionChange(
                        null, null, false, Map.of(DomainUserId.normal(username), body.toPermissions()), List.of()));
        return Envelope.ok();
    }

    @DELETE
    @Path("{modelId}/permissions/user/{username}")
    @Operation(summary = "Remove a user's entry on the model")
    public Response removeUser(@PathParam("modelId") String modelId, @PathParam("username") String username)
            throws AdminException {
        change(modelId, new ModelPermissionChange(null, null, false, Map.of(), List.of(DomainUserId.normal(username))));
        return Envelope.deleted();
    }

    private void change(String modelId, ModelPermissionChange change) throws AdminException {
        models.changePermissions(domain().getId(), modelId, null, change);
    }

    /** The data, checked: 400 rather than a failed edit. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Object data) {
        if (!(data instanceof Map<?, ?> map)) {
            throw new InvalidRequestException("data", "data must be a JSON object");
        }
        Map<String, Object> object = (Map<String, Object>) map;
        try {
            dev.tandem.model.PlainData.validate(object);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("data", e.getMessage());
        }
        return object;
    }

    /**
     * The stand-in session that edits on behalf of the caller: a domain administrator (Convergence user) named after
     * the server user, as Convergence's admin API acts.
     */
    private Collaborator author() {
        AccessProfile caller = AdminPrincipal.of(security);
        return new Collaborator(
                "rest:" + caller.username(),
                new DomainUserView(UserType.CONVERGENCE, caller.username(), caller.username(), null, null, null));
    }

    private Domain domain() throws AdminException {
        return DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId);
    }
}
