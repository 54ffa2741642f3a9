package dev.tandem.admin;

import dev.tandem.persistence.LikePattern;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ServerUserRepository} on JPA: the server's own users, their roles and favourite domains. */
@ApplicationScoped
@Transactional // reads too: see dev.tandem.persistence
public class JpaServerUserRepository implements ServerUserRepository {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Override
    public Optional<ServerUser> find(String username) {
        return em.createQuery("SELECT u FROM ServerUser u WHERE u.username = :username", ServerUser.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /** The account that the single sign-on identity {@code (issuer, subject)} owns. */
    @Override
    public Optional<ServerUser> findBySso(String issuer, String subject) {
        return em.createQuery(
                        "SELECT u FROM ServerUser u WHERE u.ssoIssuer = :issuer AND u.ssoSubject = :subject",
                        ServerUser.class)
                .setParameter("issuer", issuer)
                .setParameter("subject", subject)
                .getResultStream()
                .findFirst();
    }

    /** Creates a server user; {@code passwordHash} is in {@link dev.tandem.security.PasswordHasher} format. */
    @Override
    public ServerUser create(String username, String displayName, String email, String passwordHash, ServerRole role) {
        ServerUser user = new ServerUser(username, displayName, email, passwordHash, role, Instant.now());
        em.persist(user);
        return user;
    }

    /** Replaces a user's password hash ({@link dev.tandem.security.PasswordHasher} format). */
    @Override
    public void setPasswordHash(ServerUser user, String passwordHash) {
        em.find(ServerUser.class, user.getId()).setPasswordHash(passwordHash);
    }

    @Override
    public Optional<ServerUser> findById(String userRef) {
        return Optional.ofNullable(em.find(ServerUser.class, userRef));
    }

    @Override
    public List<ServerUser> findAll() {
        return em.createQuery("SELECT u FROM ServerUser u ORDER BY u.username", ServerUser.class)
                .getResultList();
    }

    @Override
    public List<ServerUser> findMatching(String filter, int offset, int limit) {
        return em.createQuery(
                        "SELECT u FROM ServerUser u WHERE LOWER(u.username) LIKE :p ESCAPE '!' "
                                + "OR LOWER(u.displayName) LIKE :p ESCAPE '!' OR LOWER(u.email) LIKE :p ESCAPE '!' "
                                + "ORDER BY u.username",
                        ServerUser.class)
                .setParameter("p", LikePattern.contains(filter))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public void updateProfile(ServerUser user, String displayName, String firstName, String lastName, String email) {
        ServerUser managed = managed(user);
        managed.setDisplayName(displayName);
        managed.setFirstName(firstName);
        managed.setLastName(lastName);
        managed.setEmail(email);
    }

    @Override
    public void setRole(ServerUser user, ServerRole role) {
        managed(user).setRole(role);
    }

    @Override
    public void setSsoIdentity(ServerUser user, String issuer, String subject) {
        managed(user).setSsoIdentity(issuer, subject);
    }

    @Override
    public void recordLogin(String userRef, Instant at) {
        ServerUser user = em.find(ServerUser.class, userRef);
        if (user != null) {
            user.setLastLogin(at);
        }
    }

    @Override
    public void delete(ServerUser user) {
        for (String table :
                List.of("server_session_tokens", "server_api_keys", "server_user_roles", "server_favorite_domains")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE user_ref = ?1")
                    .setParameter(1, user.getId())
                    .executeUpdate();
        }
        em.remove(managed(user));
    }

    @Override
    public List<ServerUserRole> findRolesOf(String userRef) {
        return em.createQuery("SELECT r FROM ServerUserRole r WHERE r.userRef = :user", ServerUserRole.class)
                .setParameter("user", userRef)
                .getResultList();
    }

    @Override
    public Map<String, TargetRole> findRolesOn(TargetRole.TargetType type, String targetId) {
        Map<String, TargetRole> result = new LinkedHashMap<>();
        em.createQuery(
                        "SELECT u.username, r.role FROM ServerUserRole r, ServerUser u WHERE r.userRef = u.id "
                                + "AND r.targetType = :type AND r.targetId = :target ORDER BY u.username",
                        Object[].class)
                .setParameter("type", type)
                .setParameter("target", targetId)
                .getResultStream()
                .forEach(row -> result.put((String) row[0], (TargetRole) row[1]));
        return result;
    }

    @Override
    public Optional<ServerUserRole> findRole(String userRef, TargetRole.TargetType type, String targetId) {
        return em.createQuery(
                        "SELECT r FROM ServerUserRole r WHERE r.userRef = :user AND r.targetType = :type "
                                + "AND r.targetId = :target",
                        ServerUserRole.class)
                .setParameter("user", userRef)
                .setParameter("type", type)
                .setParameter("target", targetId)
                .getResultStream()
                .findFirst();
    }

    @Override
    public void putRole(String userRef, TargetRole.TargetType type, String targetId, TargetRole role) {
        Optional<ServerUserRole> existing = findRole(userRef, type, targetId);
        if (existing.isPresent()) {
            existing.get().setRole(role);
        } else {
            em.persist(new ServerUserRole(userRef, type, targetId, role));
        }
    }

    @Override
    public void removeRole(ServerUserRole role) {
        em.remove(em.contains(role) ? role : em.merge(role));
    }

    @Override
    public void removeRolesOn(TargetRole.TargetType type, String targetId) {
        em.createQuery("DELETE FROM ServerUserRole r WHERE r.targetType = :type AND r.targetId = :target")
                .setParameter("type", type)
                .setParameter("target", targetId)
                .executeUpdate();
    }

    @Override
    public List<Domain> findFavoriteDomains(String userRef) {
        @SuppressWarnings("unchecked")
        List<String> refs = em.createNativeQuery("SELECT domain_ref FROM server_favorite_domains WHERE user_ref = ?1")
                .setParameter(1, userRef)
                .getResultList();
        if (refs.isEmpty()) {
            return List.of();
        }
        return em.createQuery(
                        "SELECT d FROM Domain d WHERE d.id IN :refs ORDER BY d.namespaceId, d.domainId", Domain.class)
                .setParameter("refs", refs)
                .getResultList();
    }

    @Override
    public boolean isFavorite(String userRef, String domainRef) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM server_favorite_domains WHERE user_ref = ?1 "
                                        + "AND domain_ref = ?2")
                                .setParameter(1, userRef)
                                .setParameter(2, domainRef)
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    @Override
    public void addFavorite(String userRef, String domainRef) {
        em.createNativeQuery("INSERT INTO server_favorite_domains (user_ref, domain_ref) VALUES (?1, ?2)")
                .setParameter(1, userRef)
                .setParameter(2, domainRef)
                .executeUpdate();
    }

    @Override
    public void removeFavorite(String userRef, String domainRef) {
        em.createNativeQuery("DELETE FROM server_favorite_domains WHERE user_ref = ?1 AND domain_ref = ?2")
                .setParameter(1, userRef)
                .setParameter(2, domainRef)
                .executeUpdate();
    }

    // Not merge(): merging a copy read earlier would write its stale fields back.
    private ServerUser managed(ServerUser user) {
        return em.find(ServerUser.class, user.getId());
    }
}
