package dev.tandem.activity;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.GrantRows;
import dev.tandem.persistence.Ids;
import dev.tandem.persistence.Jdbc;
import dev.tandem.persistence.LikePattern;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The {@link ActivityStore} in plain JDBC, like the other stores: a row is read once when an activity becomes live
 * and its permissions are a value, not a graph to navigate. Statements run through {@link Jdbc}; a failure is a
 * {@link dev.tandem.persistence.StoreException}. Each method is one transaction (the caller's, if it has one).
 */
@ApplicationScoped
public class JdbcActivityStore implements ActivityStore {

    private static final String GROUP = "GROUP";

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    @Override
    @Transactional
    public Optional<ActivityInfo> create(
            String domainRef, ActivityId id, boolean ephemeral, ActivityPermissions permissions, Instant now) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        return Jdbc.run(dataSource, "creating activity " + id, c -> {
            if (findRef(c, domainRef, id).isPresent()) {
                return Optional.empty();
            }
            String ref = Ids.newId();
            Jdbc.update(
                    c,
                    "INSERT INTO activities (id, domain_ref, "
                            + "activity_type, activity_id, ephemeral, world_permissions, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    ref,
                    domainRef,
                    id.type(),
                    id.id(),
                    ephemeral,
                    names(permissions.world()),
                    created.atOffset(ZoneOffset.UTC));
            List<Grant> grants = new ArrayList<>();
            for (Map.Entry<DomainUserId, Set<ActivityPermission>> user :
                    permissions.users().entrySet()) {
                grants.add(new Grant(user.getKey().type().name(), user.getKey().username(), user.getValue()));
            }
            for (Map.Entry<String, Set<ActivityPermission>> group :
                    permissions.groups().entrySet()) {
                grants.add(new Grant(GROUP, group.getKey(), group.getValue()));
            }
            Jdbc.batch(
                    c,
                    "INSERT INTO activity_permissions (id, domain_ref, "
                            + "activity_ref, grantee_kind, grantee, permissions) VALUES (?, ?, ?, ?, ?, ?)",
                    grants,
                    (insert, grant) -> Jdbc.values(
                                    Ids.newId(),
                                    domainRef,
                                    ref,
                                    grant.kind(),
                                    grant.grantee(),
                                    names(grant.permissions()))
                            .bind(insert));
            return Optional.of(new ActivityInfo(id, ephemeral, created, permissions));
        });
    }

    /** One row of {@code activity_permissions} to insert. */
    private record Grant(String kind, String grantee, Set<ActivityPermission> permissions) {}

    @Override
    @Transactional
    public Optional<ActivityInfo> find(String domainRef, ActivityId id) {
        return Jdbc.run(dataSource, "reading activity " + id, c -> {
            record Row(String ref, boolean ephemeral, Set<ActivityPermission> world, Instant created) {}
            Optional<Row> found = Jdbc.optional(
                    c,
                    "SELECT id, ephemeral, world_permissions, created_at "
                            + "FROM activities WHERE domain_ref = ? AND activity_type = ? AND activity_id = ?",
                    row -> new Row(
                            row.getString(1),
                            row.getBoolean(2),
                            parse(row.getString(3)),
                            row.getObject(4, OffsetDateTime.class).toInstant()),
                    domainRef,
                    id.type(),
                    id.id());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Row activity = found.get();
            Map<DomainUserId, Set<ActivityPermission>> users = new LinkedHashMap<>();
            Map<String, Set<ActivityPermission>> groups = new LinkedHashMap<>();
            for (Grant grant : Jdbc.list(
                    c,
                    "SELECT grantee_kind, grantee, permissions "
                            + "FROM activity_permissions WHERE activity_ref = ? ORDER BY grantee_kind, grantee",
                    row -> new Grant(row.getString(1), row.getString(2), parse(row.getString(3))),
                    activity.ref())) {
                if (GROUP.equals(grant.kind())) {
                    groups.put(grant.grantee(), grant.permissions());
                } else {
                    users.put(new DomainUserId(UserType.valueOf(grant.kind()), grant.grantee()), grant.permissions());
                }
            }
            return Optional.of(new ActivityInfo(
                    id,
                    activity.ephemeral(),
                    activity.created(),
                    new ActivityPermissions(activity.world(), users, groups)));
        });
    }

    @Override
    @Transactional
    public boolean delete(String domainRef, ActivityId id) {
        return Jdbc.run(dataSource, "deleting activity " + id, c -> {
            Optional<String> ref = findRef(c, domainRef, id);
            if (ref.isEmpty()) {
                return false;
            }
            Jdbc.update(c, "DELETE FROM activity_permissions WHERE activity_ref = ?", ref.get());
            return Jdbc.update(c, "DELETE FROM activities WHERE id = ?", ref.get()) > 0;
        });
    }

    @Override
    @Transactional
    public boolean setPermissions(String domainRef, ActivityId id, ActivityPermissions permissions) {
        return Jdbc.run(dataSource, "changing the permissions of activity " + id, c -> {
            Optional<String> ref = findRef(c, domainRef, id);
            if (ref.isEmpty()) {
                return false;
            }
            Jdbc.update(
                    c,
                    "UPDATE activities SET world_permissions = ? " + "WHERE id = ?",
                    names(permissions.world()),
                    ref.get());
            new GrantRows("activity_permissions", "activity_ref")
                    .replace(c, domainRef, ref.get(), permissions.grants().rows(ActivityPermission::wireName));
            return true;
        });
    }

    @Override
    @Transactional
    public Listing list(String domainRef, String type, String id, long offset, int limit) {
        String where = " FROM activities WHERE domain_ref = ? AND LOWER(activity_type) LIKE ? ESCAPE '!' "
                + "AND LOWER(activity_id) LIKE ? ESCAPE '!'";
        return Jdbc.run(dataSource, "listing activities", c -> {
            String typePattern = LikePattern.contains(type);
            String idPattern = LikePattern.contains(id);
            long total = Jdbc.count(c, "SELECT COUNT(*)" + where, domainRef, typePattern, idPattern);
            List<ActivitySummary> activities = Jdbc.list(
                    c,
                    "SELECT activity_type, activity_id, ephemeral, " + "created_at" + where
                            + " ORDER BY activity_type, activity_id LIMIT ? OFFSET ?",
                    row -> new ActivitySummary(
                            new ActivityId(row.getString(1), row.getString(2)),
                            row.getBoolean(3),
                            row.getObject(4, OffsetDateTime.class).toInstant(),
                            List.of()),
                    domainRef,
                    typePattern,
                    idPattern,
                    limit,
                    offset);
            return new Listing(activities, total);
        });
    }

    private static Optional<String> findRef(Connection c, String domainRef, ActivityId id) throws SQLException {
        return Jdbc.optional(
                c,
                "SELECT id FROM activities WHERE domain_ref = ? " + "AND activity_type = ? AND activity_id = ?",
                row -> row.getString(1),
                domainRef,
                id.type(),
                id.id());
    }

    static String names(Collection<ActivityPermission> permissions) {
        return permissions.stream().sorted().map(ActivityPermission::wireName).collect(Collectors.joining(","));
    }

    static Set<ActivityPermission> parse(String names) {
        Set<ActivityPermission> result = EnumSet.noneOf(ActivityPermission.class);
        if (names != null && !names.isEmpty()) {
            Arrays.stream(names.split(",")).map(ActivityPermission::fromWire).forEach(result::add);
        }
        return result;
    }
}
