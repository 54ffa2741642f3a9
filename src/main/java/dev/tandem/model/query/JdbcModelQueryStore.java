package dev.tandem.model.query;

import dev.tandem.model.query.QuerySql.Dialect;
import dev.tandem.model.query.QuerySql.Sql;
import dev.tandem.persistence.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@link ModelQueryStore} in plain JDBC through {@link Jdbc} (a failure is a
 * {@link dev.tandem.persistence.StoreException}). Every method is one JTA transaction ({@code @Transactional}).
 */
@ApplicationScoped
public class JdbcModelQueryStore implements ModelQueryStore {

    @Resource(lookup = "java:app/jdbc/tandem")
    DataSource dataSource;

    // Found from the first connection: one data source is one database.
    private volatile Dialect dialect;

    /** For CDI. */
    public JdbcModelQueryStore() {}

    /** Outside a container (tests): statements run on connections of this data source, in auto-commit. */
    public JdbcModelQueryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    @Transactional
    public List<Stale> stale(String domainRef, String collectionId) {
        return Jdbc.run(
                dataSource,
                "finding stale query data in " + collectionId,
                c -> Jdbc.list(
                        c,
                        "SELECT m.id, m.model_id FROM models m "
                                + "JOIN model_collections c ON c.id = m.collection_ref "
                                + "JOIN model_versions v ON v.model_ref = m.id "
                                + "LEFT JOIN model_query_data q ON q.model_ref = m.id "
                                + "WHERE m.domain_ref = ? AND c.domain_ref = ? AND c.collection_id = ? "
                                + "AND (q.model_ref IS NULL OR q.version < v.version)",
                        row -> new Stale(row.getString(1), row.getString(2)),
                        domainRef,
                        domainRef,
                        collectionId));
    }

    @Override
    @Transactional
    public boolean write(String modelRef, String domainRef, long version, Instant modifiedAt, QueryableData data) {
        return Jdbc.run(dataSource, "writing the query data of " + modelRef, c -> {
            // The row lock serializes concurrent writers of one model (on any node) until this transaction ends.
            Long stored = Jdbc.optional(
                            c,
                            "SELECT version FROM model_query_data WHERE model_ref = ? FOR UPDATE",
                            row -> row.getLong(1),
                            modelRef)
                    .orElse(null);
            if (stored != null && stored >= version) {
                return false;
            }
            String sql = stored == null
                    ? "INSERT INTO model_query_data (version, modified_at, data, domain_ref, model_ref) "
                            + "VALUES (?, ?, ?, ?, ?)"
                    : "UPDATE model_query_data SET version = ?, modified_at = ?, data = ?, domain_ref = ? "
                            + "WHERE model_ref = ?";
            Jdbc.update(
                    c,
                    sql,
                    version,
                    modifiedAt.atOffset(ZoneOffset.UTC),
                    data.json().toString(),
                    domainRef,
                    modelRef);
            Jdbc.update(c, "DELETE FROM model_query_leaves WHERE model_ref = ?", modelRef);
            if (!data.leaves().isEmpty()) {
                Jdbc.batch(
                        c,
                        "INSERT INTO model_query_leaves (model_ref, path, "
                                + "domain_ref, num_value, str_value, bool_value) VALUES (?, ?, ?, ?, ?, ?)",
                        data.leaves(),
                        (insert, leaf) -> {
                            insert.setString(1, modelRef);
                            insert.setString(2, leaf.path());
                            insert.setString(3, domainRef);
                            if (leaf.number() == null) {
                                insert.setNull(4, Types.DOUBLE);
                            } else {
                                insert.setDouble(4, leaf.number());
                            }
                            insert.setString(5, leaf.string());
                            if (leaf.bool() == null) {
                                insert.setNull(6, Types.BOOLEAN);
                            } else {
                                insert.setBoolean(6, leaf.bool());
                            }
                        });
            }
            return true;
        });
    }

    @Override
    @Transactional
    public Page query(
            SelectQuery query, String domainRef, Sql readable, long limit, long offset, QueryExecution execution) {
        return Jdbc.run(dataSource, "querying collection " + query.collection(), c -> {
            Dialect dialect = dialect(c);
            long total;
            Sql count = QuerySql.count(query, dialect, domainRef, readable);
            try (PreparedStatement statement = prepare(c, count)) {
                total = run(statement, execution, row -> {
                    row.next();
                    return row.getLong(1);
                });
            }
            List<Row> rows = new ArrayList<>();
            if (limit > 0 && offset < total) {
                Sql select = QuerySql.select(query, dialect, domainRef, readable, limit, offset);
                try (PreparedStatement statement = prepare(c, select)) {
                    run(statement, execution, row -> {
                        while (row.next()) {
                            rows.add(new Row(
                                    row.getString(1),
                                    instant(row, 2),
                                    row.getLong(3),
                                    instant(row, 4),
                                    QueryableData.read(row.getString(5))));
                        }
                        return null;
                    });
                }
            }
            return new Page(rows, total);
        });
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T run(PreparedStatement statement, QueryExecution execution, Reader<T> reader)
            throws SQLException {
        execution.start(statement);
        try (ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
        } catch (SQLException e) {
            RuntimeException meaning = execution.interpret(e);
            if (meaning != null) {
                throw meaning;
            }
            throw e;
        } finally {
            execution.finish();
        }
    }

    private Dialect dialect(Connection c) throws SQLException {
        Dialect known = dialect;
        if (known == null) {
            known = Dialect.of(c.getMetaData().getDatabaseProductName());
            dialect = known;
        }
        return known;
    }

    private static PreparedStatement prepare(Connection c, Sql sql) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql.text());
        try {
            int i = 1;
            for (Object param : sql.params()) {
                if (param instanceof String s) {
                    statement.setString(i, s);
                } else if (param instanceof Double d) {
                    statement.setDouble(i, d);
                } else if (param instanceof Long l) {
                    statement.setLong(i, l);
                } else if (param instanceof Boolean b) {
                    statement.setBoolean(i, b);
                } else {
                    throw new IllegalArgumentException("unsupported parameter " + param);
                }
                i++;
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
