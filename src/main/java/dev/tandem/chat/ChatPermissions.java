package dev.tandem.chat;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.UserType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may do what with one chat, and how that resolves for one user.
 *
 * <p>Resolution is the union of the world entry, the entries of the user's groups and the user's own entry, as
 * Convergence's permission store resolves chat permissions (it counts any matching grant). A union, not an
 * override, because entries accumulate: the creator's entry, entries added by others, the world's; a user entry
 * must never take away what the world grants. Domain administrators ({@link UserType#CONVERGENCE}) hold everything.
 */
public record ChatPermissions(Grants<ChatPermission> grants) {

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
        if (user.type() == UserType.CONVERGENCE) {
            return EnumSet.allOf(ChatPermission.class);
        }
        Set<ChatPermission> granted = EnumSet.noneOf(ChatPermission.class);
        granted.addAll(grants.world());
        granted.addAll(grants.users().getOrDefault(user, Set.of()));
        if (!grants.groups().isEmpty()) {
            for (String group : groupsOfUser.get()) {
                granted.addAll(grants.groups().getOrDefault(group, Set.of()));
            }
        }
        return granted;
    }
}
