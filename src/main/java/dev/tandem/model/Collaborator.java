package dev.tandem.model;

import dev.tandem.identity.DomainUserView;

/** A session that has a model open. */
public record Collaborator(String sessionId, DomainUserView user) {}
