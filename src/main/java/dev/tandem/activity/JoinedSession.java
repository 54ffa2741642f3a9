package dev.tandem.activity;

import dev.tandem.identity.DomainUserView;

/** A session joined to a live activity, as an administrator sees it: lurkers too. */
public record JoinedSession(String sessionId, DomainUserView user, boolean lurking) {}
