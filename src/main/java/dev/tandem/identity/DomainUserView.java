package dev.tandem.identity;
public record DomainUserView(UserType type, String username, String displayName, String firstName, String lastName, String email) {}
