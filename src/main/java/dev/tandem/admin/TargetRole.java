package dev.tandem.admin;

import java.util.Arrays;
import java.util.Optional;

/** A server user's role on one namespace or one domain, named on the API as Convergence names it. */
public enum TargetRole {
    /** Manages the target, its domains' data and who has which role on it. */
    OWNER("Owner"),
    /** The same powers as the owner. */
    DOMAIN_ADMIN("Domain Admin"),
    /** Reads and edits the domains' data (users, groups, sessions); not keys, settings, availability or roles. */
    DEVELOPER("Developer");

    private final String label;

    TargetRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean manages() {
        return this != DEVELOPER;
    }

    public static Optional<TargetRole> fromLabel(String label) {
        return Arrays.stream(values())
                .filter(r -> r.label.equalsIgnoreCase(label) || r.name().equalsIgnoreCase(label))
                .findFirst();
    }

    /** What a role is granted on. */
    public enum TargetType {
        NAMESPACE,
        DOMAIN
    }
}
