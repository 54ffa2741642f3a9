package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.identity.DomainDirectory;
import dev.tandem.identity.DomainUser;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /domains/{namespace}/{domainId}/users}: the domain's (normal) users and their passwords. */
@Path("domains/{namespace}/{domainId}/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "domain users")
public class DomainUsersResource {

    public static class NewUser {
        @NotBlank
        @Size(max = 255)
        @Pattern(regexp = "[^/\\s]+")
        public String username;

        @Size(max = 255)
        public String firstName;

        @Size(max = 255)
        public String lastName;

        @Size(max = 255)
        public String displayName;

        @Email
        @Size(max = 255)
        public String email;

        @Size(min = 1, max = 1024)
        public String password;
    }

    public static class UserUpdate {
        @Size(max = 255)
        public String firstName;

        @Size(max = 255)
        public String lastName;

        @Size(max = 255)
        public String displayName;

        @Email
        @Size(max = 255)
        public String email;

        public Boolean disabled;
    }

    public static class Password {
        @NotNull
        @Size(min = 1, max = 1024)
        public String password;
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
    @Operation(summary = "The domain's users, optionally filtered by username, display name or email")
    public Response list(@QueryParam("filter") String filter, @Valid @BeanParam Paging paging) throws AdminException {
        return Envelope.ok(directory.users(domain(), filter, paging.offset(), paging.limit()).stream()
                .map(DomainUsersResource::view)
                .toList());
    }

    @POST
    @Operation(summary = "Create a user: 201; 409 when the username is taken")
    public Response create(@Valid NewUser body) throws AdminException {
        DomainUser user = directory.createUser(
                domain(),
                body.username,
                body.password,
                new DomainDirectory.UserFields(body.displayName, body.firstName, body.lastName, body.email, null));
        return Envelope.created(view(user));
    }

    @GET
    @Path("{username}")
    @Operation(summary = "One user")
    public Response get(@PathParam("username") String username) throws AdminException {
        return Envelope.ok(view(directory.user(domain(), username)));
    }

    @PUT
    @Path("{username}")
    @Operation(summary = "Update a user's names, email, disabled flag (absent fields stay)")
    public Response update(@PathParam("username") String username, @Valid UserUpdate body) throws AdminException {
        directory.updateUser(
                domain(),
                username,
                new DomainDirectory.UserFields(
                        body.displayName, body.firstName, body.lastName, body.email, body.disabled));
        return Envelope.ok();
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete a user with their group memberships and session records")
    public Response delete(@PathParam("username") String username) throws AdminException {
        directory.deleteUser(domain(), username);
        return Envelope.deleted();
    }

    @PUT
    @Path("{username}/password")
    @Operation(summary = "Set a user's password")
    public Response setPassword(@PathParam("username") String username, @Valid Password body) throws AdminException {
        directory.setPassword(domain(), username, body.password);
        return Envelope.ok();
    }

    private Domain domain() throws AdminException {
        return DomainAccess.accessible(admin, AdminPrincipal.of(security), namespace, domainId);
    }

    /** Convergence's DomainUserData. */
    static Map<String, Object> view(DomainUser user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", user.getUsername());
        view.put("firstName", user.getFirstName());
        view.put("lastName", user.getLastName());
        view.put("displayName", user.getDisplayName());
        view.put("email", user.getEmail());
        view.put("disabled", user.isDisabled());
        view.put("deleted", false);
        return view;
    }
}
