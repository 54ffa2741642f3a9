package dev.tandem.admin;

import java.util.Map;

/**
 * Who is calling the admin API and what they may do: the server user, how they proved it, their server-wide role and
 * their roles on namespaces ({@code namespaceRoles}, by namespace id) and domains ({@code domainRoles}, by
 * {@code namespace/domainId}).
 */
public record AccessProfile(
        String userRef,
        String username,
        String method,
        ServerRole serverRole,
        Map<String, TargetRole> namespaceRoles,
        Map<String, TargetRole> domainRoles) {

    public AccessProfile {
        namespaceRoles = Map.copyOf(namespaceRoles);
        domainRoles = Map.copyOf(domainRoles);
    }

    /** Server users, server roles and the server's settings. */
    public boolean canManageUsers() {
        return serverRole == ServerRole.ADMIN;
    }

    /** Every namespace and domain. */
    public boolean canManageAllDomains() {
        return serverRole.managesAllDomains();
    }

    public boolean canManageNamespace(String namespace) {
        TargetRole role = namespaceRoles.get(namespace);
        return canManageAllDomains() || (role != null && role.manages());
    }

    public boolean canAccessNamespace(String namespace) {
        return canManageAllDomains()
                || namespaceRoles.containsKey(namespace)
                || domainRoles.keySet().stream().anyMatch(k -> k.startsWith(namespace + "/"));
    }

    /** Read and edit a domain's data (users, groups, sessions, stats). */
    public boolean canAccessDomain(String namespace, String domainId) {
        return canManageAllDomains()
                || namespaceRoles.containsKey(namespace)
                || domainRoles.containsKey(namespace + "/" + domainId);
    }

    /** A domain's keys, settings, availability, roles, deletion. */
    public boolean canManageDomain(String namespace, String domainId) {
        TargetRole role = domainRoles.get(namespace + "/" + domainId);
        return canManageNamespace(namespace) || (role != null && role.manages());
    }
}
