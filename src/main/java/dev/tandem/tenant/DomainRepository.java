package dev.tandem.tenant;

import java.util.List;
import java.util.Optional;

/**
 * The store of namespaces, domains and the keys of each domain. Services know it by this interface; CDI gives them
 * {@link JpaDomainRepository}, and a JVM test a stand-in. Every method, reads too, joins the caller's transaction or
 * runs in its own (see {@link dev.tandem.persistence}).
 */
public interface DomainRepository {

    /** A domain's counts across the capabilities' tables, for the admin console. */
    record Counts(long activeSessions, long normalUsers, long models) {}

    // ---- namespaces

    Optional<Namespace> findNamespace(String namespaceId);

    /** The namespace {@code namespaceId}, created with {@code displayName} if absent. */
    Namespace ensureNamespace(String namespaceId, String displayName);

    /** One page of the namespaces whose id or display name contains {@code filter} (any case), by id. */
    List<Namespace> findNamespaces(String filter, int offset, int limit);

    void setNamespaceDisplayName(String namespaceId, String displayName);

    /** Deletes a namespace (the caller makes sure it holds no domain). */
    void deleteNamespace(String namespaceId);

    long countNamespaces();

    // ---- domains

    Optional<Domain> find(String namespaceId, String domainId);

    List<Domain> findAll();

    /** The domains of one namespace, by id. */
    List<Domain> findIn(String namespaceId);

    /**
     * The domains, of namespace {@code namespaceId} when it is not {@code null}, whose id or display name contains
     * {@code filter} (any case), by namespace and id. Not paged: the caller decides access per domain first.
     */
    List<Domain> findMatching(String namespaceId, String filter);

    long countDomains();

    /**
     * Creates a domain in an existing namespace, with its own admin key pair.
     *
     * @throws IllegalArgumentException if the namespace does not exist or the ids are blank
     */
    Domain create(String namespaceId, String domainId, String displayName, DomainConfig config);

    void setDisplayName(Domain domain, String displayName);

    /** Changes a domain's settings; {@code null} leaves one as it is. */
    void setConfig(Domain domain, Boolean anonymousAuth, Integer reconnectTokenValidityMinutes);

    /** Takes a domain online or offline; an offline domain refuses logins with a retry hint. */
    void setStatus(Domain domain, DomainStatus status);

    /**
     * Deletes a domain and every row that carries it ({@code domain_ref}), in every capability's tables, in the
     * caller's transaction.
     */
    void delete(Domain domain);

    Counts counts(Domain domain);

    /**
     * Writes what the current transaction holds pending (a domain just created, say) to the database, so that JDBC
     * stores working in the same transaction can refer to it.
     */
    void flush();

    // ---- keys

    Optional<DomainAdminKey> findAdminKey(Domain domain);

    Optional<DomainJwtKey> findJwtKey(Domain domain, String keyId);

    List<DomainJwtKey> findJwtKeys(Domain domain);

    /**
     * Registers a public key that verifies the domain's JWTs.
     *
     * @throws IllegalArgumentException if the PEM is not an RSA public key or the key id is blank or reserved
     */
    DomainJwtKey addJwtKey(Domain domain, String keyId, String description, String publicKeyPem, boolean enabled);

    /** Changes a JWT key's description and whether it is enabled. */
    void updateJwtKey(DomainJwtKey key, String description, boolean enabled);

    /**
     * Replaces a JWT key by a new one under the same key id (a new row: the public key of a key id in use does not
     * change in place).
     */
    void replaceJwtKey(DomainJwtKey key, String description, String publicKeyPem, boolean enabled);

    void deleteJwtKey(DomainJwtKey key);

    /**
     * The key a JWT's {@code kid} names in {@code domain}: the domain's own admin key for
     * {@value DomainAdminKey#KEY_ID}, otherwise a registered JWT key (enabled or not, so the caller can tell why it
     * refuses).
     */
    Optional<JwtVerificationKey> findVerificationKey(Domain domain, String keyId);
}
