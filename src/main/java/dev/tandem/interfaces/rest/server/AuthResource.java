package dev.tandem.interfaces.rest.server;

import dev.tandem.admin.AdminCredentials;
import dev.tandem.admin.ConsoleSignOn;
import dev.tandem.admin.ServerUsernames;
import dev.tandem.interfaces.rest.Envelope;
import dev.tandem.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /auth}: password login to an expiring session token, its validation and logout, and bearer tokens. */
@Path("auth")
@Public
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth", description = "Logging in to the admin API")
public class AuthResource {

    public static class Login {
        @NotNull
        public String username;

        @NotNull
        public String password;
    }

    public static class TokenBody {
        @NotNull
        public String token;
    }

    private static final Logger LOG = Logger.getLogger(AuthResource.class.getName());

    @Inject
    AdminCredentials credentials;

    @Inject
    ConsoleSignOn signOn;

    // for the remote address in the log of refused logins
    @Context
    HttpServletRequest http;

    @POST
    @Path("login")
    @Operation(summary = "Log in with a password: {token, expiresIn (ms)}; the token expires after inactivity")
    public Response login(@Valid Login login) {
        return credentials
                .login(login.username, login.password)
                .map(t -> Envelope.ok(
                        Map.of("token", t.token(), "expiresIn", t.expiresIn().toMillis())))
                .orElseGet(() -> failed("login", login.username));
    }

    @POST
    @Path("validate")
    @Operation(summary = "Whether a session token is valid: {valid, username, expiresIn (ms)}")
    public Response validate(@Valid TokenBody body) {
        Map<String, Object> result = new LinkedHashMap<>();
        credentials
                .validate(body.token)
                .ifPresentOrElse(
                        state -> {
                            result.put("valid", true);
                            result.put("username", state.username());
                            result.put("expiresIn", state.expiresIn().toMillis());
                        },
                        () -> result.put("valid", false));
        return Envelope.ok(result);
    }

    @POST
    @Path("logout")
    @Operation(summary = "End a session token")
    public Response logout(@Valid TokenBody body) {
        credentials.logout(body.token);
        return Envelope.ok();
    }

    @POST
    @Path("bearerToken")
    @Operation(summary = "Make a new long-lived bearer token with a password: {token}; the previous one stops working")
    public Response bearerToken(@Valid Login login) {
        return credentials
                .checkPassword(login.username, login.password)
                .map(u -> Envelope.ok(Map.of("token", credentials.regenerateBearerToken(u.getId()))))
                .orElseGet(() -> failed("a bearer token", login.username));
    }

    @GET
    @Path("sso")
    @Operation(
            summary = "How the console signs in through the SSO issuer (OpenID Connect, code flow with PKCE): "
                    + "{enabled, issuer, clientId, scopes, authorizationEndpoint, tokenEndpoint}, or {enabled: false} "
                    + "with a problem when configured but the issuer cannot be used now")
    public Response sso() {
        ConsoleSignOn.State state = signOn.state();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enabled", state != null && state.enabled());
        if (state != null && state.enabled()) {
            ConsoleSignOn.Settings settings = state.settings();
            view.put("issuer", settings.issuer());
            view.put("clientId", settings.clientId());
            view.put("scopes", settings.scopes());
            view.put("authorizationEndpoint", settings.authorizationEndpoint());
            view.put("tokenEndpoint", settings.tokenEndpoint());
        } else if (state != null) {
            // configured, but the issuer does not answer or its document is unusable: the page says so
            view.put("problem", "single sign-on is unavailable now; the server log says why");
        }
        return Envelope.ok(view);
    }

    /** 401; the log says who tried from where, so that operators see guessing (never the password). */
    private Response failed(String what, String username) {
        LOG.log(Level.INFO, "Refused {0} with a wrong password for server user {1} from {2}", new Object[] {
            what, ServerUsernames.quoted(username), http == null ? "an unknown address" : http.getRemoteAddr()
        });
        return Envelope.error(401, "unauthorized", "wrong username or password", null);
    }
}
