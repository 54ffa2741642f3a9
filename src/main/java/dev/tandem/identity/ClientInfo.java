package dev.tandem.identity;

/**
 * What a connection says about itself, recorded with its session.
 *
 * @param client        the client's name ({@code "JavaScript"} for the Convergence client)
 * @param clientVersion the client's version
 * @param remoteHost    the peer address as the server saw it
 */
public record ClientInfo(String client, String clientVersion, String remoteHost) {}
