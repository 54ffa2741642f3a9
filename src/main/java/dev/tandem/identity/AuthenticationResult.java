package dev.tandem.identity;

/** The outcome of {@link AuthenticationService#authenticate}. */
public sealed interface AuthenticationResult {

    /**
     * Logged in.
     *
     * @param sessionId      unique and unguessable, new for every connection
     * @param reconnectToken a new token for the next {@link Credentials.ReconnectToken} login
     * @param authMethod     {@code "password"}, {@code "jwt"}, {@code "anonymous"} or {@code "reconnect"}
     */
    record Authenticated(
            String namespace,
            String domainId,
            DomainUserView user,
            String sessionId,
            String reconnectToken,
            String authMethod)
            implements AuthenticationResult {

        @Override
        public String toString() {
            return "Authenticated[" + namespace + "/" + domainId + ", " + user.type() + " " + user.username()
                    + ", session " + sessionId + ", " + authMethod + "]";
        }
    }

    /**
     * Refused, with the code and details the client receives in its {@code ConnectionResponse.failure}.
     *
     * @param retryOk whether the client should try again with the same credentials later
     */
    record Rejected(String code, String details, boolean retryOk) implements AuthenticationResult {}
}
