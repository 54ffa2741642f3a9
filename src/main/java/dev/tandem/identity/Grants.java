package dev.tandem.identity;

import dev.tandem.persistence.GrantRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Permissions granted on one target (a chat, an activity) to everyone (world), to named users and to named groups,
 * and the three ways a client changes them ({@code add}, {@code remove}, {@code set}). Only the entries; how they
 * resolve into what one user may do is the target's own rule.
 *
 * <p>An entry left empty by a change is dropped: "no entry" and "an empty entry" would otherwise resolve
 * differently where a user entry overrides the world's.
 *
 * @param <P> the target's permission type
 */
public record Grants<P extends Enum<P>>(Set<P> world, Map<DomainUserId, Set<P>> users, Map<String, Set<P>> groups) {

    public Grants {
        world = Collections.unmodifiableSet(copy(world));
        Map<DomainUserId, Set<P>> userCopy = new LinkedHashMap<>();
        users.forEach((user, permissions) -> userCopy.put(user, Collections.unmodifiableSet(copy(permissions))));
        users = Collections.unmodifiableMap(userCopy);
        Map<String, Set<P>> groupCopy = new LinkedHashMap<>();
        groups.forEach((group, permissions) -> groupCopy.put(group, Collections.unmodifiableSet(copy(permissions))));
        groups = Collections.unmodifiableMap(groupCopy);
    }

    /** These grants plus {@code more}, entry by entry. */
    public Grants<P> plus(Grants<P> more) {
        Set<P> newWorld = copy(world);
        newWorld.addAll(more.world);
        return new Grants<>(newWorld, merge(users, more.users, true), merge(groups, more.groups, true));
    }

    /** These grants without {@code less}, entry by entry. */
    public Grants<P> minus(Grants<P> less) {
        Set<P> newWorld = copy(world);
        newWorld.removeAll(less.world);
        return new Grants<>(newWorld, merge(users, less.users, false), merge(groups, less.groups, false));
    }

    /**
     * These grants with parts replaced: the world's if {@code newWorld} is given; the named users' entries (all
     * user entries with {@code replaceUsers}) if {@code newUsers} is given; the same for groups.
     */
    public Grants<P> with(
            Set<P> newWorld,
            Map<DomainUserId, Set<P>> newUsers,
            boolean replaceUsers,
            Map<String, Set<P>> newGroups,
            boolean replaceGroups) {
        return new Grants<>(
                newWorld == null ? world : newWorld,
                replace(users, newUsers, replaceUsers),
                replace(groups, newGroups, replaceGroups));
    }

    /** The world's permissions as stored: comma-separated wire names, sorted. */
    public String worldNames(Function<P, String> name) {
        return names(world, name);
    }

    /** The user and group entries as stored rows. */
    public List<GrantRows.Row> rows(Function<P, String> name) {
        List<GrantRows.Row> rows = new ArrayList<>();
        users.forEach((user, permissions) ->
                rows.add(new GrantRows.Row(user.type().name(), user.username(), names(permissions, name))));
        groups.forEach(
                (group, permissions) -> rows.add(new GrantRows.Row(GrantRows.GROUP, group, names(permissions, name))));
        return rows;
    }

    /** Grants as stored: the world's names and the user and group rows. */
    public static <P extends Enum<P>> Grants<P> fromStored(
            Class<P> type, String worldNames, List<GrantRows.Row> rows, Function<String, P> parse) {
        Map<DomainUserId, Set<P>> users = new LinkedHashMap<>();
        Map<String, Set<P>> groups = new LinkedHashMap<>();
        for (GrantRows.Row row : rows) {
            Set<P> permissions = parse(type, row.permissions(), parse);
            if (GrantRows.GROUP.equals(row.kind())) {
                groups.put(row.grantee(), permissions);
            } else {
                users.put(new DomainUserId(UserType.valueOf(row.kind()), row.grantee()), permissions);
            }
        }
        return new Grants<>(parse(type, worldNames, parse), users, groups);
    }

    private static <P extends Enum<P>> String names(Set<P> permissions, Function<P, String> name) {
        return permissions.stream().sorted().map(name).collect(Collectors.joining(","));
    }

    private static <P extends Enum<P>> Set<P> parse(Class<P> type, String names, Function<String, P> parse) {
        Set<P> result = EnumSet.noneOf(type);
        if (names != null && !names.isEmpty()) {
            Arrays.stream(names.split(",")).map(parse).forEach(result::add);
        }
        return result;
    }

    private static <K, P extends Enum<P>> Map<K, Set<P>> merge(
            Map<K, Set<P>> base, Map<K, Set<P>> change, boolean add) {
        Map<K, Set<P>> result = new LinkedHashMap<>(base);
        change.forEach((key, permissions) -> {
            Set<P> entry = result.containsKey(key) ? copy(result.get(key)) : null;
            if (add) {
                if (entry == null) {
                    entry = copy(permissions);
                } else {
                    entry.addAll(permissions);
                }
            } else if (entry != null) {
                entry.removeAll(permissions);
            }
            if (entry == null || entry.isEmpty()) {
                result.remove(key);
            } else {
                result.put(key, entry);
            }
        });
        return result;
    }

    private static <K, P extends Enum<P>> Map<K, Set<P>> replace(
            Map<K, Set<P>> base, Map<K, Set<P>> change, boolean replaceAll) {
        if (change == null) {
            return base;
        }
        Map<K, Set<P>> result = replaceAll ? new LinkedHashMap<>() : new LinkedHashMap<>(base);
        change.forEach((key, permissions) -> {
            if (permissions.isEmpty()) {
                result.remove(key);
            } else {
                result.put(key, permissions);
            }
        });
        return result;
    }

    private static <P extends Enum<P>> Set<P> copy(Set<P> permissions) {
        if (permissions instanceof EnumSet<P> set) {
            return EnumSet.copyOf(set);
        }
        return permissions.isEmpty() ? new LinkedHashSet<>() : EnumSet.copyOf(permissions);
    }
}
