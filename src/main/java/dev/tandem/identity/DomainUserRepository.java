package dev.tandem.identity;

import dev.tandem.persistence.Ids;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A domain's users, groups and memberships. Every query is bounded by the domain it is given. */
@ApplicationScoped
public class DomainUserRepository {

    /** Prefix of the usernames made for anonymous logins. */
    public static final String ANONYMOUS_PREFIX = "anonymous-";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

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
    @Transactional
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
    @Transactional
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
    @Transactional
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
    @Transactional
    public DomainUser ensureAdministrator(Domain domain, String username) {
        return find(domain, UserType.CONVERGENCE, username).orElseGet(() -> {
            DomainUser user = new DomainUser(domainRef(domain), UserType.CONVERGENCE, username, Instant.now());
            user.setDisplayName(username);
            em.persist(user);
            return user;
        });
    }

    @Transactional
    public void updatePasswordHash(DomainUser user, String passwordHash) {
        em.find(DomainUser.class, user.getId()).setPasswordHash(passwordHash);
    }

    @Transactional
    public void setDisabled(DomainUser user, boolean disabled) {
        em.find(DomainUser.class, user.getId()).setDisabled(disabled);
    }

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
    @Transactional
    public UserGroup ensureGroup(Domain domain, String groupId, String description) {
        return findGroup(domain, groupId).orElseGet(() -> {
            UserGroup group = new UserGroup(domainRef(domain), groupId, description);
            em.persist(group);
            return group;
        });
    }

    /** Adds {@code user} to {@code group} unless already a member. */
    @Transactional
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
    public List<String> memberNamesOf(UserGroup group) {
        return em.createQuery(
                        "SELECT m.user.username FROM GroupMembership m WHERE m.domain.id = :domain "
                                + "AND m.group.id = :group ORDER BY m.user.username",
                        String.class)
                .setParameter("domain", group.getDomain().getId())
                .setParameter("group", group.getId())
                .getResultList();
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
