package dev.tandem.tenant;

/** What a server user may do on the admin side. */
public enum ServerRole {
    /** Everything, including managing other server users. */
    ADMIN,
    /** Manage the domains granted to them. */
    DEVELOPER
}
