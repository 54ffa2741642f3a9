package dev.tandem.identity;

/** A domain user as the outside sees it: no keys, no password hash. Optional fields are {@code null} when unset. */
public record DomainUserView(
        UserType type, String username, String displayName, String firstName, String lastName, String email) {}
