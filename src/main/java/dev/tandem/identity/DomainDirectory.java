package dev.tandem.identity;

import dev.tandem.admin.AdminException;
import dev.tandem.security.PasswordHasher;
import dev.tandem.tenant.Domain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
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

    @Inject
    DomainUserRepository users;

    @Inject
    SessionRepository sessions;

    @Inject
    Event<SessionDisconnectRequested> disconnectRequested;

    private final PasswordHasher hasher = new PasswordHasher();

    /** A normal user's fields; {@code null} leaves a field as it is on update. */
    public record UserFields(String displayName, String firstName, String lastName, String email, Boolean disabled) {}

    /**
     * The domain administrator {@code username} as realtime clients see users, created if absent: whom the admin API
     * names as the author of the changes it makes to chats and activities.
     */
    public DomainUserView administrator(Domain domain, String username) {
        return users.ensureAdministrator(domain, username).view();
    }

    // ---- users

    public List<DomainUser> users(Domain domain, String filter, int offset, int limit) {
        return users.findNormal(domain, filter, offset, limit);
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
            users.setDisabled(user, true);
        }
        return user;
    }

    @Transactional(rollbackOn = AdminException.class)
    public void updateUser(Domain domain, String username, UserFields fields) throws AdminException {
        users.update(
                user(domain, username),
                fields.displayName(),
                fields.firstName(),
                fields.lastName(),
                fields.email(),
                fields.disabled());
    }

    @Transactional(rollbackOn = AdminException.class)
    public void setPassword(Domain domain, String username, String password) throws AdminException {
        users.updatePasswordHash(user(domain, username), hasher.hash(password));
    }

    /** Deletes a user with their memberships, reconnect tokens and session records. */
    @Transactional(rollbackOn = AdminException.class)
    public void deleteUser(Domain domain, String username) throws AdminException {
        users.delete(user(domain, username));
    }

    // ---- groups

    public List<UserGroup> groups(Domain domain, String filter, int offset, int limit) {
        return users.findGroups(domain, filter, offset, limit);
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
        UserGroup group = group(domain, groupId);
        users.setDescription(group, description);
        if (members != null) {
            List<DomainUser> memberUsers = resolve(domain, members);
            users.removeMembers(group);
            for (DomainUser member : memberUsers) {
                users.addMember(group, member);
            }
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void deleteGroup(Domain domain, String groupId) throws AdminException {
        users.deleteGroup(group(domain, groupId));
    }

    @Transactional(rollbackOn = AdminException.class)
    public void addMember(Domain domain, String groupId, String username) throws AdminException {
        users.addMember(group(domain, groupId), user(domain, username));
    }

    @Transactional(rollbackOn = AdminException.class)
    public void removeMember(Domain domain, String groupId, String username) throws AdminException {
        UserGroup group = group(domain, groupId);
        DomainUser user = user(domain, username);
        if (!users.removeMember(group, user)) {
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

    public List<DomainSession> sessions(Domain domain, SessionRepository.Filter filter, int offset, int limit) {
        return sessions.find(domain, filter, offset, limit);
    }

    public DomainSession session(Domain domain, String sessionId) throws AdminException {
        DomainSession session = sessions.find(sessionId).orElse(null);
        if (session == null || !session.getDomain().getId().equals(domain.getId())) {
            throw AdminException.notFound("session", sessionId);
        }
        return session;
    }

    /**
     * Asks the realtime side to close an open session's socket (the client may then reconnect, as after any lost
     * connection, with a session of its own). A session that has already ended is a conflict, not a silent success,
     * so the console can say so.
     */
    public void disconnect(Domain domain, String sessionId) throws AdminException {
        DomainSession session = session(domain, sessionId);
        if (session.getDisconnectedAt() != null) {
            throw AdminException.conflict("session_disconnected", "session '" + sessionId + "' has already ended");
        }
        disconnectRequested.fire(
                new SessionDisconnectRequested(domain.getNamespaceId(), domain.getDomainId(), sessionId));
    }
}
