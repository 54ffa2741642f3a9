package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import java.util.Objects;

/** One connected session as chat sees it: whose it is and in which domain. */
public record ChatSession(String namespace, String domainId, DomainUserView user, String sessionId) {

    public ChatSession {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(domainId, "domainId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    public DomainUserId userId() {
        return DomainUserId.of(user);
    }
}
