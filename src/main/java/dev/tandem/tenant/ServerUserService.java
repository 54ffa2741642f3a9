package dev.tandem.tenant;

import dev.tandem.persistence.LikePattern;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's own users for the admin API: listing, creating, updating and deleting them, their passwords, their
 * favourite domains, and the roles they hold on the server, on namespaces and on domains. Reads return entities
 * detached from any transaction; writes run in one.
 */
@ApplicationScoped
public class ServerUserService {

    private static final Logger LOG = Logger.getLogger(ServerUserService.class.getName());

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    ServerUserRepository repository;

    @Inject
    ServerConfigService config;

    @Inject
    DomainRepository domains;

    private final PasswordHasher hasher = new PasswordHasher();

    /** What is needed to create or update a server user; {@code password} only on create. */
    public record UserData(String username, String displayName, String firstName, String lastName, String email,
                           ServerRole role, String password) {
    }

    /** One page of users whose username, display name or email contains {@code filter}, by username. */
    public List<ServerUser> list(String filter, int offset, int limit) {
        String pattern = LikePattern.contains(filter);
        return em.createQuery("SELECT u FROM ServerUser u WHERE LOWER(u.username) LIKE :p ESCAPE '!' "
                        + "OR LOWER(u.displayName) LIKE :p ESCAPE '!' OR LOWER(u.email) LIKE :p ESCAPE '!' "
                        + "ORDER BY u.username", ServerUser.class)
                .setParameter("p", pattern)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public ServerUser get(String username) throws AdminException {
        return repository.find(username).orElseThrow(() -> AdminException.notFound("user", username));
    }

    public Optional<ServerUser> find(String username) {
        return repository.find(username);
    }

    @Transactional(rollbackOn = AdminException.class)
    public ServerUser create(UserData data) throws AdminException {
        Optional<String> invalid = ServerUsernames.problem(data.username());
        if (invalid.isPresent()) {
            throw AdminException.invalid("username", invalid.get());
        }
        if (repository.find(data.username()).isPresent()) {
            throw AdminException.duplicate("username", data.username());
        }
        config.checkPassword(data.password());
        ServerUser user = repository.create(data.username(), data.displayName(), data.email(),
                hasher.hash(data.password()), data.role());
        user.setFirstName(data.firstName());
        user.setLastName(data.lastName());
        LOG.log(Level.INFO, "Created server user {0} ({1})", new Object[] {data.username(), data.role()});
        return user;
    }

    /** Creates a user that logs in only through single sign-on (no password). */
    @Transactional
    public ServerUser provision(String username, String displayName, String email, ServerRole role) {
        ServerUser user = repository.create(username, displayName, email, null, role);
        LOG.log(Level.INFO, "Provisioned server user {0} ({1}) from single sign-on", new Object[] {username, role});
        return user;
    }

    /** Updates names, email and role; {@code data.role()} may be {@code null} to keep the role. */
    @Transactional(rollbackOn = AdminException.class)
    public void update(String username, UserData data) throws AdminException {
        ServerUser user = managed(username);
        user.setDisplayName(data.displayName());
        user.setFirstName(data.firstName());
        user.setLastName(data.lastName());
        user.setEmail(data.email());
        if (data.role() != null) {
            user.setRole(data.role());
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void setRole(String username, ServerRole role) throws AdminException {
        managed(username).setRole(role);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void setPassword(String username, String password) throws AdminException {
        config.checkPassword(password);
        managed(username).setPasswordHash(hasher.hash(password));
    }

    /** Deletes a user with their tokens, keys, roles and favourites: their credentials stop working at once. */
    @Transactional(rollbackOn = AdminException.class)
    public void delete(String username) throws AdminException {
        ServerUser user = managed(username);
        for (String table : List.of("server_session_tokens", "server_api_keys", "server_user_roles",
                "server_favorite_domains")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE user_ref = ?1").setParameter(1, user.getId())
                    .executeUpdate();
        }
        em.remove(user);
        LOG.log(Level.INFO, "Deleted server user {0}", username);
    }

    @Transactional
    public void recordLogin(String userRef) {
        ServerUser user = em.find(ServerUser.class, userRef);
        if (user != null) {
            user.setLastLogin(Instant.now());
        }
    }

    // ---- favourites

    public List<Domain> favoriteDomains(String userRef) {
        @SuppressWarnings("unchecked")
        List<String> refs = em.createNativeQuery("SELECT domain_ref FROM server_favorite_domains WHERE user_ref = ?1")
                .setParameter(1, userRef)
                .getResultList();
        if (refs.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT d FROM Domain d WHERE d.id IN :refs ORDER BY d.namespaceId, d.domainId",
                        Domain.class)
                .setParameter("refs", refs)
                .getResultList();
    }

    private boolean isFavorite(String userRef, String domainRef) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM server_favorite_domains WHERE user_ref = ?1 "
                        + "AND domain_ref = ?2")
                .setParameter(1, userRef).setParameter(2, domainRef).getSingleResult()).longValue() > 0;
    }

    @Transactional(rollbackOn = AdminException.class)
    public void addFavorite(String userRef, String namespace, String domainId) throws AdminException {
        Domain domain = domains.find(namespace, domainId)
                .orElseThrow(() -> AdminException.notFound("domain", namespace + "/" + domainId));
        if (!isFavorite(userRef, domain.getId())) {
            em.createNativeQuery("INSERT INTO server_favorite_domains (user_ref, domain_ref) VALUES (?1, ?2)")
                    .setParameter(1, userRef).setParameter(2, domain.getId()).executeUpdate();
        }
    }

    @Transactional
    public void removeFavorite(String userRef, String namespace, String domainId) {
        domains.find(namespace, domainId).ifPresent(domain ->
                em.createNativeQuery("DELETE FROM server_favorite_domains WHERE user_ref = ?1 AND domain_ref = ?2")
                        .setParameter(1, userRef).setParameter(2, domain.getId()).executeUpdate());
    }

    // ---- roles

    /** The access profile of {@code user}, authenticated by {@code method}. */
    public AccessProfile profile(ServerUser user, String method) {
        Map<String, TargetRole> namespaceRoles = new HashMap<>();
        Map<String, TargetRole> domainRoles = new HashMap<>();
        em.createQuery("SELECT r FROM ServerUserRole r WHERE r.userRef = :user", ServerUserRole.class)
                .setParameter("user", user.getId())
                .getResultStream()
                .forEach(r -> (r.getTargetType() == TargetRole.TargetType.NAMESPACE ? namespaceRoles : domainRoles)
                        .put(r.getTargetId(), r.getRole()));
        return new AccessProfile(user.getId(), user.getUsername(), method, user.getRole(), namespaceRoles, domainRoles);
    }

    /** Username → role on the target, by username. */
    public Map<String, TargetRole> roles(TargetRole.TargetType type, String targetId) {
        Map<String, TargetRole> result = new LinkedHashMap<>();
        em.createQuery("SELECT u.username, r.role FROM ServerUserRole r, ServerUser u WHERE r.userRef = u.id "
                        + "AND r.targetType = :type AND r.targetId = :target ORDER BY u.username", Object[].class)
                .setParameter("type", type)
                .setParameter("target", targetId)
                .getResultStream()
                .forEach(row -> result.put((String) row[0], (TargetRole) row[1]));
        return result;
    }

    /** Gives each named user the role on the target (replacing a role they had there). */
    @Transactional(rollbackOn = AdminException.class)
    public void setRoles(TargetRole.TargetType type, String targetId, Map<String, TargetRole> roles)
            throws AdminException {
        for (Map.Entry<String, TargetRole> entry : roles.entrySet()) {
            ServerUser user = get(entry.getKey());
            Optional<ServerUserRole> existing = findRole(user.getId(), type, targetId);
            if (existing.isPresent()) {
                existing.get().setRole(entry.getValue());
            } else {
                em.persist(new ServerUserRole(user.getId(), type, targetId, entry.getValue()));
            }
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void removeRole(TargetRole.TargetType type, String targetId, String username) throws AdminException {
        ServerUser user = get(username);
        ServerUserRole role = findRole(user.getId(), type, targetId)
                .orElseThrow(() -> AdminException.notFound("role of user", username));
        em.remove(role);
    }

    /** Removes every role on the target (when it is deleted). */
    @Transactional
    public void removeRoles(TargetRole.TargetType type, String targetId) {
        em.createQuery("DELETE FROM ServerUserRole r WHERE r.targetType = :type AND r.targetId = :target")
                .setParameter("type", type)
                .setParameter("target", targetId)
                .executeUpdate();
    }

    /** Server-wide roles of all users, by username. */
    public Map<String, ServerRole> serverRoles() {
        Map<String, ServerRole> result = new LinkedHashMap<>();
        em.createQuery("SELECT u FROM ServerUser u ORDER BY u.username", ServerUser.class)
                .getResultStream()
                .forEach(u -> result.put(u.getUsername(), u.getRole()));
        return result;
    }

    private Optional<ServerUserRole> findRole(String userRef, TargetRole.TargetType type, String targetId) {
        return em.createQuery("SELECT r FROM ServerUserRole r WHERE r.userRef = :user AND r.targetType = :type "
                        + "AND r.targetId = :target", ServerUserRole.class)
                .setParameter("user", userRef)
                .setParameter("type", type)
                .setParameter("target", targetId)
                .getResultStream()
                .findFirst();
    }

    private ServerUser managed(String username) throws AdminException {
        ServerUser user = get(username);
        return em.find(ServerUser.class, user.getId());
    }
}
