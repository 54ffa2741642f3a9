package dev.tandem.activity;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import dev.tandem.persistence.GrantRows;
import dev.tandem.persistence.Ids;
import dev.tandem.persistence.LikePattern;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Durable facts of activities (existence, ephemeral flag, creation time, permissions), in plain JDBC like the model
 * store: a row is read once when an activity becomes live and its permissions are a value, not a graph to navigate.
 */
@ApplicationScoped
public class ActivityStore {

    private static final String GROUP = "GROUP";

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    /**
     * Stores a new activity; its creation time is kept to the millisecond.
     *
     * @return the stored activity, or empty if the domain already has one with that type and id
     */
    @Transactional
    public Optional<ActivityInfo> create(String domainRef, ActivityId id, boolean ephemeral,
                                         ActivityPermissions permissions, Instant now) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            if (findRef(c, domainRef, id).isPresent()) {
                return Optional.empty();
            }
            String ref = Ids.newId();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO activities (id, domain_ref, "
                    + "activity_type, activity_id, ephemeral, world_permissions, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, ref);
                insert.setString(2, domainRef);
                insert.setString(3, id.type());
                insert.setString(4, id.id());
                insert.setBoolean(5, ephemeral);
                insert.setString(6, names(permissions.world()));
                insert.setObject(7, created.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO activity_permissions (id, domain_ref, "
                    + "activity_ref, grantee_kind, grantee, permissions) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<DomainUserId, Set<ActivityPermission>> user : permissions.users().entrySet()) {
                    addGrant(insert, domainRef, ref, user.getKey().type().name(), user.getKey().username(),
                            user.getValue());
                }
                for (Map.Entry<String, Set<ActivityPermission>> group : permissions.groups().entrySet()) {
                    addGrant(insert, domainRef, ref, GROUP, group.getKey(), group.getValue());
                }
                insert.executeBatch();
            }
            return Optional.of(new ActivityInfo(id, ephemeral, created, permissions));
        } catch (SQLException e) {
            throw new IllegalStateException("creating activity " + id, e);
        }
    }

    /** The stored activity, if it exists. */
    @Transactional
    public Optional<ActivityInfo> find(String domainRef, ActivityId id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT id, ephemeral, world_permissions, created_at "
                        + "FROM activities WHERE domain_ref = ? AND activity_type = ? AND activity_id = ?")) {
            query.setString(1, domainRef);
            query.setString(2, id.type());
            query.setString(3, id.id());
            String ref;
            boolean ephemeral;
            Set<ActivityPermission> world;
            Instant created;
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                ref = row.getString(1);
                ephemeral = row.getBoolean(2);
                world = parse(row.getString(3));
                created = row.getObject(4, OffsetDateTime.class).toInstant();
            }
            Map<DomainUserId, Set<ActivityPermission>> users = new LinkedHashMap<>();
            Map<String, Set<ActivityPermission>> groups = new LinkedHashMap<>();
            try (PreparedStatement grants = c.prepareStatement("SELECT grantee_kind, grantee, permissions "
                    + "FROM activity_permissions WHERE activity_ref = ? ORDER BY grantee_kind, grantee")) {
                grants.setString(1, ref);
                try (ResultSet row = grants.executeQuery()) {
                    while (row.next()) {
                        String kind = row.getString(1);
                        if (GROUP.equals(kind)) {
                            groups.put(row.getString(2), parse(row.getString(3)));
                        } else {
                            users.put(new DomainUserId(UserType.valueOf(kind), row.getString(2)),
                                    parse(row.getString(3)));
                        }
                    }
                }
            }
            return Optional.of(new ActivityInfo(id, ephemeral, created, new ActivityPermissions(world, users, groups)));
        } catch (SQLException e) {
            throw new IllegalStateException("reading activity " + id, e);
        }
    }

    /** Deletes the activity and its permissions; false if it did not exist. */
    @Transactional
    public boolean delete(String domainRef, ActivityId id) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> ref = findRef(c, domainRef, id);
            if (ref.isEmpty()) {
                return false;
            }
            try (PreparedStatement grants = c.prepareStatement("DELETE FROM activity_permissions WHERE activity_ref = ?");
                    PreparedStatement activity = c.prepareStatement("DELETE FROM activities WHERE id = ?")) {
                grants.setString(1, ref.get());
                grants.executeUpdate();
                activity.setString(1, ref.get());
                return activity.executeUpdate() > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting activity " + id, e);
        }
    }

    /**
     * Replaces the activity's permissions.
     *
     * @return false if the activity does not exist
     */
    @Transactional
    public boolean setPermissions(String domainRef, ActivityId id, ActivityPermissions permissions) {
        try (Connection c = dataSource.getConnection()) {
            Optional<String> ref = findRef(c, domainRef, id);
            if (ref.isEmpty()) {
                return false;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE activities SET world_permissions = ? "
                    + "WHERE id = ?")) {
                update.setString(1, names(permissions.world()));
                update.setString(2, ref.get());
                update.executeUpdate();
            }
            new GrantRows("activity_permissions", "activity_ref").replace(c, domainRef, ref.get(),
                    permissions.grants().rows(ActivityPermission::wireName));
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("changing the permissions of activity " + id, e);
        }
    }

    /** A page of the domain's stored activities and how many match in all. */
    public record Listing(List<ActivitySummary> activities, long total) {
    }

    /**
     * The domain's activities whose type and id contain {@code type} and {@code id} ignoring case ({@code null}
     * matches all), by type and id; without their sessions (the caller knows who is joined).
     */
    @Transactional
    public Listing list(String domainRef, String type, String id, long offset, int limit) {
        String where = " FROM activities WHERE domain_ref = ? AND LOWER(activity_type) LIKE ? ESCAPE '!' "
                + "AND LOWER(activity_id) LIKE ? ESCAPE '!'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT COUNT(*)" + where);
                PreparedStatement query = c.prepareStatement("SELECT activity_type, activity_id, ephemeral, "
                        + "created_at" + where + " ORDER BY activity_type, activity_id LIMIT ? OFFSET ?")) {
            for (PreparedStatement statement : List.of(count, query)) {
                statement.setString(1, domainRef);
                statement.setString(2, LikePattern.contains(type));
                statement.setString(3, LikePattern.contains(id));
            }
            long total;
            try (ResultSet row = count.executeQuery()) {
                row.next();
                total = row.getLong(1);
            }
            query.setInt(4, limit);
            query.setLong(5, offset);
            List<ActivitySummary> activities = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    activities.add(new ActivitySummary(new ActivityId(row.getString(1), row.getString(2)),
                            row.getBoolean(3), row.getObject(4, OffsetDateTime.class).toInstant(), List.of()));
                }
            }
            return new Listing(activities, total);
        } catch (SQLException e) {
            throw new IllegalStateException("listing activities", e);
        }
    }

    private static Optional<String> findRef(Connection c, String domainRef, ActivityId id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT id FROM activities WHERE domain_ref = ? "
                + "AND activity_type = ? AND activity_id = ?")) {
            query.setString(1, domainRef);
            query.setString(2, id.type());
            query.setString(3, id.id());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private static void addGrant(PreparedStatement insert, String domainRef, String activityRef, String kind,
                                 String grantee, Set<ActivityPermission> permissions) throws SQLException {
        insert.setString(1, Ids.newId());
        insert.setString(2, domainRef);
        insert.setString(3, activityRef);
        insert.setString(4, kind);
        insert.setString(5, grantee);
        insert.setString(6, names(permissions));
        insert.addBatch();
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
