package dev.tandem.identity;

import dev.tandem.tenant.Domain;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store of a domain's users, groups and memberships; every query is bounded by the domain it is given. Services
 * know it by this interface; CDI gives them {@link JpaDomainUserRepository}. Every method, reads too, joins the
 * caller's transaction or runs in its own (see {@link dev.tandem.persistence}). Entities it returns inside a
 * transaction belong to that transaction; change them through the methods here.
 */
public interface DomainUserRepository {

    /** Prefix of the usernames made for anonymous logins. */
    String ANONYMOUS_PREFIX = "anonymous-";

    // ---- users

    Optional<DomainUser> find(Domain domain, UserType type, String username);

    /**
     * The users among {@code ids} that domain {@code namespace/domainId} has, by id; one query per user type named.
     */
    Map<DomainUserId, DomainUser> findAll(String namespace, String domainId, Collection<DomainUserId> ids);

    /** One page of the normal users whose username, display name or email contains {@code filter}, by username. */
    List<DomainUser> findNormal(Domain domain, String filter, int offset, int limit);

    /** One page of the normal users matching {@code search}; see {@link UserSearch}. */
    List<DomainUser> search(String namespace, String domainId, UserSearch search);

    /** Creates a normal user; {@code passwordHash} ({@code PasswordHasher} format) may be {@code null}. */
    DomainUser createNormal(
            Domain domain,
            String username,
            String passwordHash,
            String displayName,
            String firstName,
            String lastName,
            String email);

    /** Creates the user behind one anonymous login, with a generated unique username. */
    DomainUser createAnonymous(Domain domain, String displayName);

    /**
     * The user a verified JWT names, created or updated just in time: the name and email claims it carries overwrite
     * the stored ones, and a {@code groups} claim sets the memberships to exactly those groups (creating missing
     * groups).
     */
    DomainUser upsertFromJwt(Domain domain, VerifiedJwt jwt);

    /**
     * The domain administrator {@code username} (a {@code CONVERGENCE} user), created if absent: what the admin API
     * acts as when it changes realtime state, so that clients shown its changes can resolve who made them.
     */
    DomainUser ensureAdministrator(Domain domain, String username);

    /** Changes a user's names, email and disabled flag; a {@code null} leaves that field as it is. */
    void update(DomainUser user, String displayName, String firstName, String lastName, String email, Boolean disabled);

    void updatePasswordHash(DomainUser user, String passwordHash);

    void setDisabled(DomainUser user, boolean disabled);

    /** Deletes a user with their memberships, reconnect tokens and session records. */
    void delete(DomainUser user);

    // ---- groups

    Optional<UserGroup> findGroup(Domain domain, String groupId);

    /** The groups among {@code groupIds} that domain {@code namespace/domainId} has, by group id. */
    Map<String, UserGroup> findGroups(String namespace, String domainId, Collection<String> groupIds);

    /** One page of the groups whose id or description contains {@code filter}, by id. */
    List<UserGroup> findGroups(Domain domain, String filter, int offset, int limit);

    /** The group {@code groupId}, created with {@code description} if absent. */
    UserGroup ensureGroup(Domain domain, String groupId, String description);

    void setDescription(UserGroup group, String description);

    /** Deletes a group with its memberships. */
    void deleteGroup(UserGroup group);

    // ---- memberships

    /** Adds {@code user} to {@code group} unless already a member. */
    void addMember(UserGroup group, DomainUser user);

    /** Removes {@code user} from {@code group}; false if not a member. */
    boolean removeMember(UserGroup group, DomainUser user);

    /** Removes every member of {@code group}. */
    void removeMembers(UserGroup group);

    /** The ids of the groups {@code user} belongs to, sorted. */
    List<String> groupIdsOf(DomainUser user);

    /** The usernames of a group's members, sorted. */
    List<String> memberNamesOf(UserGroup group);

    /**
     * The members of each of {@code groups} by group id, sorted by username; a group without members is absent.
     */
    Map<String, List<DomainUserId>> membersOf(Collection<UserGroup> groups);

    /**
     * The ids of the groups each of {@code users} belongs to, sorted, by the user's {@link DomainUser#getId() id}; a
     * user in no group is absent.
     */
    Map<String, List<String>> groupIdsOf(Collection<DomainUser> users);
}
