package dev.tandem.identity;

import java.util.Locale;
import java.util.Objects;

/**
 * How Convergence names a user: its {@link UserType type} and username together (a normal "alice" and an anonymous
 * "alice" are two users). Scoped to a domain by whoever holds it.
 */
public record DomainUserId(UserType type, String username) {

    public DomainUserId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(username, "username");
    }

    public static DomainUserId normal(String username) {
        return new DomainUserId(UserType.NORMAL, username);
    }

    /** The id of a user as seen from outside. */
    public static DomainUserId of(DomainUserView user) {
        return new DomainUserId(user.type(), user.username());
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + ":" + username;
    }
}
