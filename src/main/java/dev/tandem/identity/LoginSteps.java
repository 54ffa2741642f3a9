package dev.tandem.identity;

import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The database side of each login, one transaction apiece: whatever a login creates (a just-in-time user, its
 * groups, the session, the reconnect token) lands together or not at all. Slow checks that need no database
 * (password hashing, JWT signatures) happen before, in {@link AuthenticationService}, so no connection is held
 * meanwhile.
 */
@ApplicationScoped
@Transactional
public class LoginSteps {

    @Inject
    DomainUserRepository users;

    @Inject
    SessionRepository sessions;

    /** Completes a login whose credentials were checked: a session and a reconnect token for {@code user}. */
    public AuthenticationResult.Authenticated complete(
            Domain domain, DomainUser user, String authMethod, ClientInfo client) {
        DomainSession session = sessions.open(user, authMethod, client);
        String token = sessions.issueReconnectToken(user, domain.getConfig().reconnectTokenValidity());
        return new AuthenticationResult.Authenticated(
                domain.getNamespaceId(), domain.getDomainId(), user.view(), session.getId(), token, authMethod);
    }

    public AuthenticationResult password(Domain domain, DomainUser user, String newPasswordHash, ClientInfo client) {
        if (newPasswordHash != null) {
            users.updatePasswordHash(user, newPasswordHash);
        }
        return complete(domain, user, AuthenticationService.METHOD_PASSWORD, client);
    }

    public AuthenticationResult anonymous(Domain domain, String displayName, ClientInfo client) {
        return complete(
                domain, users.createAnonymous(domain, displayName), AuthenticationService.METHOD_ANONYMOUS, client);
    }

    public AuthenticationResult jwt(Domain domain, VerifiedJwt jwt, ClientInfo client) {
        UserType type = jwt.adminKey() ? UserType.CONVERGENCE : UserType.NORMAL;
        Optional<DomainUser> existing = users.find(domain, type, jwt.subject());
        if (existing.isPresent() && existing.get().isDisabled()) {
            return AuthenticationService.failed("User is disabled");
        }
        return complete(domain, users.upsertFromJwt(domain, jwt), AuthenticationService.METHOD_JWT, client);
    }

    public AuthenticationResult reconnect(Domain domain, String token, ClientInfo client) {
        Optional<DomainUser> user = sessions.redeemReconnectToken(domain, token);
        if (user.isEmpty()) {
            return AuthenticationService.failed("Invalid or expired reconnect token");
        }
        if (user.get().isDisabled()) {
            return AuthenticationService.failed("User is disabled");
        }
        return complete(domain, user.get(), AuthenticationService.METHOD_RECONNECT, client);
    }
}
