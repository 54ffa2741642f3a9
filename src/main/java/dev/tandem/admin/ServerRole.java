package dev.tandem.admin;

import java.util.Arrays;
import java.util.Optional;

/**
 * A server user's server-wide role, named on the API as Convergence names it ({@link #label()}). Roles on one
 * namespace or domain are {@link TargetRole}s.
 */
public enum ServerRole {
    /** Everything, including managing other server users and the server's settings. */
    ADMIN("Server Admin"),
    /** Every namespace and domain, but not the server users. */
    DOMAIN_ADMIN("Domain Admin"),
    /** Only the namespaces and domains granted by a {@link TargetRole}. */
    DEVELOPER("Developer");

    private final String label;

    ServerRole(String label) {
        this.label = label;
    }

    /** The name on the API, e.g. {@code Server Admin}. */
    public String label() {
        return label;
    }

    /** The role labelled {@code label} (case-insensitive), or the one with that enum name. */
    public static Optional<ServerRole> fromLabel(String label) {
        return Arrays.stream(values())
                .filter(r -> r.label.equalsIgnoreCase(label) || r.name().equalsIgnoreCase(label))
                .findFirst();
    }

    /** Whether this role reaches every namespace and domain. */
    public boolean managesAllDomains() {
        return this == ADMIN || this == DOMAIN_ADMIN;
    }
}
