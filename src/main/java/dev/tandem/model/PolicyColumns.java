package dev.tandem.model;

import dev.tandem.identity.DomainUserId;
import dev.tandem.identity.UserType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * How permissions and snapshot policies are stored: the columns of {@code models}, {@code model_collections},
 * {@code domains} and the user permission tables that hold them, read from a row and bound to a statement, for
 * {@link JdbcCollectionStore}. Each method reads or binds a run of columns from {@code first}.
 */
final class PolicyColumns {

    /** The nine columns of a snapshot policy, in the order {@link #policy} reads them. */
    static final String POLICY_COLUMNS = "snapshots_enabled, snapshot_trigger_by_version, "
            + "snapshot_max_version_interval, snapshot_limited_by_version, snapshot_min_version_interval, "
            + "snapshot_trigger_by_time, snapshot_max_time_interval_ms, snapshot_limited_by_time, "
            + "snapshot_min_time_interval_ms";

    private PolicyColumns() {}

    static DomainUserId userId(ResultSet row) throws SQLException {
        return new DomainUserId(UserType.valueOf(row.getString(1)), row.getString(2));
    }

    static ModelPermissions modelPermissions(ResultSet row, int first) throws SQLException {
        return new ModelPermissions(
                row.getBoolean(first), row.getBoolean(first + 1), row.getBoolean(first + 2), row.getBoolean(first + 3));
    }

    static CollectionPermissions collectionPermissions(ResultSet row, int first) throws SQLException {
        return new CollectionPermissions(
                row.getBoolean(first),
                row.getBoolean(first + 1),
                row.getBoolean(first + 2),
                row.getBoolean(first + 3),
                row.getBoolean(first + 4));
    }

    static void setModelPermissions(PreparedStatement s, int first, ModelPermissions p) throws SQLException {
        s.setBoolean(first, p.read());
        s.setBoolean(first + 1, p.write());
        s.setBoolean(first + 2, p.remove());
        s.setBoolean(first + 3, p.manage());
    }

    static void setCollectionPermissions(PreparedStatement s, int first, CollectionPermissions p) throws SQLException {
        s.setBoolean(first, p.create());
        s.setBoolean(first + 1, p.read());
        s.setBoolean(first + 2, p.write());
        s.setBoolean(first + 3, p.remove());
        s.setBoolean(first + 4, p.manage());
    }

    static SnapshotPolicy policy(ResultSet row, int first) throws SQLException {
        return new SnapshotPolicy(
                row.getBoolean(first),
                row.getBoolean(first + 1),
                row.getLong(first + 2),
                row.getBoolean(first + 3),
                row.getLong(first + 4),
                row.getBoolean(first + 5),
                Duration.ofMillis(row.getLong(first + 6)),
                row.getBoolean(first + 7),
                Duration.ofMillis(row.getLong(first + 8)));
    }

    /** Nine columns from {@code first}; all null for a collection without its own policy. */
    static void setPolicy(PreparedStatement s, int first, SnapshotPolicy p) throws SQLException {
        if (p == null) {
            int[] types = {
                java.sql.Types.BOOLEAN,
                java.sql.Types.BOOLEAN,
                java.sql.Types.BIGINT,
                java.sql.Types.BOOLEAN,
                java.sql.Types.BIGINT,
                java.sql.Types.BOOLEAN,
                java.sql.Types.BIGINT,
                java.sql.Types.BOOLEAN,
                java.sql.Types.BIGINT
            };
            for (int i = 0; i < types.length; i++) {
                s.setNull(first + i, types[i]);
            }
            return;
        }
        s.setBoolean(first, p.snapshotsEnabled());
        s.setBoolean(first + 1, p.triggerByVersion());
        s.setLong(first + 2, p.maximumVersionInterval());
        s.setBoolean(first + 3, p.limitedByVersion());
        s.setLong(first + 4, p.minimumVersionInterval());
        s.setBoolean(first + 5, p.triggerByTime());
        s.setLong(first + 6, p.maximumTimeInterval().toMillis());
        s.setBoolean(first + 7, p.limitedByTime());
        s.setLong(first + 8, p.minimumTimeInterval().toMillis());
    }
}
