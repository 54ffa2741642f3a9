package dev.tandem.identity;
public sealed interface Credentials {
  record Password(String username, String password) implements Credentials {}
  record Jwt(String token) implements Credentials {}
  record Anonymous(String displayName) implements Credentials {}
  record ReconnectToken(String token) implements Credentials {}
}
