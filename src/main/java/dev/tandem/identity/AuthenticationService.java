package dev.tandem.identity;

import dev.tandem.security.PasswordHasher;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import dev.tandem.tenant.DomainStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs a connection in to a domain. The realtime endpoint calls {@link #authenticate} once per connection request
 * and {@link #sessionEnded} when the connection closes.
 *
 * <p>Rules (Convergence's, with its reconnect-token gap closed):
 * <ul>
 *   <li>an unknown domain gives {@value #DOMAIN_NOT_FOUND}; a domain that is not online gives
 *       {@value #DOMAIN_UNAVAILABLE} with retry allowed;</li>
 *   <li>password: a normal user of the domain, not disabled, whose password matches;</li>
 *   <li>JWT: see {@link JwtVerifier}; the user is created or updated from the claims, as a {@code CONVERGENCE} user
 *       when the token was signed with the domain's own admin key;</li>
 *   <li>anonymous: only where the domain allows it ({@value #ANONYMOUS_AUTH_DISABLED} otherwise); each login makes
 *       a new user {@code anonymous-<random>} keeping the display name given;</li>
 *   <li>reconnect token: one handed out by an earlier login to this domain and not expired; it is used up and a new
 *       one is handed out.</li>
 * </ul>
 * Every success records a session with a new unguessable id and hands out a new reconnect token, whatever the method
 * and user type, valid for the domain's configured time. Wrong credentials of any kind give
 * {@value #AUTHENTICATION_FAILED}, without retry. Every failure is an {@link AuthenticationResult.Rejected}, never an
 * exception: an unexpected error (the database is down, say) gives {@value #SERVER_ERROR} with retry allowed, so the
 * client tries again on its schedule.
 */
@ApplicationScoped
public class AuthenticationService {

    public static final String DOMAIN_NOT_FOUND = "domain_not_found";
    public static final String DOMAIN_UNAVAILABLE = "domain_unavailable";
    public static final String AUTHENTICATION_FAILED = "authentication_failed";
    public static final String ANONYMOUS_AUTH_DISABLED = "anonymous_auth_disabled";
    public static final String INVALID_AUTH_METHOD = "invalid_auth_method";
    public static final String SERVER_ERROR = "server_error";

    public static final String METHOD_PASSWORD = "password";
    public static final String METHOD_JWT = "jwt";
    public static final String METHOD_ANONYMOUS = "anonymous";
    public static final String METHOD_RECONNECT = "reconnect";

    private static final Logger LOG = Logger.getLogger(AuthenticationService.class.getName());

    @Inject
    DomainRepository domains;

    @Inject
    DomainUserRepository users;

    @Inject
    LoginSteps logins;

    @Inject
    SessionRepository sessions;

    private final PasswordHasher hasher = new PasswordHasher();
    private final JwtVerifier jwtVerifier = new JwtVerifier();

    /**
     * Checks {@code credentials} for the domain {@code namespace/domainId}; on success records a session.
     *
     * @return {@link AuthenticationResult.Authenticated} or {@link AuthenticationResult.Rejected}; never {@code null},
     *         never throws
     */
    public AuthenticationResult authenticate(
            String namespace, String domainId, Credentials credentials, ClientInfo client) {
        AuthenticationResult result;
        try {
            result = attempt(namespace, domainId, credentials, client);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Login to " + namespace + "/" + domainId + " failed on a server error", e);
            result = new AuthenticationResult.Rejected(SERVER_ERROR, "The server could not complete the login", true);
        }
        if (result instanceof AuthenticationResult.Rejected rejected) {
            LOG.log(Level.INFO, "Login to {0}/{1} with {2} from {3} rejected: {4} ({5})", new Object[] {
                namespace,
                domainId,
                credentials == null ? null : credentials.getClass().getSimpleName(),
                client == null ? null : client.remoteHost(),
                rejected.code(),
                rejected.details()
            });
        } else {
            LOG.log(Level.FINE, "{0}", result);
        }
        return result;
    }

    /** Records that the session's connection closed. Never throws: a close must not fail on bookkeeping. */
    public void sessionEnded(String sessionId) {
        try {
            if (!sessions.close(sessionId)) {
                LOG.log(Level.FINE, "Session {0} unknown or already ended", sessionId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the end of session " + sessionId, e);
        }
    }

    private AuthenticationResult attempt(
            String namespace, String domainId, Credentials credentials, ClientInfo client) {
        Optional<Domain> found = domains.find(namespace, domainId);
        if (found.isEmpty()) {
            return new AuthenticationResult.Rejected(
                    DOMAIN_NOT_FOUND, "The domain '" + namespace + "/" + domainId + "' does not exist", false);
        }
        Domain domain = found.get();
        if (domain.getStatus() != DomainStatus.ONLINE) {
            return new AuthenticationResult.Rejected(
                    DOMAIN_UNAVAILABLE, "The domain '" + namespace + "/" + domainId + "' is not available", true);
        }
        // Java 17 has no pattern matching for switch; the sealed interface keeps this list complete.
        if (credentials instanceof Credentials.Password password) {
            return password(domain, password, client);
        } else if (credentials instanceof Credentials.Jwt jwt) {
            return jwt(domain, jwt, client);
        } else if (credentials instanceof Credentials.Anonymous anonymous) {
            if (!domain.getConfig().isAnonymousAuth()) {
                return new AuthenticationResult.Rejected(
                        ANONYMOUS_AUTH_DISABLED, "Anonymous authentication is disabled for this domain", false);
            }
            return logins.anonymous(domain, anonymous.displayName(), client);
        } else if (credentials instanceof Credentials.ReconnectToken reconnect) {
            return logins.reconnect(domain, reconnect.token(), client);
        }
        return new AuthenticationResult.Rejected(INVALID_AUTH_METHOD, "Unsupported authentication method", false);
    }

    private AuthenticationResult password(Domain domain, Credentials.Password credentials, ClientInfo client) {
        String username = credentials.username();
        Optional<DomainUser> user = username == null ? Optional.empty() : users.find(domain, UserType.NORMAL, username);
        String storedHash = user.map(DomainUser::getPasswordHash).orElse(null);
        // Always hash (a decoy when there is no user or no password), so timing does not reveal which users exist.
        boolean matches = hasher.verify(credentials.password(), storedHash);
        if (!matches || user.get().isDisabled()) {
            return failed("Invalid username or password");
        }
        String upgraded = hasher.needsRehash(storedHash) ? hasher.hash(credentials.password()) : null;
        return logins.password(domain, user.get(), upgraded, client);
    }

    private AuthenticationResult jwt(Domain domain, Credentials.Jwt credentials, ClientInfo client) {
        VerifiedJwt verified;
        try {
            verified = jwtVerifier.verify(credentials.token(), kid -> domains.findVerificationKey(domain, kid));
        } catch (InvalidJwtException e) {
            LOG.log(Level.FINE, "JWT for {0} refused: {1}", new Object[] {domain, e.getMessage()});
            return failed("Invalid JWT: " + e.getMessage());
        }
        try {
            return logins.jwt(domain, verified, client);
        } catch (RuntimeException e) {
            // Two first logins of the same new user race on its unique key; the loser finds the user on a second try.
            LOG.log(Level.FINE, "JWT login of " + verified.subject() + " retried", e);
            return logins.jwt(domain, verified, client);
        }
    }

    static AuthenticationResult.Rejected failed(String details) {
        return new AuthenticationResult.Rejected(AUTHENTICATION_FAILED, details, false);
    }
}
