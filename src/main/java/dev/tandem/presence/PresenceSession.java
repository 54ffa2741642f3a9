package dev.tandem.presence;

import dev.tandem.identity.DomainUserId;
import java.util.Objects;

/** One connected session as presence sees it: whose it is and in which domain. */
public record PresenceSession(String namespace, String domainId, DomainUserId user, String sessionId) {

    public PresenceSession {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(domainId, "domainId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
