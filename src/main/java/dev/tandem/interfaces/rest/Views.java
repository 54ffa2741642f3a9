package dev.tandem.interfaces.rest;

import dev.tandem.admin.ServerUser;
import dev.tandem.tenant.Domain;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes shared by several resources, with Convergence's field names. Times are epoch milliseconds. */
public final class Views {

    private Views() {}

    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** Convergence's DomainRestData. */
    public static Map<String, Object> domain(Domain domain) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("displayName", domain.getDisplayName());
        view.put("namespace", domain.getNamespaceId());
        view.put("domainId", domain.getDomainId());
        view.put("status", domain.getStatus().name().toLowerCase());
        return view;
    }

    /** A server user; {@code email} and {@code lastLogin} only for those who manage users. */
    public static Map<String, Object> serverUser(ServerUser user, boolean full) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", user.getUsername());
        view.put("firstName", user.getFirstName());
        view.put("lastName", user.getLastName());
        view.put("displayName", user.getDisplayName());
        if (full) {
            view.put("email", user.getEmail());
            view.put("lastLogin", millis(user.getLastLogin()));
            view.put("disabled", user.isDisabled());
        }
        view.put("serverRole", user.getRole().label());
        return view;
    }
}
