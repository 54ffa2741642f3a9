package dev.tandem.identity;
public sealed interface AuthenticationResult {
  record Authenticated(String namespace, String domainId, DomainUserView user, String sessionId, String reconnectToken, String authMethod) implements AuthenticationResult {}
  record Rejected(String code, String details, boolean retryOk) implements AuthenticationResult {}
}
