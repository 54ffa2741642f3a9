package dev.tandem.admin;

import dev.tandem.tenant.Domain;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store of the server's own users, the roles they hold on namespaces and domains, and their favourite domains.
 * Services know it by this interface; CDI gives them {@link JpaServerUserRepository}. Every method, reads too, joins
 * the caller's transaction or runs in its own (see {@link dev.tandem.persistence}).
 */
public interface ServerUserRepository {

    // ---- users

    Optional<ServerUser> find(String username);

    /** The user whose {@link ServerUser#getId() id} is {@code userRef}. */
    Optional<ServerUser> findById(String userRef);

    /** The account that the single sign-on identity {@code (issuer, subject)} owns. */
    Optional<ServerUser> findBySso(String issuer, String subject);

    /** Every user, by username. */
    List<ServerUser> findAll();

    /** One page of the users whose username, display name or email contains {@code filter} (any case), by username. */
    List<ServerUser> findMatching(String filter, int offset, int limit);

    /** Creates a server user; {@code passwordHash} is in {@link dev.tandem.security.PasswordHasher} format. */
    ServerUser create(String username, String displayName, String email, String passwordHash, ServerRole role);

    /** Sets a user's names and email (a {@code null} clears the field). */
    void updateProfile(ServerUser user, String displayName, String firstName, String lastName, String email);

    void setRole(ServerUser user, ServerRole role);

    /** Replaces a user's password hash ({@link dev.tandem.security.PasswordHasher} format). */
    void setPasswordHash(ServerUser user, String passwordHash);

    /** Records that the account belongs to the single sign-on identity {@code (issuer, subject)}. */
    void setSsoIdentity(ServerUser user, String issuer, String subject);

    /** Records a login of the user {@code userRef}, if it still exists. */
    void recordLogin(String userRef, Instant at);

    /** Deletes a user with their session tokens, API keys, roles and favourites. */
    void delete(ServerUser user);

    // ---- roles on namespaces and domains

    /** The roles the user {@code userRef} holds on namespaces and domains. */
    List<ServerUserRole> findRolesOf(String userRef);

    /** Username → role on the target, by username. */
    Map<String, TargetRole> findRolesOn(TargetRole.TargetType type, String targetId);

    Optional<ServerUserRole> findRole(String userRef, TargetRole.TargetType type, String targetId);

    /** Gives the user {@code userRef} the role on the target, replacing the role they had there. */
    void putRole(String userRef, TargetRole.TargetType type, String targetId, TargetRole role);

    void removeRole(ServerUserRole role);

    /** Removes every role on the target. */
    void removeRolesOn(TargetRole.TargetType type, String targetId);

    // ---- favourite domains

    /** The user's favourite domains, by namespace and id. */
    List<Domain> findFavoriteDomains(String userRef);

    boolean isFavorite(String userRef, String domainRef);

    void addFavorite(String userRef, String domainRef);

    void removeFavorite(String userRef, String domainRef);
}
