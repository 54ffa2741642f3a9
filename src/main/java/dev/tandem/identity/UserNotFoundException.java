package dev.tandem.identity;

import dev.tandem.common.Refusal;

/** A request named a user the domain does not have (protocol code {@code user_not_found}). */
public class UserNotFoundException extends Refusal {

    private static final long serialVersionUID = 1L;

    private final transient DomainUserId user;

    public UserNotFoundException(DomainUserId user) {
        super(Reason.NOT_FOUND, "user_not_found", "the user '" + user.username() + "' does not exist");
        this.user = user;
    }

    public DomainUserId user() {
        return user;
    }
}
