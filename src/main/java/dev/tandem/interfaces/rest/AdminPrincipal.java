package dev.tandem.interfaces.rest;

import dev.tandem.admin.AccessProfile;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The authenticated caller of the admin API, as the {@link SecurityContext} principal. */
public record AdminPrincipal(AccessProfile profile) implements Principal {

    @Override
    public String getName() {
        return profile.username();
    }

    /** The caller's profile; the authentication filter guarantees one on every non-{@link Public} resource. */
    public static AccessProfile of(SecurityContext context) {
        if (context == null || !(context.getUserPrincipal() instanceof AdminPrincipal principal)) {
            throw new jakarta.ws.rs.NotAuthorizedException("SessionToken");
        }
        return principal.profile();
    }

    static SecurityContext securityContext(AccessProfile profile, boolean secure) {
        AdminPrincipal principal = new AdminPrincipal(profile);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return profile.serverRole().label().equals(role)
                        || profile.serverRole().name().equals(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return profile.method();
            }
        };
    }
}
