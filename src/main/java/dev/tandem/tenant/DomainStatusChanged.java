package dev.tandem.tenant;

/**
 * A domain's availability changed (or the domain is about to be deleted, announced as {@link DomainStatus#OFFLINE}):
 * the realtime side closes the domain's connections when it is no longer {@link DomainStatus#ONLINE}.
 */
public record DomainStatusChanged(String namespace, String domainId, DomainStatus status) {}
