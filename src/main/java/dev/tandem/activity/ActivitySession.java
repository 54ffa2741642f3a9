package dev.tandem.activity;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import java.util.Objects;

/** One connected session as activities see it: whose it is and in which domain. */
public record ActivitySession(String namespace, String domainId, DomainUserView user, String sessionId) {

    public ActivitySession {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(domainId, "domainId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** The user's id. */
    public DomainUserId userId() {
        return DomainUserId.of(user);
    }
}
