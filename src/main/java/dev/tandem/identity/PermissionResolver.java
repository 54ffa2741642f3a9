package dev.tandem.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one place that resolves what a user may do with a target (a chat, an activity, a model and its collection)
 * from what was granted on it: to everyone (world), to named users and to named groups.
 *
 * <p>What every kind of target shares is decided here: domain administrators ({@link UserType#CONVERGENCE}) hold
 * everything; a user's entries are found by {@link DomainUserId}, a group's by its id, and the user's groups are asked
 * for only when some target has a group entry; a default applies when nothing at all was granted; and the matching
 * entries combine by one of two {@link Precedence}s. What each kind keeps for itself is its permission type, its
 * targets (most specific first: a model before its collection), which precedence it follows, its default and what
 * one permission implies; it builds one resolver with those and hands it its entries.
 *
 * <p>Pure and thread-safe: a resolver holds no state beyond its configuration and reads no database.
 *
 * @param <E> what one entry grants: a set of permissions, or a capability's own record of them
 */
public final class PermissionResolver<E> {

    /** How the entries that match a user combine. */
    public enum Precedence {
        /**
         * Every matching entry counts: the world's, the user's and those of the user's groups, on every target
         * (Convergence's chats: entries accumulate, and a user entry never takes away what the world grants).
         */
        UNION,
        /**
         * The most specific match wins whole: the user's own entry (on the first target that has one); else the
         * union of the entries of the user's groups (on the first target where one matches); else the world entry of
         * the first target that has one; else nothing. A user entry is taken as it is, never merged with the world
         * (Convergence's activities and models).
         */
        MOST_SPECIFIC
    }

    /**
     * The entries of one target, as the resolver reads them.
     *
     * @param world what everyone is granted, or {@code null} if the target has no world entry of its own (a model
     *     that does not override its collection's)
     * @param users per-user entries
     * @param groups per-group entries
     */
    public record Entries<E>(E world, Map<DomainUserId, E> users, Map<String, E> groups) {

        public Entries {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(groups, "groups");
        }

        /** A target's {@link Grants}: its world entry (possibly empty), users and groups. */
        public static <P extends Enum<P>> Entries<Set<P>> of(Grants<P> grants) {
            return new Entries<>(grants.world(), grants.users(), grants.groups());
        }

        /** True if this target grants nothing to anyone: no user or group entry, and a world entry that is none. */
        boolean grantsNothing(E none) {
            return (world == null || world.equals(none)) && users.isEmpty() && groups.isEmpty();
        }
    }

    private final Precedence precedence;
    private final E all;
    private final E none;
    private final BinaryOperator<E> union;
    private final E whenNothingGranted;
    private final UnaryOperator<E> implied;
    private final UnaryOperator<E> finish;

    private PermissionResolver(
            Precedence precedence,
            E all,
            E none,
            BinaryOperator<E> union,
            E whenNothingGranted,
            UnaryOperator<E> implied,
            UnaryOperator<E> finish) {
        this.precedence = Objects.requireNonNull(precedence, "precedence");
        this.all = Objects.requireNonNull(all, "all");
        this.none = Objects.requireNonNull(none, "none");
        this.union = Objects.requireNonNull(union, "union");
        this.whenNothingGranted = whenNothingGranted;
        this.implied = implied;
        this.finish = finish;
    }

    /**
     * A resolver over entries of any shape.
     *
     * @param all what a domain administrator holds
     * @param none what an empty entry grants, and what a user with no matching entry gets
     * @param union combines two entries (the user's groups, or every match under {@link Precedence#UNION})
     */
    public static <E> PermissionResolver<E> of(Precedence precedence, E all, E none, BinaryOperator<E> union) {
        return new PermissionResolver<>(precedence, all, none, union, null, UnaryOperator.identity(), x -> x);
    }

    /** A resolver over sets of {@code type}'s permissions; every answer is a new set of the caller's to keep. */
    public static <P extends Enum<P>> PermissionResolver<Set<P>> ofSets(Class<P> type, Precedence precedence) {
        BinaryOperator<Set<P>> union = (a, b) -> {
            Set<P> both = copy(type, a);
            both.addAll(b);
            return both;
        };
        return new PermissionResolver<>(
                precedence,
                EnumSet.allOf(type),
                EnumSet.noneOf(type),
                union,
                null,
                UnaryOperator.identity(),
                set -> copy(type, set));
    }

    /**
     * This resolver, giving {@code defaults} (before implications) to every user but administrators when no target
     * grants anything to anyone.
     */
    public PermissionResolver<E> whenNothingGranted(E defaults) {
        return new PermissionResolver<>(precedence, all, none, union, defaults, implied, finish);
    }

    /** This resolver, extending what was resolved by what it implies (for example, managing implies everything). */
    public PermissionResolver<E> implying(UnaryOperator<E> implications) {
        return new PermissionResolver<>(precedence, all, none, union, whenNothingGranted, implications, finish);
    }

    /** Whether {@code user} is an administrator of the domain, who holds every permission on every target. */
    public static boolean isDomainAdministrator(DomainUserId user) {
        return user.type() == UserType.CONVERGENCE;
    }

    /** What {@code user} may do with a target of one set of entries; see {@link #resolve(DomainUserId, Supplier, List)}. */
    public E resolve(DomainUserId user, Supplier<? extends Collection<String>> groupsOfUser, Entries<E> target) {
        return resolve(user, groupsOfUser, List.of(target));
    }

    /**
     * What {@code user} may do with a target.
     *
     * @param groupsOfUser the ids of the user's groups; asked at most once, and only if some target has group entries
     * @param targets the target's entries, most specific first (a model's own, then its collection's)
     */
    public E resolve(DomainUserId user, Supplier<? extends Collection<String>> groupsOfUser, List<Entries<E>> targets) {
        if (isDomainAdministrator(user)) {
            return finish.apply(all);
        }
        E granted;
        if (whenNothingGranted != null && targets.stream().allMatch(t -> t.grantsNothing(none))) {
            granted = whenNothingGranted;
        } else {
            Supplier<Collection<String>> groups = once(groupsOfUser);
            granted =
                    precedence == Precedence.UNION ? union(user, groups, targets) : mostSpecific(user, groups, targets);
        }
        return finish.apply(implied.apply(granted));
    }

    private E union(DomainUserId user, Supplier<Collection<String>> groupsOfUser, List<Entries<E>> targets) {
        E granted = none;
        for (Entries<E> target : targets) {
            if (target.world() != null) {
                granted = union.apply(granted, target.world());
            }
            E own = target.users().get(user);
            if (own != null) {
                granted = union.apply(granted, own);
            }
            E ofGroups = ofGroups(target, groupsOfUser);
            if (ofGroups != null) {
                granted = union.apply(granted, ofGroups);
            }
        }
        return granted;
    }

    private E mostSpecific(DomainUserId user, Supplier<Collection<String>> groupsOfUser, List<Entries<E>> targets) {
        for (Entries<E> target : targets) {
            E own = target.users().get(user);
            if (own != null) {
                return own;
            }
        }
        for (Entries<E> target : targets) {
            E ofGroups = ofGroups(target, groupsOfUser);
            if (ofGroups != null) {
                return ofGroups;
            }
        }
        for (Entries<E> target : targets) {
            if (target.world() != null) {
                return target.world();
            }
        }
        return none;
    }

    /** The union of the target's entries for the user's groups, or {@code null} if none of them has one. */
    private E ofGroups(Entries<E> target, Supplier<Collection<String>> groupsOfUser) {
        if (target.groups().isEmpty()) {
            return null;
        }
        E granted = null;
        for (String group : groupsOfUser.get()) {
            E entry = target.groups().get(group);
            if (entry != null) {
                granted = granted == null ? entry : union.apply(granted, entry);
            }
        }
        return granted;
    }

    private static Supplier<Collection<String>> once(Supplier<? extends Collection<String>> groupsOfUser) {
        return new Supplier<>() {
            private Collection<String> groups;

            @Override
            public Collection<String> get() {
                if (groups == null) {
                    groups = List.copyOf(groupsOfUser.get());
                }
                return groups;
            }
        };
    }

    private static <P extends Enum<P>> Set<P> copy(Class<P> type, Set<P> permissions) {
        Set<P> result = EnumSet.noneOf(type);
        result.addAll(permissions);
        return result;
    }
}
