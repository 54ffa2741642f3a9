package dev.tandem.interfaces.rest.domain;

import dev.tandem.admin.AccessProfile;
import dev.tandem.admin.AdminException;
import dev.tandem.admin.DomainAdministration;
import dev.tandem.interfaces.rest.Guard;
import dev.tandem.tenant.Domain;

/**
 * The role check every {@code /domains/{namespace}/{domainId}/...} resource makes first: 403 before 404, so a caller
 * without access cannot probe which domains exist.
 */
final class DomainAccess {

    private DomainAccess() {}

    /** The domain, if the caller may read and edit its data (users, groups, sessions, stats). */
    static Domain accessible(DomainAdministration admin, AccessProfile caller, String namespace, String domainId)
            throws AdminException {
        Guard.require(caller.canAccessDomain(namespace, domainId), "access this domain");
        return admin.domain(namespace, domainId);
    }

    /** The domain, if the caller may manage it (keys, settings, availability, deletion). */
    static Domain managed(DomainAdministration admin, AccessProfile caller, String namespace, String domainId)
            throws AdminException {
        Guard.require(caller.canManageDomain(namespace, domainId), "manage this domain");
        return admin.domain(namespace, domainId);
    }
}
