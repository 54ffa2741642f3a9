package dev.tandem.identity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
/** TEMPORARY STUB until the tenancy-auth branch is merged. */
@ApplicationScoped
public class AuthenticationService {
  public AuthenticationResult authenticate(String namespace, String domainId, Credentials credentials, ClientInfo client) {
    if (!"convergence".equals(namespace) || !"default".equals(domainId)) return new AuthenticationResult.Rejected("domain_not_found", "no domain " + namespace + "/" + domainId, false);
    if (credentials instanceof Credentials.Anonymous a) {
      String u = "anonymous-" + UUID.randomUUID();
      return new AuthenticationResult.Authenticated(namespace, domainId, new DomainUserView(UserType.ANONYMOUS, u, a.displayName(), null, null, null), UUID.randomUUID().toString(), UUID.randomUUID().toString(), "anonymous");
    }
    return new AuthenticationResult.Rejected("authentication_failed", "stub", false);
  }
  public void sessionEnded(String sessionId) {}
}
