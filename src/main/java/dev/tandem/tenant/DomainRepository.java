package dev.tandem.tenant;

import dev.tandem.security.RsaKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Namespaces, domains and the keys of each domain. Reads run without a transaction; writes join the caller's or
 * start their own.
 */
@ApplicationScoped
public class DomainRepository {

    private static final Logger LOG = Logger.getLogger(DomainRepository.class.getName());

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    public Optional<Namespace> findNamespace(String namespaceId) {
        return Optional.ofNullable(em.find(Namespace.class, namespaceId));
    }

    /** The namespace {@code namespaceId}, created with {@code displayName} if absent. */
    @Transactional
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

    public Optional<Domain> find(String namespaceId, String domainId) {
        return em.createQuery("SELECT d FROM Domain d WHERE d.namespaceId = :ns AND d.domainId = :id", Domain.class)
                .setParameter("ns", namespaceId)
                .setParameter("id", domainId)
                .getResultStream()
                .findFirst();
    }

    public List<Domain> findAll() {
        return em.createQuery("SELECT d FROM Domain d ORDER BY d.namespaceId, d.domainId", Domain.class)
                .getResultList();
    }

    /**
     * Creates a domain in an existing namespace, with its own admin key pair.
     *
     * @throws IllegalArgumentException if the namespace does not exist or the ids are blank
     */
    @Transactional
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
    @Transactional
    public void setStatus(Domain domain, DomainStatus status) {
        em.find(Domain.class, domain.getId()).setStatus(status);
        LOG.log(Level.INFO, "Domain {0} is now {1}", new Object[] {domain, status});
    }

    public Optional<DomainAdminKey> findAdminKey(Domain domain) {
        return em.createQuery("SELECT k FROM DomainAdminKey k WHERE k.domain.id = :domain", DomainAdminKey.class)
                .setParameter("domain", domain.getId())
                .getResultStream()
                .findFirst();
    }

    public Optional<DomainJwtKey> findJwtKey(Domain domain, String keyId) {
        return em.createQuery(
                        "SELECT k FROM DomainJwtKey k WHERE k.domain.id = :domain AND k.keyId = :kid",
                        DomainJwtKey.class)
                .setParameter("domain", domain.getId())
                .setParameter("kid", keyId)
                .getResultStream()
                .findFirst();
    }

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
    @Transactional
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
    public Optional<JwtVerificationKey> findVerificationKey(Domain domain, String keyId) {
        if (DomainAdminKey.KEY_ID.equals(keyId)) {
            return findAdminKey(domain)
                    .map(k -> new JwtVerificationKey(keyId, RsaKeys.parsePublicKey(k.getPublicKey()), true, true));
        }
        return findJwtKey(domain, keyId)
                .map(k ->
                        new JwtVerificationKey(keyId, RsaKeys.parsePublicKey(k.getPublicKey()), k.isEnabled(), false));
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " id must not be blank");
        }
    }
}
