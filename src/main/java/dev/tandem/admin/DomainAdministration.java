package dev.tandem.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tandem.security.RsaKeys;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainAdminKey;
import dev.tandem.tenant.DomainConfig;
import dev.tandem.tenant.DomainJwtKey;
import dev.tandem.tenant.DomainRepository;
import dev.tandem.tenant.DomainStatus;
import dev.tandem.tenant.DomainStatusChanged;
import dev.tandem.tenant.Namespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Namespaces and domains as the admin API manages them: create, rename, delete, availability, JWT keys, statistics
 * and the short-lived admin tokens that let a server user into a domain. Builds on {@link DomainRepository}.
 */
@ApplicationScoped
public class DomainAdministration {

    /** Ids travel in URL paths and in {@code namespace/domainId}: letters, digits, '-', '_' and '.' only. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    /** How long a token from {@link #adminToken} lets its holder log in. */
    public static final Duration ADMIN_TOKEN_VALIDITY = Duration.ofMinutes(5);

    private static final Logger LOG = Logger.getLogger(DomainAdministration.class.getName());

    /** A domain's counts for the admin console. */
    public record DomainStats(long activeSessionCount, long userCount, long modelCount) {}

    @Inject
    DomainRepository domains;

    @Inject
    ServerUserService serverUsers;

    @Inject
    Event<DomainStatusChanged> statusChanged;

    // ---- namespaces

    public List<Namespace> namespaces(String filter, int offset, int limit) {
        return domains.findNamespaces(filter, offset, limit);
    }

    public Namespace namespace(String id) throws AdminException {
        return domains.findNamespace(id).orElseThrow(() -> AdminException.notFound("namespace", id));
    }

    @Transactional(rollbackOn = AdminException.class)
    public Namespace createNamespace(String id, String displayName) throws AdminException {
        requireId("id", id);
        if (domains.findNamespace(id).isPresent()) {
            throw AdminException.duplicate("id", id);
        }
        return domains.ensureNamespace(id, displayName);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void updateNamespace(String id, String displayName) throws AdminException {
        namespace(id);
        domains.setNamespaceDisplayName(id, displayName);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteNamespace(String id) throws AdminException {
        namespace(id);
        if (!domainsIn(id).isEmpty()) {
            throw AdminException.conflict("namespace_not_empty", "namespace '" + id + "' still has domains");
        }
        serverUsers.removeRoles(TargetRole.TargetType.NAMESPACE, id);
        domains.deleteNamespace(id);
        LOG.log(Level.INFO, "Deleted namespace {0}", id);
    }

    public List<Domain> domainsIn(String namespace) {
        return domains.findIn(namespace);
    }

    // ---- domains

    /** One page of the domains the caller may see, optionally of one namespace and matching {@code filter}. */
    public List<Domain> domains(AccessProfile caller, String namespace, String filter, int offset, int limit) {
        // Access is decided per domain in memory: the role sets are small and the page is bounded afterwards.
        return domains.findMatching(namespace, filter).stream()
                .filter(d -> caller.canAccessDomain(d.getNamespaceId(), d.getDomainId()))
                .skip(offset)
                .limit(limit)
                .toList();
    }

    public Domain domain(String namespace, String domainId) throws AdminException {
        return domains.find(namespace, domainId)
                .orElseThrow(() -> AdminException.notFound("domain", namespace + "/" + domainId));
    }

    @Transactional(rollbackOn = AdminException.class)
    public Domain createDomain(String namespace, String domainId, String displayName, boolean anonymousAuth)
            throws AdminException {
        requireId("id", domainId);
        if (domains.findNamespace(namespace).isEmpty()) {
            throw new AdminException(
                    AdminException.Kind.INVALID,
                    "namespace_not_found",
                    "namespace '" + namespace + "' does not exist",
                    Map.of("namespace", namespace));
        }
        if (domains.find(namespace, domainId).isPresent()) {
            throw AdminException.duplicate("id", domainId);
        }
        return domains.create(
                namespace,
                domainId,
                displayName,
                new DomainConfig(anonymousAuth, DomainConfig.DEFAULT_RECONNECT_TOKEN_VALIDITY_MINUTES));
    }

    @Transactional(rollbackOn = AdminException.class)
    public void updateDomain(String namespace, String domainId, String displayName) throws AdminException {
        domains.setDisplayName(domain(namespace, domainId), displayName);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void setConfig(String namespace, String domainId, Boolean anonymousAuth, Integer reconnectMinutes)
            throws AdminException {
        Domain domain = domain(namespace, domainId);
        if (reconnectMinutes != null && reconnectMinutes <= 0) {
            throw AdminException.invalid("reconnectTokenValidityMinutes", "must be positive");
        }
        domains.setConfig(domain, anonymousAuth, reconnectMinutes);
    }

    /** Sets the domain's availability; connections to a domain that is no longer online are closed. */
    public void setStatus(String namespace, String domainId, DomainStatus status) throws AdminException {
        domains.setStatus(domain(namespace, domainId), status);
        statusChanged.fire(new DomainStatusChanged(namespace, domainId, status));
    }

    /**
     * Deletes a domain and every row that carries it ({@code domain_ref}, see {@link DomainRepository#delete}) and
     * the roles on it, in one transaction; connections to it are closed first.
     */
    @Transactional(rollbackOn = AdminException.class)
    public void deleteDomain(String namespace, String domainId) throws AdminException {
        Domain domain = domain(namespace, domainId);
        statusChanged.fire(new DomainStatusChanged(namespace, domainId, DomainStatus.OFFLINE));
        domains.delete(domain);
        serverUsers.removeRoles(TargetRole.TargetType.DOMAIN, namespace + "/" + domainId);
        LOG.log(Level.INFO, "Deleted domain {0}", domain);
    }

    // ---- JWT keys

    public DomainJwtKey jwtKey(Domain domain, String keyId) throws AdminException {
        return domains.findJwtKey(domain, keyId).orElseThrow(() -> AdminException.notFound("JWT key", keyId));
    }

    @Transactional(rollbackOn = AdminException.class)
    public DomainJwtKey addJwtKey(Domain domain, String keyId, String description, String key, boolean enabled)
            throws AdminException {
        requireId("id", keyId);
        if (domains.findJwtKey(domain, keyId).isPresent() || DomainAdminKey.KEY_ID.equals(keyId)) {
            throw AdminException.duplicate("id", keyId);
        }
        try {
            return domains.addJwtKey(domain, keyId, description, key, enabled);
        } catch (IllegalArgumentException e) {
            throw AdminException.invalid("key", e.getMessage());
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void updateJwtKey(Domain domain, String keyId, String description, String key, boolean enabled)
            throws AdminException {
        DomainJwtKey stored = jwtKey(domain, keyId);
        if (key != null && !key.equals(stored.getPublicKey())) {
            try {
                RsaKeys.parsePublicKey(key);
            } catch (IllegalArgumentException e) {
                throw AdminException.invalid("key", e.getMessage());
            }
            // a new key is a new row: the public key column is not meant to change under a kid in use
            domains.replaceJwtKey(stored, description, key, enabled);
            return;
        }
        domains.updateJwtKey(stored, description, enabled);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteJwtKey(Domain domain, String keyId) throws AdminException {
        domains.deleteJwtKey(jwtKey(domain, keyId));
    }

    // ---- statistics and admin tokens

    public DomainStats stats(Domain domain) {
        DomainRepository.Counts counts = domains.counts(domain);
        return new DomainStats(counts.activeSessions(), counts.normalUsers(), counts.models());
    }

    /**
     * A JWT signed with the domain's own admin key ({@value DomainAdminKey#KEY_ID}) that logs {@code username} in to
     * the domain as a {@code convergence} user, valid for {@link #ADMIN_TOKEN_VALIDITY}.
     */
    public String adminToken(Domain domain, String username) throws AdminException {
        DomainAdminKey key = domains.findAdminKey(domain)
                .orElseThrow(() -> AdminException.conflict("no_admin_key", "domain " + domain + " has no admin key"));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(username)
                .audience("Convergence")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ADMIN_TOKEN_VALIDITY)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(DomainAdminKey.KEY_ID)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(RsaKeys.parsePrivateKey(key.getPrivateKey())));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the admin key of " + domain, e);
        }
        return jwt.serialize();
    }

    private static void requireId(String field, String id) throws AdminException {
        if (id == null || !ID.matcher(id).matches()) {
            throw AdminException.invalid(field, "'" + id + "' is not a valid id (letters, digits, '.', '-', '_')");
        }
    }
}
