package dev.tandem.admin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tandem.persistence.LikePattern;
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
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    DomainRepository domains;

    @Inject
    ServerUserService serverUsers;

    @Inject
    Event<DomainStatusChanged> statusChanged;

    // ---- namespaces

    public List<Namespace> namespaces(String filter, int offset, int limit) {
        return em.createQuery(
                        "SELECT n FROM Namespace n WHERE LOWER(n.id) LIKE :p ESCAPE '!' "
                                + "OR LOWER(n.displayName) LIKE :p ESCAPE '!' ORDER BY n.id",
                        Namespace.class)
                .setParameter("p", LikePattern.contains(filter))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
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
        em.find(Namespace.class, id).setDisplayName(displayName);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteNamespace(String id) throws AdminException {
        namespace(id);
        if (!domainsIn(id).isEmpty()) {
            throw AdminException.conflict("namespace_not_empty", "namespace '" + id + "' still has domains");
        }
        serverUsers.removeRoles(TargetRole.TargetType.NAMESPACE, id);
        em.remove(em.find(Namespace.class, id));
        LOG.log(Level.INFO, "Deleted namespace {0}", id);
    }

    public List<Domain> domainsIn(String namespace) {
        return em.createQuery("SELECT d FROM Domain d WHERE d.namespaceId = :ns ORDER BY d.domainId", Domain.class)
                .setParameter("ns", namespace)
                .getResultList();
    }

    // ---- domains

    /** One page of the domains the caller may see, optionally of one namespace and matching {@code filter}. */
    public List<Domain> domains(AccessProfile caller, String namespace, String filter, int offset, int limit) {
        // Access is decided per domain in memory: the role sets are small and the page is bounded afterwards.
        return em.createQuery(
                        "SELECT d FROM Domain d WHERE (:ns IS NULL OR d.namespaceId = :ns) AND "
                                + "(LOWER(d.domainId) LIKE :p ESCAPE '!' OR LOWER(d.displayName) LIKE :p ESCAPE '!') "
                                + "ORDER BY d.namespaceId, d.domainId",
                        Domain.class)
                .setParameter("ns", namespace)
                .setParameter("p", LikePattern.contains(filter))
                .getResultStream()
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
        em.find(Domain.class, domain(namespace, domainId).getId()).setDisplayName(displayName);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void setConfig(String namespace, String domainId, Boolean anonymousAuth, Integer reconnectMinutes)
            throws AdminException {
        Domain domain = em.find(Domain.class, domain(namespace, domainId).getId());
        if (anonymousAuth != null) {
            domain.getConfig().setAnonymousAuth(anonymousAuth);
        }
        if (reconnectMinutes != null) {
            if (reconnectMinutes <= 0) {
                throw AdminException.invalid("reconnectTokenValidityMinutes", "must be positive");
            }
            domain.getConfig().setReconnectTokenValidityMinutes(reconnectMinutes);
        }
    }

    /** Sets the domain's availability; connections to a domain that is no longer online are closed. */
    public void setStatus(String namespace, String domainId, DomainStatus status) throws AdminException {
        domains.setStatus(domain(namespace, domainId), status);
        statusChanged.fire(new DomainStatusChanged(namespace, domainId, status));
    }

    /**
     * Deletes a domain and every row that carries it ({@code domain_ref}), children before parents, in one
     * transaction. The tables are found in the database's own catalogue, so capabilities added later are covered as
     * long as they keep the invariant that every domain-scoped row carries its domain.
     */
    @Transactional(rollbackOn = AdminException.class)
    public void deleteDomain(String namespace, String domainId) throws AdminException {
        Domain domain = domain(namespace, domainId);
        statusChanged.fire(new DomainStatusChanged(namespace, domainId, DomainStatus.OFFLINE));
        for (String table : domainTablesChildrenFirst()) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE domain_ref = ?1")
                    .setParameter(1, domain.getId())
                    .executeUpdate();
        }
        em.createNativeQuery("DELETE FROM domains WHERE id = ?1")
                .setParameter(1, domain.getId())
                .executeUpdate();
        serverUsers.removeRoles(TargetRole.TargetType.DOMAIN, namespace + "/" + domainId);
        LOG.log(Level.INFO, "Deleted domain {0}", domain);
    }

    @SuppressWarnings("unchecked")
    private List<String> domainTablesChildrenFirst() {
        Set<String> tables = new LinkedHashSet<>();
        ((List<Object>) em.createNativeQuery("SELECT LOWER(table_name) FROM information_schema.columns "
                                + "WHERE LOWER(column_name) = 'domain_ref' AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA) "
                                + "ORDER BY 1")
                        .getResultList())
                .forEach(t -> tables.add(t.toString()));
        // child -> parents, among the domain tables
        Map<String, Set<String>> parents = new HashMap<>();
        List<Object[]> edges = em.createNativeQuery("SELECT LOWER(c.table_name), LOWER(p.table_name) "
                        + "FROM information_schema.referential_constraints r "
                        + "JOIN information_schema.table_constraints c ON c.constraint_name = r.constraint_name "
                        + "AND c.constraint_schema = r.constraint_schema "
                        + "JOIN information_schema.table_constraints p ON p.constraint_name = r.unique_constraint_name "
                        + "AND p.constraint_schema = r.unique_constraint_schema "
                        + "WHERE LOWER(r.constraint_schema) = LOWER(CURRENT_SCHEMA)")
                .getResultList();
        for (Object[] edge : edges) {
            String child = edge[0].toString();
            String parent = edge[1].toString();
            if (!child.equals(parent) && tables.contains(child) && tables.contains(parent)) {
                parents.computeIfAbsent(child, k -> new HashSet<>()).add(parent);
            }
        }
        // a table is deleted from once no remaining table refers to it
        List<String> order = new ArrayList<>();
        Set<String> left = new LinkedHashSet<>(tables);
        while (!left.isEmpty()) {
            Deque<String> ready = new ArrayDeque<>();
            for (String table : left) {
                boolean referenced = left.stream()
                        .anyMatch(other -> parents.getOrDefault(other, Set.of()).contains(table));
                if (!referenced) {
                    ready.add(table);
                }
            }
            if (ready.isEmpty()) {
                throw new IllegalStateException("cyclic foreign keys among " + left);
            }
            order.addAll(ready);
            left.removeAll(ready);
        }
        return order;
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
        DomainJwtKey stored = em.find(DomainJwtKey.class, jwtKey(domain, keyId).getId());
        if (key != null && !key.equals(stored.getPublicKey())) {
            try {
                RsaKeys.parsePublicKey(key);
            } catch (IllegalArgumentException e) {
                throw AdminException.invalid("key", e.getMessage());
            }
            // a new key is a new row: the public key column is not meant to change under a kid in use
            em.remove(stored);
            em.flush();
            em.persist(new DomainJwtKey(stored.getDomain(), keyId, description, key, enabled, Instant.now()));
            return;
        }
        stored.setDescription(description);
        stored.setEnabled(enabled);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteJwtKey(Domain domain, String keyId) throws AdminException {
        em.remove(em.find(DomainJwtKey.class, jwtKey(domain, keyId).getId()));
    }

    // ---- statistics and admin tokens

    public DomainStats stats(Domain domain) {
        long sessions =
                count("SELECT COUNT(*) FROM sessions WHERE domain_ref = ?1 AND disconnected_at IS NULL", domain);
        long users = count("SELECT COUNT(*) FROM domain_users WHERE domain_ref = ?1 AND user_type = 'NORMAL'", domain);
        long models = count("SELECT COUNT(*) FROM models WHERE domain_ref = ?1", domain);
        return new DomainStats(sessions, users, models);
    }

    private long count(String sql, Domain domain) {
        return ((Number) em.createNativeQuery(sql)
                        .setParameter(1, domain.getId())
                        .getSingleResult())
                .longValue();
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
