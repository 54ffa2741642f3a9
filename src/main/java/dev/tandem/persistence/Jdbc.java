package dev.tandem.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The small JDBC helper the stores share: a connection for one store operation, statements with parameters, rows
 * mapped by a {@link RowMapper}, and every {@link SQLException} turned into the one {@link StoreException}.
 *
 * <p>A store operation is {@link #run(DataSource, String, Work) run} on a connection of the data source (the
 * container's, enlisted in the caller's JTA transaction exactly as a connection the store takes itself) or, on the
 * log's data source outside JTA, {@link #inTransaction(DataSource, String, Work) in a local transaction}. Inside the
 * work, the statement helpers ({@link #list}, {@link #optional}, {@link #count}, {@link #update}, {@link #batch})
 * throw {@link SQLException}: the work is the unit that fails, and its failure is reported once, with what it was
 * doing.
 *
 * <p>Parameters given as values are bound in order: a string (or {@code null}, a {@code NULL} of type
 * {@code VARCHAR}) with {@link PreparedStatement#setString}, anything else with {@link PreparedStatement#setObject(int,
 * Object)}. A statement that needs another binding (a {@code NULL} of another type, bytes, a stream) takes a
 * {@link Binder}.
 */
public final class Jdbc {

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work on a connection that returns nothing. */
    @FunctionalInterface
    public interface VoidWork {
        void run(Connection connection) throws SQLException;
    }

    /** Binds the parameters of a prepared statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Binds the parameters of a batched statement for one item. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    private Jdbc() {}

    /**
     * Runs {@code work} on a connection of {@code dataSource}, closed when it returns.
     *
     * @param what what the work does, for the error ("reading activity x")
     * @throws StoreException if the database failed
     */
    public static <T> T run(DataSource dataSource, String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** {@link #run(DataSource, String, Work)} for work without a result. */
    public static void execute(DataSource dataSource, String what, VoidWork work) {
        run(dataSource, what, connection -> {
            work.run(connection);
            return null;
        });
    }

    /**
     * Runs {@code work} in one local transaction on {@code dataSource} (a data source outside JTA), as
     * {@link LocalTransaction#run} does.
     *
     * @throws StoreException if the database failed; the work was rolled back
     */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try {
            return LocalTransaction.run(dataSource, work::run);
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /**
     * Runs {@code work} on a connection the caller holds (and closes), for code that already has one.
     *
     * @throws StoreException if the database failed
     */
    public static <T> T on(Connection connection, String what, Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** The rows of a query, mapped in order. */
    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        return list(c, sql, values(parameters), mapper);
    }

    /** The rows of a query whose parameters {@code binder} binds, mapped in order. */
    public static <T> List<T> list(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (row.next()) {
                    result.add(mapper.map(row));
                }
                return result;
            }
        }
    }

    /** The first row of a query, mapped, or empty if there is none (the mapper must not return {@code null}). */
    public static <T> Optional<T> optional(Connection c, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        return optional(c, sql, values(parameters), mapper);
    }

    /** The first row of a query whose parameters {@code binder} binds, mapped, or empty if there is none. */
    public static <T> Optional<T> optional(Connection c, String sql, Binder binder, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(mapper.map(row)) : Optional.empty();
            }
        }
    }

    /** The number in the first column of the first row of a query ({@code SELECT COUNT(*) ...}). */
    public static long count(Connection c, String sql, Object... parameters) throws SQLException {
        return count(c, sql, values(parameters));
    }

    /** {@link #count(Connection, String, Object...)} with the parameters bound by {@code binder}. */
    public static long count(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Runs an insert, update or delete; the number of rows it changed. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        return update(c, sql, values(parameters));
    }

    /** {@link #update(Connection, String, Object...)} with the parameters bound by {@code binder}. */
    public static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    /**
     * Runs one statement for every item, in one batch (one round trip, whatever the number of items); nothing is
     * sent when there are no items.
     *
     * @return the update counts, one per item
     */
    public static <T> int[] batch(Connection c, String sql, Iterable<? extends T> items, ItemBinder<? super T> binder)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            boolean any = false;
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
                any = true;
            }
            return any ? statement.executeBatch() : new int[0];
        }
    }

    /**
     * {@link #batch(Connection, String, Iterable, ItemBinder)} for many items: the batch is sent every
     * {@code maxPerBatch} items and once more for the rest, so that the driver never holds more than that many;
     * nothing is sent when there are no items.
     */
    public static <T> void batch(
            Connection c, String sql, Iterable<? extends T> items, ItemBinder<? super T> binder, int maxPerBatch)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int pending = 0;
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
                if (++pending == maxPerBatch) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    /**
     * A binder that sets {@code parameters} in order: strings and {@code null} (a {@code NULL} {@code VARCHAR}) with
     * {@link PreparedStatement#setString}, anything else with {@link PreparedStatement#setObject(int, Object)}.
     */
    public static Binder values(Object... parameters) {
        return statement -> {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter == null || parameter instanceof String) {
                    statement.setString(i + 1, (String) parameter);
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
        };
    }
}
