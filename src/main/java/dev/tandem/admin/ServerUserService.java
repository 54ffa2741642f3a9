package dev.tandem.admin;

import dev.tandem.security.PasswordHasher;
import dev.tandem.tenant.Domain;
import dev.tandem.tenant.DomainRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    ServerUserRepository repository;

    @Inject
    ServerConfigService config;

    @Inject
    DomainRepository domains;

    private final PasswordHasher hasher = new PasswordHasher();

    /** What is needed to create or update a server user; {@code password} only on create. */
    public record UserData(
            String username,
            String displayName,
            String firstName,
            String lastName,
            String email,
            ServerRole role,
            String password) {}

    /** One page of users whose username, display name or email contains {@code filter}, by username. */
    public List<ServerUser> list(String filter, int offset, int limit) {
        return repository.findMatching(filter, offset, limit);
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
        ServerUser user = repository.create(
                data.username(), data.displayName(), data.email(), hasher.hash(data.password()), data.role());
        repository.updateProfile(user, data.displayName(), data.firstName(), data.lastName(), data.email());
        LOG.log(Level.INFO, "Created server user {0} ({1})", new Object[] {data.username(), data.role()});
        return user;
    }

    /**
     * The account that a verified single sign-on identity owns, provisioned at its first use, with the server role
     * the token's groups map to. The account is found by the identity (issuer, subject), never by username alone, so
     * a token can not act as or change an account it does not own: a username that a local account or another
     * identity holds is refused, and so is one the REST API would refuse ({@link ServerUsernames}) and a disabled
     * account. An account that single sign-on provisioned before identities were recorded (no password, no
     * identity) is adopted by the first identity that maps to its username (see {@code V10__sso_identity.sql}).
     * The account keeps its username when the token's username claim changes later.
     *
     * @throws AdminException why the token does not get an account; its message may go to the caller
     */
    @Transactional(rollbackOn = AdminException.class)
    public ServerUser signInWithSso(SsoVerifier.SsoIdentity identity) throws AdminException {
        String who = "issuer " + ServerUsernames.quoted(identity.issuer()) + " subject "
                + ServerUsernames.quoted(identity.subject());
        Optional<ServerUser> owned = repository.findBySso(identity.issuer(), identity.subject());
        if (owned.isPresent()) {
            return signedIn(owned.get(), identity, who);
        }
        String username = identity.username();
        Optional<String> invalid = ServerUsernames.problem(username);
        if (invalid.isEmpty()
                && (identity.issuer().length() > 512 || identity.subject().length() > 255)) {
            invalid = Optional.of("the token's issuer or subject is too long");
        }
        if (invalid.isPresent()) {
            LOG.log(Level.INFO, "Refused single sign-on of {0} as {1}: {2}", new Object[] {
                who, ServerUsernames.quoted(username), invalid.get()
            });
            throw AdminException.invalid(
                    "username",
                    "single sign-on can not provision " + ServerUsernames.quoted(username) + ": " + invalid.get());
        }
        Optional<ServerUser> named = repository.find(username);
        if (named.isPresent()) {
            ServerUser holder = named.get();
            if (holder.isSso() || holder.getPasswordHash() != null) {
                LOG.log(Level.WARNING, "Refused single sign-on of {0}: username {1} belongs to {2}", new Object[] {
                    who,
                    ServerUsernames.quoted(username),
                    holder.isSso()
                            ? "another single sign-on identity"
                            : "a local account (tandem.sso.username-prefix gives single sign-on accounts names "
                                    + "of their own)"
                });
                throw AdminException.conflict(
                        "username_taken",
                        "the username " + ServerUsernames.quoted(username)
                                + " belongs to another account; single sign-on only signs in to accounts it created");
            }
            repository.setSsoIdentity(holder, identity.issuer(), identity.subject());
            LOG.log(
                    Level.INFO,
                    "Single sign-on {0} adopted server user {1}, provisioned before identities were " + "recorded",
                    new Object[] {who, ServerUsernames.quoted(username)});
            return signedIn(holder, identity, who);
        }
        ServerUser user = repository.create(username, identity.displayName(), identity.email(), null, identity.role());
        repository.setSsoIdentity(user, identity.issuer(), identity.subject());
        LOG.log(Level.INFO, "Provisioned server user {0} ({1}) for single sign-on {2}", new Object[] {
            ServerUsernames.quoted(username), identity.role().label(), who
        });
        return user;
    }

    /** The owned account, its role following the token's groups; refused when disabled. */
    private ServerUser signedIn(ServerUser owned, SsoVerifier.SsoIdentity identity, String who) throws AdminException {
        ServerUser user = repository.findById(owned.getId()).orElseThrow();
        if (user.isDisabled()) {
            LOG.log(Level.INFO, "Refused single sign-on of {0}: server user {1} is disabled", new Object[] {
                who, ServerUsernames.quoted(user.getUsername())
            });
            throw AdminException.forbidden("the user " + ServerUsernames.quoted(user.getUsername()) + " is disabled");
        }
        if (user.getRole() != identity.role()) {
            LOG.log(
                    Level.INFO,
                    "Single sign-on changed the server role of {0} ({1}) from {2} to {3} (groups {4})",
                    new Object[] {
                        ServerUsernames.quoted(user.getUsername()),
                        who,
                        user.getRole().label(),
                        identity.role().label(),
                        identity.groups().stream().map(ServerUsernames::quoted).toList()
                    });
            repository.setRole(user, identity.role());
        }
        return user;
    }

    /** Updates names, email and role; {@code data.role()} may be {@code null} to keep the role. */
    @Transactional(rollbackOn = AdminException.class)
    public void update(String username, UserData data) throws AdminException {
        ServerUser user = get(username);
        repository.updateProfile(user, data.displayName(), data.firstName(), data.lastName(), data.email());
        if (data.role() != null) {
            repository.setRole(user, data.role());
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void setRole(String username, ServerRole role) throws AdminException {
        repository.setRole(get(username), role);
    }

    /** Sets a local account's password; single sign-on accounts have none, so that only their identity signs in. */
    @Transactional(rollbackOn = AdminException.class)
    public void setPassword(String username, String password) throws AdminException {
        ServerUser user = get(username);
        if (user.isSso()) {
            throw AdminException.conflict(
                    "sso_account",
                    "the user " + ServerUsernames.quoted(username)
                            + " signs in through single sign-on and has no password");
        }
        config.checkPassword(password);
        repository.setPasswordHash(user, hasher.hash(password));
    }

    /** Deletes a user with their tokens, keys, roles and favourites: their credentials stop working at once. */
    @Transactional(rollbackOn = AdminException.class)
    public void delete(String username) throws AdminException {
        repository.delete(get(username));
        LOG.log(Level.INFO, "Deleted server user {0}", username);
    }

    @Transactional
    public void recordLogin(String userRef) {
        repository.recordLogin(userRef, Instant.now());
    }

    // ---- favourites

    public List<Domain> favoriteDomains(String userRef) {
        return repository.findFavoriteDomains(userRef);
    }

    @Transactional(rollbackOn = AdminException.class)
    public void addFavorite(String userRef, String namespace, String domainId) throws AdminException {
        Domain domain = domains.find(namespace, domainId)
                .orElseThrow(() -> AdminException.notFound("domain", namespace + "/" + domainId));
        if (!repository.isFavorite(userRef, domain.getId())) {
            repository.addFavorite(userRef, domain.getId());
        }
    }

    @Transactional
    public void removeFavorite(String userRef, String namespace, String domainId) {
        domains.find(namespace, domainId).ifPresent(domain -> repository.removeFavorite(userRef, domain.getId()));
    }

    // ---- roles

    /** The access profile of {@code user}, authenticated by {@code method}. */
    public AccessProfile profile(ServerUser user, String method) {
        Map<String, TargetRole> namespaceRoles = new HashMap<>();
        Map<String, TargetRole> domainRoles = new HashMap<>();
        repository
                .findRolesOf(user.getId())
                .forEach(r -> (r.getTargetType() == TargetRole.TargetType.NAMESPACE ? namespaceRoles : domainRoles)
                        .put(r.getTargetId(), r.getRole()));
        return new AccessProfile(user.getId(), user.getUsername(), method, user.getRole(), namespaceRoles, domainRoles);
    }

    /** Username → role on the target, by username. */
    public Map<String, TargetRole> roles(TargetRole.TargetType type, String targetId) {
        return repository.findRolesOn(type, targetId);
    }

    /** Gives each named user the role on the target (replacing a role they had there). */
    @Transactional(rollbackOn = AdminException.class)
    public void setRoles(TargetRole.TargetType type, String targetId, Map<String, TargetRole> roles)
            throws AdminException {
        for (Map.Entry<String, TargetRole> entry : roles.entrySet()) {
            ServerUser user = get(entry.getKey());
            repository.putRole(user.getId(), type, targetId, entry.getValue());
        }
    }

    @Transactional(rollbackOn = AdminException.class)
    public void removeRole(TargetRole.TargetType type, String targetId, String username) throws AdminException {
        ServerUser user = get(username);
        ServerUserRole role = repository
                .findRole(user.getId(), type, targetId)
                .orElseThrow(() -> AdminException.notFound("role of user", username));
        repository.removeRole(role);
    }

    /** Removes every role on the target (when it is deleted). */
    @Transactional
    public void removeRoles(TargetRole.TargetType type, String targetId) {
        repository.removeRolesOn(type, targetId);
    }

    /** Server-wide roles of all users, by username. */
    public Map<String, ServerRole> serverRoles() {
        Map<String, ServerRole> result = new LinkedHashMap<>();
        repository.findAll().forEach(u -> result.put(u.getUsername(), u.getRole()));
        return result;
    }
}
