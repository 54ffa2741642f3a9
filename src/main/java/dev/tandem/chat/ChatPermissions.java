package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.PermissionResolver;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may do what with one chat, and how that resolves for one user.
 *
 * <p>Resolution ({@link PermissionResolver}, {@link PermissionResolver.Precedence#UNION}) is the union of the world
 * entry, the entries of the user's groups and the user's own entry, as Convergence's permission store resolves chat
 * permissions (it counts any matching grant). A union, not an override, because entries accumulate: the creator's
 * entry, entries added by others, the world's; a user entry must never take away what the world grants. Domain
 * administrators hold everything. Nothing implies anything else, and a chat nobody was granted anything on is closed.
 */
public record ChatPermissions(Grants<ChatPermission> grants) {

    private static final PermissionResolver<Set<ChatPermission>> RESOLVER =
            PermissionResolver.ofSets(ChatPermission.class, PermissionResolver.Precedence.UNION);

    /** Nothing granted to anyone. */
    public static final ChatPermissions NONE =
            new ChatPermissions(new Grants<ChatPermission>(Set.of(), Map.of(), Map.of()));

    /** What a chat's creator is granted: every permission on it. */
    public static ChatPermissions createdBy(DomainUserId creator) {
        return new ChatPermissions(
                new Grants<ChatPermission>(Set.of(), Map.of(creator, ChatPermission.existingChat()), Map.of()));
    }

    /**
     * The permissions {@code user} holds.
     *
     * @param groupsOfUser the user's groups; asked only if some group has an entry
     */
    public Set<ChatPermission> resolve(DomainUserId user, Supplier<Collection<String>> groupsOfUser) {
        return RESOLVER.resolve(user, groupsOfUser, PermissionResolver.Entries.of(grants));
    }
}
