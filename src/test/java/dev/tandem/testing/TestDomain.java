package dev.tandem.testing;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.UserDirectory;
import dev.tandem.identity.UserNotFoundException;
import dev.tandem.identity.UserType;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainAdminKey;
import dev.tandem.tenant.DomainConfig;
import dev.tandem.tenant.DomainJwtKey;
import dev.tandem.tenant.DomainRepository;
import dev.tandem.tenant.DomainStatus;
import dev.tandem.tenant.JwtVerificationKey;
import dev.tandem.tenant.Namespace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One domain for JVM tests of the capability services, without a container: its row in a migrated test database
 * (so that the stores' foreign keys hold), and an in-memory stand-in for the two ports the services ask about the
 * domain: the {@link DomainRepository} (finds only this domain) and the {@link UserDirectory} (the users and group
 * memberships added here). It answers exactly what the chat and activity services ask; everything else throws
 * {@link UnsupportedOperationException}, so a test that strays from that fails loudly.
 */
public final class TestDomain implements DomainRepository, UserDirectory {

    public static final String NAMESPACE = "ns";
    public static final String DOMAIN_ID = "d";

    private final Domain domain;
    private final Map<DomainUserId, DomainUserView> users = new LinkedHashMap<>();
    private final Map<DomainUserId, Set<String>> groups = new LinkedHashMap<>();

    private TestDomain(Domain domain) {
        this.domain = domain;
    }

    /** Stores the namespace and domain rows ({@link #NAMESPACE}/{@link #DOMAIN_ID}) in the migrated database. */
    public static TestDomain create(DataSource dataSource) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Domain domain = new Domain(NAMESPACE, DOMAIN_ID, DOMAIN_ID, new DomainConfig(true, 60), now);
        try (Connection c = dataSource.getConnection()) {
            update(
                    c,
                    "INSERT INTO namespaces (id, display_name, created_at) VALUES (?, ?, ?)",
                    NAMESPACE,
                    NAMESPACE,
                    now.atOffset(ZoneOffset.UTC));
            update(
                    c,
                    "INSERT INTO domains (id, namespace_id, domain_id, display_name, status, anonymous_auth, "
                            + "reconnect_token_validity_minutes, created_at) VALUES (?, ?, ?, ?, 'online', TRUE, 60, ?)",
                    domain.getId(),
                    NAMESPACE,
                    DOMAIN_ID,
                    DOMAIN_ID,
                    now.atOffset(ZoneOffset.UTC));
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the test domain", e);
        }
        return new TestDomain(domain);
    }

    /** Adds a normal user, member of {@code groupIds}. */
    public DomainUserView user(String username, String... groupIds) {
        DomainUserView user = new DomainUserView(UserType.NORMAL, username, username, null, null, null);
        users.put(DomainUserId.of(user), user);
        groups.put(DomainUserId.of(user), new LinkedHashSet<>(List.of(groupIds)));
        return user;
    }

    /** The domain's administrator as the admin API acts (a {@code CONVERGENCE} user, not a stored user). */
    public static DomainUserView administrator(String name) {
        return new DomainUserView(UserType.CONVERGENCE, name, name, null, null, null);
    }

    public Domain domain() {
        return domain;
    }

    /** This stand-in as the domain store: it finds this domain, and no other. */
    public DomainRepository domains() {
        return this;
    }

    /** This stand-in as the directory of the users added here and their groups. */
    public UserDirectory identity() {
        return this;
    }

    @Override
    public Optional<Domain> find(String namespaceId, String domainId) {
        return isThisDomain(namespaceId, domainId) ? Optional.of(domain) : Optional.empty();
    }

    @Override
    public List<DomainUserView> users(String namespace, String domainId, Collection<DomainUserId> ids) {
        List<DomainUserView> found = new ArrayList<>();
        for (DomainUserId id : new LinkedHashSet<>(ids)) {
            if (isThisDomain(namespace, domainId) && users.containsKey(id)) {
                found.add(users.get(id));
            }
        }
        return found;
    }

    @Override
    public Map<DomainUserId, List<String>> groupsForUsers(
            String namespace, String domainId, Collection<DomainUserId> ids) throws UserNotFoundException {
        Map<DomainUserId, List<String>> result = new LinkedHashMap<>();
        for (DomainUserId id : ids) {
            if (!isThisDomain(namespace, domainId) || !users.containsKey(id)) {
                throw new UserNotFoundException(id);
            }
            result.put(id, groups.get(id).stream().sorted().toList());
        }
        return result;
    }

    // ---- the rest of the domain store: not used by the services under test

    @Override
    public Optional<Namespace> findNamespace(String namespaceId) {
        throw unused();
    }

    @Override
    public Namespace ensureNamespace(String namespaceId, String displayName) {
        throw unused();
    }

    @Override
    public List<Namespace> findNamespaces(String filter, int offset, int limit) {
        throw unused();
    }

    @Override
    public void setNamespaceDisplayName(String namespaceId, String displayName) {
        throw unused();
    }

    @Override
    public void deleteNamespace(String namespaceId) {
        throw unused();
    }

    @Override
    public long countNamespaces() {
        throw unused();
    }

    @Override
    public List<Domain> findAll() {
        throw unused();
    }

    @Override
    public List<Domain> findIn(String namespaceId) {
        throw unused();
    }

    @Override
    public List<Domain> findMatching(String namespaceId, String filter) {
        throw unused();
    }

    @Override
    public long countDomains() {
        throw unused();
    }

    @Override
    public Domain create(String namespaceId, String domainId, String displayName, DomainConfig config) {
        throw unused();
    }

    @Override
    public void setDisplayName(Domain domain, String displayName) {
        throw unused();
    }

    @Override
    public void setConfig(Domain domain, Boolean anonymousAuth, Integer reconnectTokenValidityMinutes) {
        throw unused();
    }

    @Override
    public void setStatus(Domain domain, DomainStatus status) {
        throw unused();
    }

    @Override
    public void delete(Domain domain) {
        throw unused();
    }

    @Override
    public Counts counts(Domain domain) {
        throw unused();
    }

    @Override
    public void flush() {
        throw unused();
    }

    @Override
    public Optional<DomainAdminKey> findAdminKey(Domain domain) {
        throw unused();
    }

    @Override
    public Optional<DomainJwtKey> findJwtKey(Domain domain, String keyId) {
        throw unused();
    }

    @Override
    public List<DomainJwtKey> findJwtKeys(Domain domain) {
        throw unused();
    }

    @Override
    public DomainJwtKey addJwtKey(
            Domain domain, String keyId, String description, String publicKeyPem, boolean enabled) {
        throw unused();
    }

    @Override
    public void updateJwtKey(DomainJwtKey key, String description, boolean enabled) {
        throw unused();
    }

    @Override
    public void replaceJwtKey(DomainJwtKey key, String description, String publicKeyPem, boolean enabled) {
        throw unused();
    }

    @Override
    public void deleteJwtKey(DomainJwtKey key) {
        throw unused();
    }

    @Override
    public Optional<JwtVerificationKey> findVerificationKey(Domain domain, String keyId) {
        throw unused();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("TestDomain stands in only for what the chat and activity services "
                + "ask: finding this domain, its users and their groups");
    }

    private static boolean isThisDomain(String namespace, String domainId) {
        return NAMESPACE.equals(namespace) && DOMAIN_ID.equals(domainId);
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
