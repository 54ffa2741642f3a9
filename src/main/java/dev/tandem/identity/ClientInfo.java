package dev.tandem.identity;
public record ClientInfo(String client, String clientVersion, String remoteHost) {}
