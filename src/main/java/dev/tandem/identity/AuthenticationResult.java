package dev.tandem.identity;

/**
 * The outcome of {@link AuthenticationService#authenticate}: a login, or the reason there is none.
 *
 * <p>A value, not a {@link dev.tandem.common.Refusal}, on purpose. A refused login is the answer to the handshake,
 * sent in {@code ConnectionResponse.failure} with its own codes ({@code authentication_failed},
 * {@code domain_not_found}...) and a retry flag that no protocol {@code ErrorMessage} carries; the socket stays open
 * for another attempt. Every failure of the login steps, expected or not, ends here as {@link Rejected}, so the
 * handshake never sees an exception from identity. Everything else identity refuses (an unknown user or group)
 * is a {@link dev.tandem.common.Refusal} like every capability's.
 */
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
