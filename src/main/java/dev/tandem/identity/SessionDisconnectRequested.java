package dev.tandem.identity;

/**
 * An administrator asked to end a realtime session: the realtime side closes that session's socket if this node holds
 * it. A local CDI event, like {@link dev.tandem.tenant.DomainStatusChanged}: on a cluster only the node that received
 * the request closes the socket (the session must be connected there).
 */
public record SessionDisconnectRequested(String namespace, String domainId, String sessionId) {}
