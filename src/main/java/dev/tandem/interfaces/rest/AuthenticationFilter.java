package dev.tandem.interfaces.rest;

import dev.tandem.admin.AdminCredentials;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.ServerUser;
import dev.tandem.admin.ServerUserService;
import dev.tandem.admin.SsoVerifier;
import dev.tandem.interfaces.realtime.connection.RealtimeSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionalException;
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
 * {@code Bearer <jwt>} from the configured single sign-on issuer, which acts only as the account its identity owns.
 * Anything else is 401 in the envelope. Every check reads the database, so a disabled user or key, a deleted key, a
 * logged-out token fail on the very next request.
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
    @ConfigProperty(
            name = RealtimeSettings.MAX_TOKEN_BYTES_KEY,
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
            default -> Optional.empty();
        };
        Optional<SsoVerifier.SsoIdentity> identity = SSO.equals(scheme) ? sso.verify(secret) : Optional.empty();
        if (identity.isPresent()) {
            try {
                user = Optional.of(signIn(identity.get()));
            } catch (AdminException e) {
                // a valid token that gets no account: say why (the server log has the identity, never the token)
                request.abortWith(unauthorized(e.getMessage()));
                return;
            }
        }
        if (user.isEmpty()) {
            request.abortWith(unauthorized("the credentials are not valid"));
            return;
        }
        request.setSecurityContext(AdminPrincipal.securityContext(
                users.profile(user.get(), scheme),
                request.getSecurityContext() != null
                        && request.getSecurityContext().isSecure()));
    }

    /**
     * The account that the identity in a verified SSO token owns ({@link ServerUserService#signInWithSso}): never a
     * local account, nor one that another identity owns.
     */
    private ServerUser signIn(SsoVerifier.SsoIdentity identity) throws AdminException {
        try {
            return users.signInWithSso(identity);
        } catch (PersistenceException | TransactionalException e) {
            // two first requests of the same identity at once: the unique (issuer, subject) and username let one
            // create the account; the other finds it now
            return users.signInWithSso(identity);
        }
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
