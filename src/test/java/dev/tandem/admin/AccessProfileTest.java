package dev.tandem.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.persistence.LikePattern;
import dev.tandem.security.SecretHash;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessProfileTest {

    private static AccessProfile profile(
            ServerRole role, Map<String, TargetRole> namespaces, Map<String, TargetRole> domains) {
        return new AccessProfile("ref", "user", "SessionToken", role, namespaces, domains);
    }

    @Test
    void serverAdminMayDoEverything() {
        AccessProfile admin = profile(ServerRole.ADMIN, Map.of(), Map.of());
        assertTrue(admin.canManageUsers());
        assertTrue(admin.canManageAllDomains());
        assertTrue(admin.canManageDomain("any", "thing"));
    }

    @Test
    void domainAdminManagesDomainsButNotUsers() {
        AccessProfile domainAdmin = profile(ServerRole.DOMAIN_ADMIN, Map.of(), Map.of());
        assertFalse(domainAdmin.canManageUsers());
        assertTrue(domainAdmin.canManageNamespace("ns"));
        assertTrue(domainAdmin.canManageDomain("ns", "d"));
    }

    @Test
    void developerWithoutRolesSeesNothing() {
        AccessProfile developer = profile(ServerRole.DEVELOPER, Map.of(), Map.of());
        assertFalse(developer.canAccessNamespace("ns"));
        assertFalse(developer.canAccessDomain("ns", "d"));
        assertFalse(developer.canManageDomain("ns", "d"));
    }

    @Test
    void domainRolesReachOnlyTheirDomain() {
        AccessProfile dev = profile(ServerRole.DEVELOPER, Map.of(), Map.of("ns/d", TargetRole.DEVELOPER));
        assertTrue(dev.canAccessDomain("ns", "d"));
        assertFalse(dev.canManageDomain("ns", "d"));
        assertFalse(dev.canAccessDomain("ns", "other"));
        // the namespace is visible (it holds a visible domain) but not manageable
        assertTrue(dev.canAccessNamespace("ns"));
        assertFalse(dev.canManageNamespace("ns"));
        // a prefix of the namespace name is not the namespace
        assertFalse(profile(ServerRole.DEVELOPER, Map.of(), Map.of("nsx/d", TargetRole.OWNER))
                .canAccessNamespace("ns"));

        AccessProfile owner = profile(ServerRole.DEVELOPER, Map.of(), Map.of("ns/d", TargetRole.OWNER));
        assertTrue(owner.canManageDomain("ns", "d"));
        assertFalse(owner.canManageNamespace("ns"));
    }

    @Test
    void namespaceRolesReachEveryDomainInIt() {
        AccessProfile owner = profile(ServerRole.DEVELOPER, Map.of("ns", TargetRole.OWNER), Map.of());
        assertTrue(owner.canManageNamespace("ns"));
        assertTrue(owner.canManageDomain("ns", "any"));
        assertFalse(owner.canAccessDomain("other", "any"));
        AccessProfile dev = profile(ServerRole.DEVELOPER, Map.of("ns", TargetRole.DEVELOPER), Map.of());
        assertTrue(dev.canAccessDomain("ns", "any"));
        assertFalse(dev.canManageDomain("ns", "any"));
    }

    @Test
    void roleLabelsAreConvergences() {
        assertEquals(Optional.of(ServerRole.ADMIN), ServerRole.fromLabel("Server Admin"));
        assertEquals(Optional.of(ServerRole.DOMAIN_ADMIN), ServerRole.fromLabel("domain admin"));
        assertEquals(Optional.of(ServerRole.DEVELOPER), ServerRole.fromLabel("DEVELOPER"));
        assertEquals(Optional.empty(), ServerRole.fromLabel("Owner"));
        assertEquals(Optional.of(TargetRole.OWNER), TargetRole.fromLabel("Owner"));
        assertEquals(Optional.empty(), TargetRole.fromLabel("Server Admin"));
    }

    @Test
    void secretHashIsSha256Hex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretHash.of("abc"));
    }

    @Test
    void likePatternEscapesWildcards() {
        assertEquals("%a!%b!_c!!d%", LikePattern.contains("A%b_c!d"));
        assertEquals("%%", LikePattern.contains(null));
    }
}
