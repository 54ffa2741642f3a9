package dev.tandem.testing;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.DomainUserView;
import dev.tandem.identity.IdentityService;
import dev.tandem.identity.UserNotFoundException;
import dev.tandem.identity.UserType;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainConfig;
import dev.tandem.tenant.DomainRepository;
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
 * (so that the stores' foreign keys hold), and in-memory stand-ins for the two JPA beans the services ask about the
 * domain, {@link #domains()} (finds only this domain) and {@link #identity()} (the users and group memberships added
 * here). The stand-ins override exactly the methods the chat and activity services call; anything else would touch
 * their missing entity manager and fail loudly.
 */
public final class TestDomain {

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

    /** Finds this domain, and no other. */
    public DomainRepository domains() {
        return new DomainRepository() {
            @Override
            public Optional<Domain> find(String namespaceId, String domainId) {
                return NAMESPACE.equals(namespaceId) && DOMAIN_ID.equals(domainId)
                        ? Optional.of(domain)
                        : Optional.empty();
            }
        };
    }

    /** Knows the users added here and their groups. */
    public IdentityService identity() {
        return new IdentityService() {
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
        };
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
