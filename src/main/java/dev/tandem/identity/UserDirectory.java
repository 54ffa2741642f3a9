package dev.tandem.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What other capabilities (chat, activity) ask identity about a domain's people: which users exist and which groups
 * they belong to. {@link IdentityService} implements it; a JVM test of a capability gives it a stand-in.
 */
public interface UserDirectory {

    /**
     * The users among {@code ids} that exist, in the order first named, each once. Unknown ids are simply absent.
     *
     * @throws IllegalArgumentException if more than {@value IdentityService#MAX_IDS_PER_REQUEST} ids are named
     */
    List<DomainUserView> users(String namespace, String domainId, Collection<DomainUserId> ids);

    /**
     * The ids of the groups each of {@code users} belongs to (sorted; empty for a user in no group), in the order
     * the users were first named, each once.
     *
     * @throws UserNotFoundException    naming the first user the domain does not have
     * @throws IllegalArgumentException if more than {@value IdentityService#MAX_IDS_PER_REQUEST} users are named
     */
    Map<DomainUserId, List<String>> groupsForUsers(String namespace, String domainId, Collection<DomainUserId> users);
}
