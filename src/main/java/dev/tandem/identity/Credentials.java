package dev.tandem.identity;

/** What a client presents to log in to a domain: one record per authentication method of the Convergence protocol. */
public sealed interface Credentials {

    /** A domain user's username and password. */
    record Password(String username, String password) implements Credentials {

        @Override
        public String toString() {
            return "Password[username=" + username + "]"; // keeps the password out of logs
        }
    }

    /** A JWT minted by the domain's application (or, with kid {@code ConvergenceAdminKey}, by Tandem). */
    record Jwt(String token) implements Credentials {

        @Override
        public String toString() {
            return "Jwt[...]";
        }
    }

    /** An anonymous login, with the display name the client chose ({@code null} if none). */
    record Anonymous(String displayName /* nullable */) implements Credentials {}

    /** The reconnect token handed out at the previous successful login. */
    record ReconnectToken(String token) implements Credentials {

        @Override
        public String toString() {
            return "ReconnectToken[...]";
        }
    }
}
