package dev.tandem.identity;

import dev.tandem.persistence.Ids;
import dev.tandem.persistence.LikePattern;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link DomainUserRepository} on JPA: a domain's users, groups and memberships. */
@ApplicationScoped
@Transactional // reads too: see dev.tandem.persistence
public class JpaDomainUserRepository implements DomainUserRepository {

    private static final String IN_DOMAIN = "u.domain.namespaceId = :ns AND u.domain.domainId = :domain";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    @Override
    public Optional<DomainUser> find(Domain domain, UserType type, String username) {
        return em.createQuery(
                        "SELECT u FROM DomainUser u WHERE u.domain.id = :domain AND u.type = :type "
                                + "AND u.username = :username",
                        DomainUser.class)
                .setParameter("domain", domain.getId())
                .setParameter("type", type)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /** Creates a normal user; {@code passwordHash} ({@code PasswordHasher} format) may be {@code null}. */
    @Override
    public DomainUser createNormal(
            Domain domain,
            String username,
            String passwordHash,
            String displayName,
            String firstName,
            String lastName,
            String email) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        DomainUser user = new DomainUser(domainRef(domain), UserType.NORMAL, username, Instant.now());
        user.setPasswordHash(passwordHash);
        user.setDisplayName(displayName);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(email);
        em.persist(user);
        return user;
    }

    /** Creates the user behind one anonymous login, with a generated unique username. */
    @Override
    public DomainUser createAnonymous(Domain domain, String displayName) {
        // 15 random bytes: collisions are out of reach, and the name stays short on screens and in logs.
        DomainUser user = new DomainUser(
                domainRef(domain), UserType.ANONYMOUS, ANONYMOUS_PREFIX + Ids.newSecret(15), Instant.now());
        user.setDisplayName(displayName == null || displayName.isBlank() ? null : displayName);
        em.persist(user);
        return user;
    }

    /**
     * The user a verified JWT names, created or updated just in time: the name and email claims it carries overwrite
     * the stored ones, and a {@code groups} claim sets the memberships to exactly those groups (creating missing
     * groups).
     */
    @Override
    public DomainUser upsertFromJwt(Domain domain, VerifiedJwt jwt) {
        UserType type = jwt.adminKey() ? UserType.CONVERGENCE : UserType.NORMAL;
        DomainUser user = find(domain, type, jwt.subject()).orElse(null);
        if (user == null) {
            user = new DomainUser(domainRef(domain), type, jwt.subject(), Instant.now());
            em.persist(user);
        }
        if (jwt.displayName() != null) {
            user.setDisplayName(jwt.displayName());
        }
        if (jwt.firstName() != null) {
            user.setFirstName(jwt.firstName());
        }
        if (jwt.lastName() != null) {
            user.setLastName(jwt.lastName());
        }
        if (jwt.email() != null) {
            user.setEmail(jwt.email());
        }
        if (jwt.groups() != null) {
            setGroups(domain, user, jwt.groups());
        }
        return user;
    }

    /**
     * The domain administrator {@code username} (a {@code CONVERGENCE} user), created if absent: what the admin API
     * acts as when it changes realtime state, so that clients shown its changes can resolve who made them.
     */
    @Override
    public DomainUser ensureAdministrator(Domain domain, String username) {
        return find(domain, UserType.CONVERGENCE, username).orElseGet(() -> {
            DomainUser user = new DomainUser(domainRef(domain), UserType.CONVERGENCE, username, Instant.now());
            user.setDisplayName(username);
            em.persist(user);
            return user;
        });
    }

    @Override
    public void updatePasswordHash(DomainUser user, String passwordHash) {
        em.find(DomainUser.class, user.getId()).setPasswordHash(passwordHash);
    }

    @Override
    public void setDisabled(DomainUser user, boolean disabled) {
        em.find(DomainUser.class, user.getId()).setDisabled(disabled);
    }

    @Override
    public Optional<UserGroup> findGroup(Domain domain, String groupId) {
        return em.createQuery(
                        "SELECT g FROM UserGroup g WHERE g.domain.id = :domain AND g.groupId = :groupId",
                        UserGroup.class)
                .setParameter("domain", domain.getId())
                .setParameter("groupId", groupId)
                .getResultStream()
                .findFirst();
    }

    /** The group {@code groupId}, created with {@code description} if absent. */
    @Override
    public UserGroup ensureGroup(Domain domain, String groupId, String description) {
        return findGroup(domain, groupId).orElseGet(() -> {
            UserGroup group = new UserGroup(domainRef(domain), groupId, description);
            em.persist(group);
            return group;
        });
    }

    /** Adds {@code user} to {@code group} unless already a member. */
    @Override
    public void addMember(UserGroup group, DomainUser user) {
        Long count = em.createQuery(
                        "SELECT COUNT(m) FROM GroupMembership m WHERE m.group.id = :group AND m.user.id = :user",
                        Long.class)
                .setParameter("group", group.getId())
                .setParameter("user", user.getId())
                .getSingleResult();
        if (count == 0) {
            // find(), not merge(): callers may hold copies read earlier, whose stale fields merge would write back
            em.persist(new GroupMembership(
                    em.find(UserGroup.class, group.getId()), em.find(DomainUser.class, user.getId())));
        }
    }

    /** The ids of the groups {@code user} belongs to, sorted. */
    @Override
    public List<String> groupIdsOf(DomainUser user) {
        return em.createQuery(
                        "SELECT m.group.groupId FROM GroupMembership m WHERE m.domain.id = :domain "
                                + "AND m.user.id = :user ORDER BY m.group.groupId",
                        String.class)
                .setParameter("domain", user.getDomain().getId())
                .setParameter("user", user.getId())
                .getResultList();
    }

    /** The usernames of a group's members, sorted. */
    @Override
    public List<String> memberNamesOf(UserGroup group) {
        return em.createQuery(
                        "SELECT m.user.username FROM GroupMembership m WHERE m.domain.id = :domain "
                                + "AND m.group.id = :group ORDER BY m.user.username",
                        String.class)
                .setParameter("domain", group.getDomain().getId())
                .setParameter("group", group.getId())
                .getResultList();
    }

    @Override
    public Map<DomainUserId, DomainUser> findAll(String namespace, String domainId, Collection<DomainUserId> ids) {
        // One query per user type (at most three): IN over (type, username) pairs is not portable JPQL.
        Map<UserType, List<String>> namesByType = new HashMap<>();
        for (DomainUserId id : ids) {
            namesByType.computeIfAbsent(id.type(), t -> new ArrayList<>()).add(id.username());
        }
        Map<DomainUserId, DomainUser> found = new HashMap<>();
        for (Map.Entry<UserType, List<String>> entry : namesByType.entrySet()) {
            TypedQuery<DomainUser> query = em.createQuery(
                            "SELECT u FROM DomainUser u WHERE " + IN_DOMAIN
                                    + " AND u.type = :type AND u.username IN :names",
                            DomainUser.class)
                    .setParameter("ns", namespace)
                    .setParameter("domain", domainId)
                    .setParameter("type", entry.getKey())
                    .setParameter("names", entry.getValue());
            query.getResultStream().forEach(u -> found.put(new DomainUserId(u.getType(), u.getUsername()), u));
        }
        return found;
    }

    @Override
    public List<DomainUser> findNormal(Domain domain, String filter, int offset, int limit) {
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

    @Override
    public List<DomainUser> search(String namespace, String domainId, UserSearch search) {
        // Field and direction names come from enums, never from the request, so building the text is safe.
        String where = search.fields().stream()
                .map(f -> "LOWER(u." + f.property() + ") LIKE :pattern ESCAPE '!'")
                .collect(Collectors.joining(" OR ", "(", ")"));
        String direction = search.ascending() ? " ASC" : " DESC";
        String order = "LOWER(u." + search.orderBy().property() + ")" + direction + " NULLS LAST"
                + (search.orderBy() == UserField.USERNAME ? "" : ", u.username ASC");
        return em.createQuery(
                        "SELECT u FROM DomainUser u WHERE " + IN_DOMAIN + " AND u.type = :type AND " + where
                                + " ORDER BY " + order,
                        DomainUser.class)
                .setParameter("ns", namespace)
                .setParameter("domain", domainId)
                .setParameter("type", UserType.NORMAL)
                .setParameter("pattern", search.likePattern())
                .setFirstResult(search.offset())
                .setMaxResults(search.limit())
                .getResultList();
    }

    @Override
    public void update(
            DomainUser user, String displayName, String firstName, String lastName, String email, Boolean disabled) {
        DomainUser managed = em.find(DomainUser.class, user.getId());
        if (displayName != null) {
            managed.setDisplayName(displayName);
        }
        if (firstName != null) {
            managed.setFirstName(firstName);
        }
        if (lastName != null) {
            managed.setLastName(lastName);
        }
        if (email != null) {
            managed.setEmail(email);
        }
        if (disabled != null) {
            managed.setDisabled(disabled);
        }
    }

    @Override
    public void delete(DomainUser user) {
        for (String table : List.of("user_group_members", "reconnect_tokens", "sessions")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE domain_ref = ?1 AND user_ref = ?2")
                    .setParameter(1, user.getDomain().getId())
                    .setParameter(2, user.getId())
                    .executeUpdate();
        }
        em.remove(em.find(DomainUser.class, user.getId()));
    }

    @Override
    public Map<String, UserGroup> findGroups(String namespace, String domainId, Collection<String> groupIds) {
        return em.createQuery(
                        "SELECT g FROM UserGroup g WHERE g.domain.namespaceId = :ns "
                                + "AND g.domain.domainId = :domain AND g.groupId IN :ids",
                        UserGroup.class)
                .setParameter("ns", namespace)
                .setParameter("domain", domainId)
                .setParameter("ids", groupIds)
                .getResultStream()
                .collect(Collectors.toMap(UserGroup::getGroupId, g -> g));
    }

    @Override
    public List<UserGroup> findGroups(Domain domain, String filter, int offset, int limit) {
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

    @Override
    public void setDescription(UserGroup group, String description) {
        em.find(UserGroup.class, group.getId()).setDescription(description);
    }

    @Override
    public void deleteGroup(UserGroup group) {
        removeMembers(group);
        em.remove(em.find(UserGroup.class, group.getId()));
    }

    @Override
    public boolean removeMember(UserGroup group, DomainUser user) {
        return em.createNativeQuery("DELETE FROM user_group_members WHERE domain_ref = ?1 AND group_ref = ?2 "
                                + "AND user_ref = ?3")
                        .setParameter(1, group.getDomain().getId())
                        .setParameter(2, group.getId())
                        .setParameter(3, user.getId())
                        .executeUpdate()
                > 0;
    }

    @Override
    public void removeMembers(UserGroup group) {
        em.createNativeQuery("DELETE FROM user_group_members WHERE domain_ref = ?1 AND group_ref = ?2")
                .setParameter(1, group.getDomain().getId())
                .setParameter(2, group.getId())
                .executeUpdate();
    }

    @Override
    public Map<String, List<DomainUserId>> membersOf(Collection<UserGroup> groups) {
        Map<String, List<DomainUserId>> members = new HashMap<>();
        if (groups.isEmpty()) {
            return members;
        }
        List<Object[]> rows = em.createQuery(
                        "SELECT m.group.groupId, m.user.type, m.user.username FROM GroupMembership m "
                                + "WHERE m.group.id IN :refs ORDER BY m.user.username",
                        Object[].class)
                .setParameter("refs", groups.stream().map(UserGroup::getId).toList())
                .getResultList();
        for (Object[] row : rows) {
            members.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                    .add(new DomainUserId((UserType) row[1], (String) row[2]));
        }
        return members;
    }

    @Override
    public Map<String, List<String>> groupIdsOf(Collection<DomainUser> users) {
        Map<String, List<String>> groupsByUserRef = new HashMap<>();
        if (users.isEmpty()) {
            return groupsByUserRef;
        }
        List<Object[]> rows = em.createQuery(
                        "SELECT m.user.id, m.group.groupId FROM GroupMembership m "
                                + "WHERE m.user.id IN :refs ORDER BY m.group.groupId",
                        Object[].class)
                .setParameter("refs", users.stream().map(DomainUser::getId).toList())
                .getResultList();
        for (Object[] row : rows) {
            groupsByUserRef
                    .computeIfAbsent((String) row[0], k -> new ArrayList<>())
                    .add((String) row[1]);
        }
        return groupsByUserRef;
    }

    private void setGroups(Domain domain, DomainUser user, Collection<String> groupIds) {
        Set<String> wanted = new HashSet<>(groupIds);
        List<GroupMembership> current = em.createQuery(
                        "SELECT m FROM GroupMembership m WHERE m.domain.id = :domain " + "AND m.user.id = :user",
                        GroupMembership.class)
                .setParameter("domain", domain.getId())
                .setParameter("user", user.getId())
                .getResultList();
        for (GroupMembership membership : current) {
            if (!wanted.remove(membership.getGroup().getGroupId())) {
                em.remove(membership);
            }
        }
        for (String groupId : wanted) {
            em.persist(new GroupMembership(ensureGroup(domain, groupId, null), user));
        }
    }

    private Domain domainRef(Domain domain) {
        return em.getReference(Domain.class, domain.getId());
    }
}
