package dev.tandem.interfaces.rest.server;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminCredentials;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.ServerApiKey;
import dev.tandem.admin.ServerUser;
import dev.tandem.admin.ServerUserService;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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

/** {@code /user}: the calling server user's profile, password, bearer token, favourite domains and API keys. */
@Path("user")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "user", description = "The calling user")
public class CurrentUserResource {

    public static class Profile {
        @Size(max = 255)
        public String displayName;

        @Size(max = 255)
        public String firstName;

        @Size(max = 255)
        public String lastName;

        @Email
        @Size(max = 255)
        public String email;
    }

    public static class Password {
        @NotNull
        @Size(max = 1024)
        public String password;
    }

    public static class NewKey {
        @NotBlank
        @Size(max = 255)
        public String name;

        public Boolean enabled;
    }

    public static class KeyUpdate {
        @NotBlank
        @Size(max = 255)
        public String name;

        @NotNull
        public Boolean enabled;
    }

    @Inject
    ServerUserService users;

    @Inject
    AdminCredentials credentials;

    @Context
    SecurityContext security;

    @GET
    @Path("profile")
    @Operation(summary = "The caller's profile")
    public Response profile() throws AdminException {
        ServerUser user = users.get(caller().username());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", user.getUsername());
        view.put("email", user.getEmail());
        view.put("firstName", user.getFirstName());
        view.put("lastName", user.getLastName());
        view.put("displayName", user.getDisplayName());
        view.put("serverRole", user.getRole().label());
        return Envelope.ok(view);
    }

    @PUT
    @Path("profile")
    @Operation(summary = "Change the caller's names and email")
    public Response updateProfile(@Valid Profile profile) throws AdminException {
        users.update(
                caller().username(),
                new ServerUserService.UserData(
                        caller().username(),
                        profile.displayName,
                        profile.firstName,
                        profile.lastName,
                        profile.email,
                        null,
                        null));
        return Envelope.ok();
    }

    @PUT
    @Path("password")
    @Operation(summary = "Change the caller's password")
    public Response setPassword(@Valid Password password) throws AdminException {
        users.setPassword(caller().username(), password.password);
        return Envelope.ok();
    }

    @GET
    @Path("bearerToken")
    @Operation(
            summary = "Whether the caller has a bearer token: {exists}. Tokens are stored hashed, so an existing "
                    + "token cannot be shown again: PUT makes a new one")
    public Response bearerToken() throws AdminException {
        return Envelope.ok(Map.of("exists", users.get(caller().username()).getBearerTokenHash() != null));
    }

    @PUT
    @Path("bearerToken")
    @Operation(summary = "Make a new bearer token (the body is the token, shown only now)")
    public Response regenerateBearerToken() {
        return Envelope.ok(credentials.regenerateBearerToken(caller().userRef()));
    }

    @GET
    @Path("favoriteDomains")
    @Operation(summary = "The caller's favourite domains")
    public Response favoriteDomains() {
        return Envelope.ok(users.favoriteDomains(caller().userRef()).stream()
                .map(Views::domain)
                .toList());
    }

    @PUT
    @Path("favoriteDomains/{namespace}/{domainId}")
    @Operation(summary = "Add a favourite domain")
    public Response addFavorite(@PathParam("namespace") String namespace, @PathParam("domainId") String domainId)
            throws AdminException {
        users.addFavorite(caller().userRef(), namespace, domainId);
        return Envelope.ok();
    }

    @DELETE
    @Path("favoriteDomains/{namespace}/{domainId}")
    @Operation(summary = "Remove a favourite domain")
    public Response removeFavorite(@PathParam("namespace") String namespace, @PathParam("domainId") String domainId) {
        users.removeFavorite(caller().userRef(), namespace, domainId);
        return Envelope.deleted();
    }

    @GET
    @Path("apiKeys")
    @Operation(summary = "The caller's API keys (never the keys themselves)")
    public Response apiKeys(@Valid @BeanParam Paging paging) {
        return Envelope.ok(credentials.apiKeys(caller().userRef(), paging.offset(), paging.limit()).stream()
                .map(CurrentUserResource::keyView)
                .toList());
    }

    @POST
    @Path("apiKeys")
    @Operation(summary = "Make an API key: 201 with the key, shown only now")
    public Response createApiKey(@Valid NewKey body) throws AdminException {
        AdminCredentials.NewApiKey created =
                credentials.createApiKey(caller().userRef(), body.name, body.enabled == null || body.enabled);
        Map<String, Object> view = keyView(created.key());
        view.put("key", created.secret());
        return Envelope.created(view);
    }

    @GET
    @Path("apiKeys/{keyId}")
    @Operation(summary = "One of the caller's API keys")
    public Response apiKey(@PathParam("keyId") String keyId) throws AdminException {
        return Envelope.ok(keyView(credentials.apiKey(caller().userRef(), keyId)));
    }

    @PUT
    @Path("apiKeys/{keyId}")
    @Operation(summary = "Rename, enable or disable an API key; a disabled key fails from the next request on")
    public Response updateApiKey(@PathParam("keyId") String keyId, @Valid KeyUpdate body) throws AdminException {
        return Envelope.ok(keyView(credentials.updateApiKey(caller().userRef(), keyId, body.name, body.enabled)));
    }

    @DELETE
    @Path("apiKeys/{keyId}")
    @Operation(summary = "Delete an API key")
    public Response deleteApiKey(@PathParam("keyId") String keyId) throws AdminException {
        credentials.deleteApiKey(caller().userRef(), keyId);
        return Envelope.deleted();
    }

    private static Map<String, Object> keyView(ServerApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.getId());
        view.put("name", key.getName());
        view.put("enabled", key.isEnabled());
        view.put("created", Views.millis(key.getCreatedAt()));
        view.put("lastUsed", Views.millis(key.getLastUsed()));
        return view;
    }

    private AccessProfile caller() {
        return AdminPrincipal.of(security);
    }
}
