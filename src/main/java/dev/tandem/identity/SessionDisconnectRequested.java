package dev.tandem.identity;

/**
 * An administrator asked to end a realtime session: the realtime side closes that session's socket if this node holds
 * it. A local CDI event, like {@link dev.tandem.tenant.DomainStatusChanged}; in a cluster the realtime side sends it on
 * to the other nodes, so the node that holds the session closes it.
 */
public record SessionDisconnectRequested(String namespace, String domainId, String sessionId) {}
