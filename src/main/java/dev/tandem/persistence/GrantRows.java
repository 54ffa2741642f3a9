package dev.tandem.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-user and per-group permission rows of one kind of target (activities, chats): a table with
 * {@code (id, domain_ref, <target column>, grantee_kind, grantee, permissions)}, where {@code grantee_kind} is
 * {@code GROUP} for a group and the user type's name for a user, and {@code permissions} a comma-separated list.
 * Grantees are kept as names: the capability turns them into its own types.
 */
public final class GrantRows {

    /** The kind of a group row. */
    public static final String GROUP = "GROUP";

    /** One row: who, and the comma-separated permissions. */
    public record Row(String kind, String grantee, String permissions) {}

    private final String table;
    private final String targetColumn;

    /** Names are compile-time constants of the caller, never client input. */
    public GrantRows(String table, String targetColumn) {
        this.table = table;
        this.targetColumn = targetColumn;
    }

    /** The target's rows, ordered by kind and grantee. */
    public List<Row> read(Connection c, String targetRef) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT grantee_kind, grantee, permissions FROM " + table
                + " WHERE " + targetColumn + " = ? ORDER BY grantee_kind, grantee")) {
            query.setString(1, targetRef);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(new Row(row.getString(1), row.getString(2), row.getString(3)));
                }
            }
        }
        return rows;
    }

    /** Replaces all the target's rows. */
    public void replace(Connection c, String domainRef, String targetRef, Iterable<Row> rows) throws SQLException {
        delete(c, targetRef);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, domain_ref, " + targetColumn
                + ", grantee_kind, grantee, permissions) VALUES (?, ?, ?, ?, ?, ?)")) {
            boolean any = false;
            for (Row row : rows) {
                insert.setString(1, Ids.newId());
                insert.setString(2, domainRef);
                insert.setString(3, targetRef);
                insert.setString(4, row.kind());
                insert.setString(5, row.grantee());
                insert.setString(6, row.permissions());
                insert.addBatch();
                any = true;
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    /** Deletes all the target's rows. */
    public void delete(Connection c, String targetRef) throws SQLException {
        try (PreparedStatement delete =
                c.prepareStatement("DELETE FROM " + table + " WHERE " + targetColumn + " = ?")) {
            delete.setString(1, targetRef);
            delete.executeUpdate();
        }
    }
}
