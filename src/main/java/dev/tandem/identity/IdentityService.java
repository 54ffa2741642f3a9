package dev.tandem.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks up a domain's users, groups and sessions for clients: who is this, find people, which groups. Read-only;
 * every query is bounded by the domain named ({@code namespace/domainId}) and by the size of the request, and none
 * loads more than it returns. The rows come from {@link DomainUserRepository} and {@link SessionRepository}; other
 * capabilities know the part they need as {@link UserDirectory}.
 *
 * <p>Every read runs in a transaction of its own (or the caller's), although it writes nothing, as every repository
 * read does (see {@link dev.tandem.persistence}): two model writers resolving session users at once after a restart
 * once failed with "Attempting to execute an operation on a closed EntityManager", which failed their models. Here
 * the transaction also makes one entity manager serve all the reads of one request. The results are detached values
 * ({@link DomainUserView}, {@link UserGroupView}), never entities.
 */
@ApplicationScoped
@Transactional
public class IdentityService implements UserDirectory {

    /** The most ids one request may name; a larger request is refused rather than turned into a huge query. */
    public static final int MAX_IDS_PER_REQUEST = 1000;

    @Inject
    DomainUserRepository repository;

    @Inject
    SessionRepository sessions;

    @Override
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
        return repository.search(namespace, domainId, search).stream()
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
        Map<String, UserGroup> groups = repository.findGroups(namespace, domainId, wanted);
        for (String id : wanted) {
            if (!groups.containsKey(id)) {
                throw new GroupNotFoundException(id);
            }
        }
        Map<String, List<DomainUserId>> members = repository.membersOf(groups.values());
        List<UserGroupView> result = new ArrayList<>(wanted.size());
        for (String id : wanted) {
            result.add(new UserGroupView(id, groups.get(id).getDescription(), members.getOrDefault(id, List.of())));
        }
        return result;
    }

    @Override
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
        Map<String, List<String>> groupsByUserRef = repository.groupIdsOf(found.values());
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
        sessions.usersOf(namespace, domainId, wanted).forEach((id, user) -> result.put(id, user.view()));
        return result;
    }

    private Map<DomainUserId, DomainUser> find(String namespace, String domainId, Set<DomainUserId> ids) {
        return repository.findAll(namespace, domainId, ids);
    }

    private static void checkSize(int size, String what) {
        if (size > MAX_IDS_PER_REQUEST) {
            throw new IllegalArgumentException("at most " + MAX_IDS_PER_REQUEST + " " + what + " per request");
        }
    }
}
