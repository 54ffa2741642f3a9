package dev.tandem.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looks up a domain's users, groups and sessions for clients: who is this, find people, which groups. Read-only;
 * every query is bounded by the domain named ({@code namespace/domainId}) and by the size of the request, and none
 * loads more than it returns.
 *
 * <p>Every read runs in a transaction of its own (or the caller's), although it writes nothing: without one, the
 * container's entity manager for this bean hands each query a non-transactional entity manager that it keeps in one
 * field for every thread, and the next query on another thread closes it. Two model writers resolving session users
 * at once after a restart (their reconnected clients resynchronizing) then failed with "Attempting to execute an
 * operation on a closed EntityManager", which failed their models. A transaction gets each thread its own entity
 * manager. The results are detached values ({@link DomainUserView}, {@link UserGroupView}), never entities.
 */
@ApplicationScoped
@Transactional
public class IdentityService {

    /** The most ids one request may name; a larger request is refused rather than turned into a huge query. */
    public static final int MAX_IDS_PER_REQUEST = 1000;

    private static final String IN_DOMAIN = "u.domain.namespaceId = :ns AND u.domain.domainId = :domain";

    @PersistenceContext(unitName = "tandem")
    EntityManager em;

    /**
     * The users among {@code ids} that exist, in the order first named, each once. Unknown ids are simply absent.
     *
     * @throws IllegalArgumentException if more than {@value #MAX_IDS_PER_REQUEST} ids are named
     */
    public List<DomainUserView> users(String namespace, String domainId, Collection<DomainUserId> ids) {
        Set<DomainUserId> wanted = new LinkedHashSet<>(ids);
        checkSize(wanted.size(), "users");
        Map<DomainUserId, DomainUser> found = find(namespace, domainId, wanted);
        List<DomainUserView> result = new ArrayList<>(found.size());
        for (DomainUserId id : wanted) {
            DomainUser user = found.get(id);
            if (user != null) {
                result.add(user.view());
            }
        }
        return result;
    }

    /** One page of the normal users matching {@code search}; see {@link UserSearch}. */
    public List<DomainUserView> search(String namespace, String domainId, UserSearch search) {
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
                .getResultStream()
                .map(DomainUser::view)
                .toList();
    }

    /**
     * The groups {@code groupIds}, in the order first named, each once, with their members.
     *
     * @throws GroupNotFoundException   naming the first id that is not a group of the domain
     * @throws IllegalArgumentException if more than {@value #MAX_IDS_PER_REQUEST} ids are named
     */
    public List<UserGroupView> groups(String namespace, String domainId, Collection<String> groupIds) {
        Set<String> wanted = new LinkedHashSet<>(groupIds);
        checkSize(wanted.size(), "groups");
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, UserGroup> groups = em.createQuery(
                        "SELECT g FROM UserGroup g WHERE g.domain.namespaceId = :ns "
                                + "AND g.domain.domainId = :domain AND g.groupId IN :ids",
                        UserGroup.class)
                .setParameter("ns", namespace)
                .setParameter("domain", domainId)
                .setParameter("ids", wanted)
                .getResultStream()
                .collect(Collectors.toMap(UserGroup::getGroupId, g -> g));
        for (String id : wanted) {
            if (!groups.containsKey(id)) {
                throw new GroupNotFoundException(id);
            }
        }
        Map<String, List<DomainUserId>> members = new HashMap<>();
        List<Object[]> rows = em.createQuery(
                        "SELECT m.group.groupId, m.user.type, m.user.username FROM GroupMembership m "
                                + "WHERE m.group.id IN :refs ORDER BY m.user.username",
                        Object[].class)
                .setParameter(
                        "refs", groups.values().stream().map(UserGroup::getId).toList())
                .getResultList();
        for (Object[] row : rows) {
            members.computeIfAbsent((String) row[0], k -> new ArrayList<>())
                    .add(new DomainUserId((UserType) row[1], (String) row[2]));
        }
        List<UserGroupView> result = new ArrayList<>(wanted.size());
        for (String id : wanted) {
            result.add(new UserGroupView(id, groups.get(id).getDescription(), members.getOrDefault(id, List.of())));
        }
        return result;
    }

    /**
     * The ids of the groups each of {@code users} belongs to (sorted; empty for a user in no group), in the order
     * the users were first named, each once.
     *
     * @throws UserNotFoundException    naming the first user the domain does not have
     * @throws IllegalArgumentException if more than {@value #MAX_IDS_PER_REQUEST} users are named
     */
    public Map<DomainUserId, List<String>> groupsForUsers(
            String namespace, String domainId, Collection<DomainUserId> users) {
        Set<DomainUserId> wanted = new LinkedHashSet<>(users);
        checkSize(wanted.size(), "users");
        Map<DomainUserId, DomainUser> found = find(namespace, domainId, wanted);
        for (DomainUserId id : wanted) {
            if (!found.containsKey(id)) {
                throw new UserNotFoundException(id);
            }
        }
        Map<String, List<String>> groupsByUserRef = new HashMap<>();
        if (!found.isEmpty()) {
            List<Object[]> rows = em.createQuery(
                            "SELECT m.user.id, m.group.groupId FROM GroupMembership m "
                                    + "WHERE m.user.id IN :refs ORDER BY m.group.groupId",
                            Object[].class)
                    .setParameter(
                            "refs",
                            found.values().stream().map(DomainUser::getId).toList())
                    .getResultList();
            for (Object[] row : rows) {
                groupsByUserRef
                        .computeIfAbsent((String) row[0], k -> new ArrayList<>())
                        .add((String) row[1]);
            }
        }
        Map<DomainUserId, List<String>> result = new LinkedHashMap<>();
        for (DomainUserId id : wanted) {
            result.put(
                    id, List.copyOf(groupsByUserRef.getOrDefault(found.get(id).getId(), List.of())));
        }
        return result;
    }

    /**
     * The users behind {@code sessionIds} (open or ended) of the domain; sessions it does not know are absent. For
     * naming sessions connected elsewhere (other nodes, closed since) to a client.
     */
    public Map<String, DomainUserView> sessionUsers(String namespace, String domainId, Collection<String> sessionIds) {
        Set<String> wanted = new LinkedHashSet<>(sessionIds);
        checkSize(wanted.size(), "sessions");
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, DomainUserView> result = new LinkedHashMap<>();
        em.createQuery(
                        "SELECT s.id, s.user FROM DomainSession s WHERE s.domain.namespaceId = :ns "
                                + "AND s.domain.domainId = :domain AND s.id IN :ids",
                        Object[].class)
                .setParameter("ns", namespace)
                .setParameter("domain", domainId)
                .setParameter("ids", wanted)
                .getResultStream()
                .forEach(row -> result.put((String) row[0], ((DomainUser) row[1]).view()));
        return result;
    }

    private Map<DomainUserId, DomainUser> find(String namespace, String domainId, Set<DomainUserId> ids) {
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

    private static void checkSize(int size, String what) {
        if (size > MAX_IDS_PER_REQUEST) {
            throw new IllegalArgumentException("at most " + MAX_IDS_PER_REQUEST + " " + what + " per request");
        }
    }
}
