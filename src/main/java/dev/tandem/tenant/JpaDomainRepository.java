package dev.tandem.tenant;

import dev.tandem.persistence.LikePattern;
import dev.tandem.security.RsaKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link DomainRepository} on JPA: namespaces, domains and the keys of each domain. Reads run without a transaction
 * (or in the caller's); writes join the caller's or start their own.
 */
@ApplicationScoped
@Transactional // reads too: see dev.tandem.persistence
public class JpaDomainRepository implements DomainRepository {

    private static final Logger LOG = Logger.getLogger(JpaDomainRepository.class.getName());

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Override
    public Optional<Namespace> findNamespace(String namespaceId) {
        return Optional.ofNullable(em.find(Namespace.class, namespaceId));
    }

    /** The namespace {@code namespaceId}, created with {@code displayName} if absent. */
    @Override
    public Namespace ensureNamespace(String namespaceId, String displayName) {
        requireName("namespace", namespaceId);
        Namespace existing = em.find(Namespace.class, namespaceId);
        if (existing != null) {
            return existing;
        }
        Namespace created = new Namespace(namespaceId, displayName == null ? namespaceId : displayName, Instant.now());
        em.persist(created);
        LOG.log(Level.INFO, "Created namespace {0}", namespaceId);
        return created;
    }

    @Override
    public Optional<Domain> find(String namespaceId, String domainId) {
        return em.createQuery("SELECT d FROM Domain d WHERE d.namespaceId = :ns AND d.domainId = :id", Domain.class)
                .setParameter("ns", namespaceId)
                .setParameter("id", domainId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Domain> findAll() {
        return em.createQuery("SELECT d FROM Domain d ORDER BY d.namespaceId, d.domainId", Domain.class)
                .getResultList();
    }

    /**
     * Creates a domain in an existing namespace, with its own admin key pair.
     *
     * @throws IllegalArgumentException if the namespace does not exist or the ids are blank
     */
    @Override
    public Domain create(String namespaceId, String domainId, String displayName, DomainConfig config) {
        requireName("domain", domainId);
        if (em.find(Namespace.class, namespaceId) == null) {
            throw new IllegalArgumentException("no namespace " + namespaceId);
        }
        Instant now = Instant.now();
        Domain domain = new Domain(namespaceId, domainId, displayName == null ? domainId : displayName, config, now);
        em.persist(domain);
        KeyPair pair = RsaKeys.generate();
        em.persist(new DomainAdminKey(domain, RsaKeys.toPem(pair.getPublic()), RsaKeys.toPem(pair.getPrivate()), now));
        LOG.log(Level.INFO, "Created domain {0} (anonymous auth {1}, reconnect tokens valid {2} min)", new Object[] {
            domain, config.isAnonymousAuth(), config.getReconnectTokenValidityMinutes()
        });
        return domain;
    }

    /** Takes a domain online or offline; an offline domain refuses logins with a retry hint. */
    @Override
    public void setStatus(Domain domain, DomainStatus status) {
        em.find(Domain.class, domain.getId()).setStatus(status);
        LOG.log(Level.INFO, "Domain {0} is now {1}", new Object[] {domain, status});
    }

    @Override
    public Optional<DomainAdminKey> findAdminKey(Domain domain) {
        return em.createQuery("SELECT k FROM DomainAdminKey k WHERE k.domain.id = :domain", DomainAdminKey.class)
                .setParameter("domain", domain.getId())
                .getResultStream()
                .findFirst();
    }

    @Override
    public Optional<DomainJwtKey> findJwtKey(Domain domain, String keyId) {
        return em.createQuery(
                        "SELECT k FROM DomainJwtKey k WHERE k.domain.id = :domain AND k.keyId = :kid",
                        DomainJwtKey.class)
                .setParameter("domain", domain.getId())
                .setParameter("kid", keyId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<DomainJwtKey> findJwtKeys(Domain domain) {
        return em.createQuery(
                        "SELECT k FROM DomainJwtKey k WHERE k.domain.id = :domain ORDER BY k.keyId", DomainJwtKey.class)
                .setParameter("domain", domain.getId())
                .getResultList();
    }

    /**
     * Registers a public key that verifies the domain's JWTs.
     *
     * @throws IllegalArgumentException if the PEM is not an RSA public key or the key id is blank or reserved
     */
    @Override
    public DomainJwtKey addJwtKey(
            Domain domain, String keyId, String description, String publicKeyPem, boolean enabled) {
        requireName("JWT key", keyId);
        if (DomainAdminKey.KEY_ID.equals(keyId)) {
            throw new IllegalArgumentException(DomainAdminKey.KEY_ID + " is reserved for the domain's own key");
        }
        RsaKeys.parsePublicKey(publicKeyPem); // refuse what could never verify anything
        DomainJwtKey key = new DomainJwtKey(
                em.getReference(Domain.class, domain.getId()),
                keyId,
                description,
                publicKeyPem,
                enabled,
                Instant.now());
        em.persist(key);
        LOG.log(Level.INFO, "Added JWT key {0} to domain {1}", new Object[] {keyId, domain});
        return key;
    }

    /**
     * The key a JWT's {@code kid} names in {@code domain}: the domain's own admin key for
     * {@value DomainAdminKey#KEY_ID}, otherwise a registered JWT key (enabled or not, so the caller can tell why it
     * refuses).
     */
    @Override
    public Optional<JwtVerificationKey> findVerificationKey(Domain domain, String keyId) {
        if (DomainAdminKey.KEY_ID.equals(keyId)) {
            return findAdminKey(domain)
                    .map(k -> new JwtVerificationKey(keyId, RsaKeys.parsePublicKey(k.getPublicKey()), true, true));
        }
        return findJwtKey(domain, keyId)
                .map(k ->
                        new JwtVerificationKey(keyId, RsaKeys.parsePublicKey(k.getPublicKey()), k.isEnabled(), false));
    }

    @Override
    public List<Namespace> findNamespaces(String filter, int offset, int limit) {
        return em.createQuery(
                        "SELECT n FROM Namespace n WHERE LOWER(n.id) LIKE :p ESCAPE '!' "
                                + "OR LOWER(n.displayName) LIKE :p ESCAPE '!' ORDER BY n.id",
                        Namespace.class)
                .setParameter("p", LikePattern.contains(filter))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public void setNamespaceDisplayName(String namespaceId, String displayName) {
        em.find(Namespace.class, namespaceId).setDisplayName(displayName);
    }

    @Override
    public void deleteNamespace(String namespaceId) {
        em.remove(em.find(Namespace.class, namespaceId));
    }

    @Override
    public long countNamespaces() {
        return em.createQuery("SELECT COUNT(n) FROM Namespace n", Long.class).getSingleResult();
    }

    @Override
    public List<Domain> findIn(String namespaceId) {
        return em.createQuery("SELECT d FROM Domain d WHERE d.namespaceId = :ns ORDER BY d.domainId", Domain.class)
                .setParameter("ns", namespaceId)
                .getResultList();
    }

    @Override
    public List<Domain> findMatching(String namespaceId, String filter) {
        return em.createQuery(
                        "SELECT d FROM Domain d WHERE (:ns IS NULL OR d.namespaceId = :ns) AND "
                                + "(LOWER(d.domainId) LIKE :p ESCAPE '!' OR LOWER(d.displayName) LIKE :p ESCAPE '!') "
                                + "ORDER BY d.namespaceId, d.domainId",
                        Domain.class)
                .setParameter("ns", namespaceId)
                .setParameter("p", LikePattern.contains(filter))
                .getResultList();
    }

    @Override
    public long countDomains() {
        return em.createQuery("SELECT COUNT(d) FROM Domain d", Long.class).getSingleResult();
    }

    @Override
    public void setDisplayName(Domain domain, String displayName) {
        em.find(Domain.class, domain.getId()).setDisplayName(displayName);
    }

    @Override
    public void setConfig(Domain domain, Boolean anonymousAuth, Integer reconnectTokenValidityMinutes) {
        DomainConfig config = em.find(Domain.class, domain.getId()).getConfig();
        if (anonymousAuth != null) {
            config.setAnonymousAuth(anonymousAuth);
        }
        if (reconnectTokenValidityMinutes != null) {
            config.setReconnectTokenValidityMinutes(reconnectTokenValidityMinutes);
        }
    }

    /**
     * Deletes children before parents. The tables are found in the database's own catalogue, so capabilities added
     * later are covered as long as they keep the invariant that every domain-scoped row carries its domain.
     */
    @Override
    public void delete(Domain domain) {
        for (String table : domainTablesChildrenFirst()) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE domain_ref = ?1")
                    .setParameter(1, domain.getId())
                    .executeUpdate();
        }
        em.createNativeQuery("DELETE FROM domains WHERE id = ?1")
                .setParameter(1, domain.getId())
                .executeUpdate();
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

    @Override
    public Counts counts(Domain domain) {
        long sessions =
                count("SELECT COUNT(*) FROM sessions WHERE domain_ref = ?1 AND disconnected_at IS NULL", domain);
        long users = count("SELECT COUNT(*) FROM domain_users WHERE domain_ref = ?1 AND user_type = 'NORMAL'", domain);
        long models = count("SELECT COUNT(*) FROM models WHERE domain_ref = ?1", domain);
        return new Counts(sessions, users, models);
    }

    private long count(String sql, Domain domain) {
        return ((Number) em.createNativeQuery(sql)
                        .setParameter(1, domain.getId())
                        .getSingleResult())
                .longValue();
    }

    @Override
    public void flush() {
        em.flush();
    }

    @Override
    public void updateJwtKey(DomainJwtKey key, String description, boolean enabled) {
        DomainJwtKey stored = em.find(DomainJwtKey.class, key.getId());
        stored.setDescription(description);
        stored.setEnabled(enabled);
    }

    @Override
    public void replaceJwtKey(DomainJwtKey key, String description, String publicKeyPem, boolean enabled) {
        DomainJwtKey stored = em.find(DomainJwtKey.class, key.getId());
        em.remove(stored);
        em.flush();
        em.persist(new DomainJwtKey(
                stored.getDomain(), stored.getKeyId(), description, publicKeyPem, enabled, Instant.now()));
    }

    @Override
    public void deleteJwtKey(DomainJwtKey key) {
        em.remove(em.find(DomainJwtKey.class, key.getId()));
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " id must not be blank");
        }
    }
}
