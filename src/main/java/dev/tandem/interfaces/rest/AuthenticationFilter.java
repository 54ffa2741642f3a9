package dev.tandem.interfaces.rest;

import dev.tandem.interfaces.realtime.RealtimeSettings;
import dev.tandem.tenant.AdminCredentials;
import dev.tandem.tenant.ServerUser;
import dev.tandem.tenant.ServerUserService;
import dev.tandem.tenant.SsoVerifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Authenticates every request to a resource that is not {@link Public}, from its {@code Authorization} header:
 * {@code SessionToken <token>}, {@code BearerToken <token>}, {@code UserApiKey <key>} (Convergence's schemes) or
 * {@code Bearer <jwt>} from the configured single sign-on issuer. Anything else is 401 in the envelope. Every check
 * reads the database, so a disabled user or key, a deleted key, a logged-out token fail on the very next request.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthenticationFilter implements ContainerRequestFilter {

    public static final String SESSION_TOKEN = "SessionToken";
    public static final String BEARER_TOKEN = "BearerToken";
    public static final String API_KEY = "UserApiKey";
    public static final String SSO = "Bearer";

    @Context
    ResourceInfo resource;

    @Inject
    AdminCredentials credentials;

    @Inject
    ServerUserService users;

    @Inject
    SsoVerifier sso;

    @Inject
    @ConfigProperty(name = RealtimeSettings.MAX_TOKEN_BYTES_KEY,
            defaultValue = RealtimeSettings.DEFAULT_MAX_TOKEN_BYTES)
    int maxTokenBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic()) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // The same cap as on realtime logins: no credential is that long, so it is refused before any lookup or parse.
        if (header != null && header.length() > maxTokenBytes) {
            request.abortWith(unauthorized("the Authorization header is larger than " + maxTokenBytes + " bytes"));
            return;
        }
        int space = header == null ? -1 : header.indexOf(' ');
        if (space < 0) {
            request.abortWith(unauthorized("credentials are required"));
            return;
        }
        String scheme = header.substring(0, space);
        String secret = header.substring(space + 1).trim();
        Optional<ServerUser> user = switch (scheme) {
            case SESSION_TOKEN -> credentials.useSessionToken(secret);
            case BEARER_TOKEN -> credentials.useBearerToken(secret);
            case API_KEY -> credentials.useApiKey(secret);
            case SSO -> sso.verify(secret).flatMap(this::provision);
            default -> Optional.empty();
        };
        if (user.isEmpty()) {
            request.abortWith(unauthorized("the credentials are not valid"));
            return;
        }
        request.setSecurityContext(AdminPrincipal.securityContext(users.profile(user.get(), scheme),
                request.getSecurityContext() != null && request.getSecurityContext().isSecure()));
    }

    /** The server user an SSO token names, created just in time, its role following the token's groups. */
    private Optional<ServerUser> provision(SsoVerifier.SsoIdentity identity) {
        Optional<ServerUser> existing = users.find(identity.username());
        if (existing.isEmpty()) {
            return Optional.of(users.provision(identity.username(), identity.displayName(), identity.email(),
                    identity.role()));
        }
        if (existing.get().isDisabled()) {
            return Optional.empty();
        }
        if (existing.get().getRole() != identity.role()) {
            try {
                users.setRole(identity.username(), identity.role());
            } catch (dev.tandem.tenant.AdminException e) {
                return Optional.empty();
            }
            return users.find(identity.username());
        }
        return existing;
    }

    private boolean isPublic() {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(Public.class)
                || resource.getResourceClass().isAnnotationPresent(Public.class));
    }

    private static jakarta.ws.rs.core.Response unauthorized(String message) {
        return jakarta.ws.rs.core.Response.fromResponse(Envelope.error(401, "unauthorized", message, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, SESSION_TOKEN + ", " + BEARER_TOKEN + ", " + API_KEY + ", " + SSO)
                .build();
    }
}
