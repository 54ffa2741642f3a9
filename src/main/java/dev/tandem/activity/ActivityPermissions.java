package dev.tandem.activity;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.Grants;
import dev.tandem.identity.PermissionResolver;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may do what with one activity: permissions for everyone (world), for named users and for named groups.
 *
 * <p>Resolution ({@link PermissionResolver}, {@link PermissionResolver.Precedence#MOST_SPECIFIC}), most specific
 * first: a user with an entry of their own gets exactly that; otherwise a user in groups that have entries gets the
 * union of those; otherwise the world permissions apply. What is the activity's own: {@link
 * ActivityPermission#MANAGE} implies every permission and {@link ActivityPermission#JOIN} implies
 * {@link ActivityPermission#LURK}; domain administrators hold all of them.
 *
 * <p>An activity created without any permission at all (the client's {@code autoCreate: {ephemeral: true}} with no
 * lists) is open: everyone may join, lurk, view and set state, but not remove or manage. Without that default such
 * an activity could not even be joined by the session that created it, and the client's own examples create
 * activities this way.
 */
public record ActivityPermissions(
        Set<ActivityPermission> world,
        Map<DomainUserId, Set<ActivityPermission>> users,
        Map<String, Set<ActivityPermission>> groups) {

    /** What everyone may do on an activity created without permissions. */
    public static final Set<ActivityPermission> OPEN = Collections.unmodifiableSet(EnumSet.of(
            ActivityPermission.JOIN,
            ActivityPermission.LURK,
            ActivityPermission.VIEW_STATE,
            ActivityPermission.SET_STATE));

    private static final PermissionResolver<Set<ActivityPermission>> RESOLVER = PermissionResolver.ofSets(
                    ActivityPermission.class, PermissionResolver.Precedence.MOST_SPECIFIC)
            .whenNothingGranted(OPEN)
            .implying(ActivityPermissions::implied);

    /** No permissions given: the {@link #OPEN} default applies. */
    public static final ActivityPermissions UNSPECIFIED = new ActivityPermissions(Set.of(), Map.of(), Map.of());

    public ActivityPermissions {
        world = copy(world);
        Map<DomainUserId, Set<ActivityPermission>> userCopy = new LinkedHashMap<>();
        users.forEach((user, permissions) -> userCopy.put(user, copy(permissions)));
        users = Collections.unmodifiableMap(userCopy);
        Map<String, Set<ActivityPermission>> groupCopy = new LinkedHashMap<>();
        groups.forEach((group, permissions) -> groupCopy.put(group, copy(permissions)));
        groups = Collections.unmodifiableMap(groupCopy);
    }

    /** The entries, for the permission messages. */
    public Grants<ActivityPermission> grants() {
        return new Grants<>(world, users, groups);
    }

    /** Permissions made of these entries. */
    public static ActivityPermissions of(Grants<ActivityPermission> grants) {
        return new ActivityPermissions(grants.world(), grants.users(), grants.groups());
    }

    /** True if nothing was granted to anyone, so that the {@link #OPEN} default applies. */
    public boolean unspecified() {
        return world.isEmpty() && users.isEmpty() && groups.isEmpty();
    }

    /** True if some group has an entry, i.e. resolving may need the user's groups. */
    public boolean hasGroupEntries() {
        return !groups.isEmpty();
    }

    /**
     * The permissions {@code user} holds.
     *
     * @param groupsOfUser the groups the user belongs to; asked only when group entries matter
     */
    public Set<ActivityPermission> resolve(DomainUserId user, Supplier<Collection<String>> groupsOfUser) {
        return RESOLVER.resolve(user, groupsOfUser, new PermissionResolver.Entries<>(world, users, groups));
    }

    /** What the permissions {@code granted} imply besides themselves. */
    private static Set<ActivityPermission> implied(Set<ActivityPermission> granted) {
        if (granted.contains(ActivityPermission.MANAGE)) {
            return EnumSet.allOf(ActivityPermission.class);
        }
        Set<ActivityPermission> result = EnumSet.noneOf(ActivityPermission.class);
        result.addAll(granted);
        if (granted.contains(ActivityPermission.JOIN)) {
            // Whoever may be seen may also watch unseen.
            result.add(ActivityPermission.LURK);
        }
        return result;
    }

    private static Set<ActivityPermission> copy(Set<ActivityPermission> permissions) {
        return permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }
}
