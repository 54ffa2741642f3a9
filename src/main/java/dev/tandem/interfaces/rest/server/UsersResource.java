package dev.tandem.interfaces.rest.server;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.ServerRole;
import dev.tandem.admin.ServerUserService;
import dev.tandem.admin.ServerUsernames;
import dev.tandem.interfaces.rest.AdminPrincipal;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Guard;
import dev.tandem.interfaces.rest.Paging;
import dev.tandem.interfaces.rest.Views;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /users}: the server's users. Anyone may list and read them; only a Server Admin changes them. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "server users", description = "Users of the server itself")
public class UsersResource {

    public static class NewUser {
        @NotBlank
        @Size(max = ServerUsernames.MAX_LENGTH)
        @Pattern(regexp = ServerUsernames.PATTERN)
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

        @NotBlank
        public String serverRole;

        @NotNull
        @Size(max = 1024)
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

        @NotBlank
        public String serverRole;
    }

    public static class Password {
        @NotNull
        @Size(max = 1024)
        public String password;
    }

    @Inject
    ServerUserService users;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "List server users (email and last login only for Server Admins)")
    public Response list(@QueryParam("filter") String filter, @Valid @BeanParam Paging paging) {
        boolean full = caller().canManageUsers();
        return Envelope.ok(users.list(filter, paging.offset(), paging.limit()).stream()
                .map(u -> Views.serverUser(u, full))
                .toList());
    }

    @POST
    @Operation(summary = "Create a server user (Server Admin)")
    public Response create(@Valid NewUser body) throws AdminException {
        Guard.require(caller().canManageUsers(), "manage server users");
        users.create(new ServerUserService.UserData(
                body.username,
                body.displayName,
                body.firstName,
                body.lastName,
                body.email,
                role(body.serverRole),
                body.password));
        return Envelope.created(null);
    }

    @GET
    @Path("{username}")
    @Operation(summary = "One server user")
    public Response get(@PathParam("username") String username) throws AdminException {
        return Envelope.ok(Views.serverUser(users.get(username), caller().canManageUsers()));
    }

    @PUT
    @Path("{username}")
    @Operation(summary = "Update a server user (Server Admin; not one's own role)")
    public Response update(@PathParam("username") String username, @Valid UserUpdate body) throws AdminException {
        AccessProfile caller = caller();
        Guard.require(caller.canManageUsers(), "manage server users");
        ServerRole role = role(body.serverRole);
        if (caller.username().equals(username) && role != caller.serverRole()) {
            throw AdminException.forbidden("you can not change your own server role");
        }
        users.update(
                username,
                new ServerUserService.UserData(
                        username, body.displayName, body.firstName, body.lastName, body.email, role, null));
        return Envelope.ok();
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete a server user (Server Admin; not oneself)")
    public Response delete(@PathParam("username") String username) throws AdminException {
        AccessProfile caller = caller();
        Guard.require(caller.canManageUsers(), "manage server users");
        if (caller.username().equals(username)) {
            throw AdminException.forbidden("you can not delete your own user");
        }
        users.delete(username);
        return Envelope.deleted();
    }

    @POST
    @Path("{username}/password")
    @Operation(summary = "Set a server user's password (Server Admin)")
    public Response setPassword(@PathParam("username") String username, @Valid Password body) throws AdminException {
        Guard.require(caller().canManageUsers(), "manage server users");
        users.setPassword(username, body.password);
        return Envelope.ok();
    }

    static ServerRole role(String label) throws AdminException {
        return ServerRole.fromLabel(label)
                .orElseThrow(() -> AdminException.invalid(
                        "serverRole", "unknown server role '" + label + "' (Server Admin, Domain Admin, Developer)"));
    }

    private AccessProfile caller() {
        return AdminPrincipal.of(security);
    }
}
