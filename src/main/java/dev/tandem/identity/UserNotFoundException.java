package dev.tandem.identity;

/** A request named a user the domain does not have. */
public class UserNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient DomainUserId user;

    public UserNotFoundException(DomainUserId user) {
        super("no user " + user, null, false, false);
        this.user = user;
    }

    public DomainUserId user() {
        return user;
    }
}
