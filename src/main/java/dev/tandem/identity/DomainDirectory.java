package dev.tandem.identity;

import dev.tandem.admin.AdminException;
import dev.tandem.persistence.LikePattern;
import dev.tandem.security.PasswordHasher;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A domain's users, groups and sessions as the admin API manages them: paged listing, create, update, delete,
 * passwords, group membership, and session queries. Every query is bounded by the domain given. The admin API
 * addresses users by username and means the domain's normal users.
 */
@ApplicationScoped
public class DomainDirectory {

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Inject
    DomainUserRepository users;

    private final PasswordHasher hasher = new PasswordHasher();

    /** A normal user's fields; {@code null} leaves a field as it is on update. */
    public record UserFields(String displayName, String firstName, String lastName, String email, Boolean disabled) {}

    /** What to look for in a domain's sessions; {@code null} fields do not filter. */
    public record SessionFilter(
            String sessionId,
            String username,
            String remoteHost,
            String authMethod,
            boolean excludeDisconnected,
            UserType userType) {}

    /**
     * The domain administrator {@code username} as realtime clients see users, created if absent: whom the admin API
     * names as the author of the changes it makes to chats and activities.
     */
    public DomainUserView administrator(Domain domain, String username) {
        return users.ensureAdministrator(domain, username).view();
    }

    // ---- users

    public List<DomainUser> users(Domain domain, String filter, int offset, int limit) {
        return em.createQuery(
                        "SELECT u FROM DomainUser u WHERE u.domain.id = :domain AND u.type = :type AND "
                                + "(LOWER(u.username) LIKE :p ESCAPE '!' OR LOWER(u.displayName) LIKE :p ESCAPE '!' "
                                + "OR LOWER(u.email) LIKE :p ESCAPE '!') ORDER BY u.username",
                        DomainUser.class)
                .setParameter("domain", domain.getId())
                .setParameter("type", UserType.NORMAL)
                .setParameter("p", LikePattern.contains(filter))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public DomainUser user(Domain domain, String username) throws AdminException {
        return users.find(domain, UserType.NORMAL, username)
                .orElseThrow(() -> AdminException.notFound("user", username));
    }

    @Transactional(rollbackOn = AdminException.class)
    public DomainUser createUser(Domain domain, String username, String password, UserFields fields)
            throws AdminException {
        if (users.find(domain, UserType.NORMAL, username).isPresent()) {
            throw AdminException.duplicate("username", username);
        }
        DomainUser user = users.createNormal(
                domain,
                username,
                password == null ? null : hasher.hash(password),
                fields.displayName(),
                fields.firstName(),
                fields.lastName(),
                fields.email());
        if (Boolean.TRUE.equals(fields.disabled())) {
            user.setDisabled(true);
        }
        return user;
    }

    @Transactional(rollbackOn = AdminException.class)
    public void updateUser(Domain domain, String username, UserFields fields) throws AdminException {
        DomainUser user = em.find(DomainUser.class, user(domain, username).getId());
        if (fields.displayName() != null) {
            user.setDisplayName(fields.displayName());
        }
        if (fields.firstName() != null) {
            user.setFirstName(fields.firstName());
        }
        if (fields.lastName() != null) {
            user.setLastName(fields.lastName());
        }
        if (fields.email() != null) {
            user.setEmail(fields.email());
        }
        if (fields.disabled() != null) {
            user.setDisabled(fields.disabled());
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void setPassword(Domain domain, String username, String password) throws AdminException {
        em.find(DomainUser.class, user(domain, username).getId()).setPasswordHash(hasher.hash(password));
    }

    /** Deletes a user with their memberships, reconnect tokens and session records. */
    @Transactional(rollbackOn = AdminException.class)
    public void deleteUser(Domain domain, String username) throws AdminException {
        DomainUser user = user(domain, username);
        for (String table : List.of("user_group_members", "reconnect_tokens", "sessions")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE domain_ref = ?1 AND user_ref = ?2")
                    .setParameter(1, domain.getId())
                    .setParameter(2, user.getId())
                    .executeUpdate();
        }
        em.remove(em.find(DomainUser.class, user.getId()));
    }

    // ---- groups

    public List<UserGroup> groups(Domain domain, String filter, int offset, int limit) {
        return em.createQuery(
                        "SELECT g FROM UserGroup g WHERE g.domain.id = :domain AND "
                                + "(LOWER(g.groupId) LIKE :p ESCAPE '!' OR LOWER(g.description) LIKE :p ESCAPE '!') "
                                + "ORDER BY g.groupId",
                        UserGroup.class)
                .setParameter("domain", domain.getId())
                .setParameter("p", LikePattern.contains(filter))
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    public UserGroup group(Domain domain, String groupId) throws AdminException {
        return users.findGroup(domain, groupId).orElseThrow(() -> AdminException.notFound("group", groupId));
    }

    /** Member usernames of each group, by group id. */
    public Map<String, List<String>> members(Collection<UserGroup> groups) {
        return groups.stream()
                .collect(java.util.stream.Collectors.toMap(
                        UserGroup::getGroupId, users::memberNamesOf, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Transactional(rollbackOn = AdminException.class)
    public UserGroup createGroup(Domain domain, String groupId, String description, Collection<String> members)
            throws AdminException {
        if (users.findGroup(domain, groupId).isPresent()) {
            throw AdminException.duplicate("id", groupId);
        }
        List<DomainUser> memberUsers = resolve(domain, members);
        UserGroup group = users.ensureGroup(domain, groupId, description);
        for (DomainUser member : memberUsers) {
            users.addMember(group, member);
        }
        return group;
    }

    /** Sets description and, when {@code members} is not {@code null}, exactly these members. */
    @Transactional(rollbackOn = AdminException.class)
    public void updateGroup(Domain domain, String groupId, String description, Collection<String> members)
            throws AdminException {
        UserGroup group = em.find(UserGroup.class, group(domain, groupId).getId());
        group.setDescription(description);
        if (members != null) {
            List<DomainUser> memberUsers = resolve(domain, members);
            em.createNativeQuery("DELETE FROM user_group_members WHERE domain_ref = ?1 AND group_ref = ?2")
                    .setParameter(1, domain.getId())
                    .setParameter(2, group.getId())
                    .executeUpdate();
            for (DomainUser member : memberUsers) {
                users.addMember(group, member);
            }
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteGroup(Domain domain, String groupId) throws AdminException {
        UserGroup group = group(domain, groupId);
        em.createNativeQuery("DELETE FROM user_group_members WHERE domain_ref = ?1 AND group_ref = ?2")
                .setParameter(1, domain.getId())
                .setParameter(2, group.getId())
                .executeUpdate();
        em.remove(em.find(UserGroup.class, group.getId()));
    }

    @Transactional(rollbackOn = AdminException.class)
    public void addMember(Domain domain, String groupId, String username) throws AdminException {
        users.addMember(group(domain, groupId), user(domain, username));
    }

    @Transactional(rollbackOn = AdminException.class)
    public void removeMember(Domain domain, String groupId, String username) throws AdminException {
        UserGroup group = group(domain, groupId);
        DomainUser user = user(domain, username);
        int removed = em.createNativeQuery("DELETE FROM user_group_members WHERE domain_ref = ?1 AND group_ref = ?2 "
                        + "AND user_ref = ?3")
                .setParameter(1, domain.getId())
                .setParameter(2, group.getId())
                .setParameter(3, user.getId())
                .executeUpdate();
        if (removed == 0) {
            throw AdminException.notFound("member", username);
        }
    }

    private List<DomainUser> resolve(Domain domain, Collection<String> usernames) throws AdminException {
        List<DomainUser> result = new java.util.ArrayList<>();
        for (String username : usernames == null ? List.<String>of() : usernames) {
            result.add(user(domain, username));
        }
        return result;
    }

    // ---- sessions

    public List<DomainSession> sessions(Domain domain, SessionFilter filter, int offset, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT s FROM DomainSession s WHERE s.domain.id = :domain");
        if (filter.sessionId() != null) {
            jpql.append(" AND s.id = :sessionId");
        }
        if (filter.username() != null) {
            jpql.append(" AND s.user.username = :username");
        }
        if (filter.remoteHost() != null) {
            jpql.append(" AND s.remoteHost = :remoteHost");
        }
        if (filter.authMethod() != null) {
            jpql.append(" AND s.authMethod = :authMethod");
        }
        if (filter.excludeDisconnected()) {
            jpql.append(" AND s.disconnectedAt IS NULL");
        }
        if (filter.userType() != null) {
            jpql.append(" AND s.user.type = :userType");
        }
        jpql.append(" ORDER BY s.connectedAt DESC, s.id");
        TypedQuery<DomainSession> query =
                em.createQuery(jpql.toString(), DomainSession.class).setParameter("domain", domain.getId());
        if (filter.sessionId() != null) {
            query.setParameter("sessionId", filter.sessionId());
        }
        if (filter.username() != null) {
            query.setParameter("username", filter.username());
        }
        if (filter.remoteHost() != null) {
            query.setParameter("remoteHost", filter.remoteHost());
        }
        if (filter.authMethod() != null) {
            query.setParameter("authMethod", filter.authMethod());
        }
        if (filter.userType() != null) {
            query.setParameter("userType", filter.userType());
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public DomainSession session(Domain domain, String sessionId) throws AdminException {
        DomainSession session = em.find(DomainSession.class, sessionId);
        if (session == null || !session.getDomain().getId().equals(domain.getId())) {
            throw AdminException.notFound("session", sessionId);
        }
        return session;
    }
}
