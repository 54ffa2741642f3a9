package dev.tandem.identity;

/** The kinds of domain users, as in Convergence: a user is identified by its type and username together. */
public enum UserType {
    /** A user of the domain's application: password or JWT login. */
    NORMAL,
    /** A domain administrator, logged in with a JWT signed by the domain's own admin key. */
    CONVERGENCE,
    /** A user created for one anonymous login. */
    ANONYMOUS
}
