package dev.tandem.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Compacts an embedded H2 database's file while the server runs, a little at a time (issue 19).
 *
 * <p>Why: Tandem opens H2 with {@code WRITE_DELAY=0} so that a commit is written before it returns (an acknowledged
 * operation survives {@code kill -9}), and in that mode H2 runs no background thread, which is the only thing in H2
 * that compacts a file while it is open. Every commit writes a new chunk of copied pages; a chunk's space is reused
 * only once none of its pages is live any more, and a chunk that keeps one live page (a leaf of a table no one writes
 * to again, an entry of the store's own chunk map) keeps all of it. Under sustained load the file grew by gigabytes.
 *
 * <p>What: {@link #run()} looks at the chunks old enough to be rewritten ({@link #SETTLE_MILLIS}) and, while less
 * than {@link #TARGET_FILL_RATE} percent of their bytes are live, has H2 rewrite the live pages of the emptiest ones
 * ({@code MVStore.compact}) and commits them as one new chunk ({@code MVStore.commit}); the old chunks are then dead
 * and H2 reuses their space for later chunks. Each call stops after {@link #BUDGET_MILLIS} (and after at most
 * {@link #MAX_STEPS} steps): the operation log runs it after each periodic filing while its rounds wait, so the budget
 * is what a commit can be delayed by, once a second.
 *
 * <p>How: H2 offers this only on its {@code MVStore}, which this class reaches through public methods of H2's
 * classes ({@code JdbcConnection.getSession()}, {@code SessionLocal.getDatabase()}, {@code Database.getStore()},
 * {@code Store.getMvStore()}) by reflection: H2 is Payara's, not the application's, so nothing here is compiled
 * against it. Anything that does not resolve (another H2 version, a server-mode URL, a pool that does not unwrap)
 * leaves the file as before, logged once: {@link #active()} says which path is in use.
 */
public final class H2FileCompaction implements Runnable {

    private static final Logger LOG = Logger.getLogger(H2FileCompaction.class.getName());

    /** Below this percentage of live bytes in the chunks that may be rewritten, a call rewrites some. */
    public static final int TARGET_FILL_RATE = 80;

    /**
     * Live bytes one step asks H2 to move at most: larger than one second's filing chunk (about 1 MB at 3,500
     * operations/s), which H2 only takes whole.
     */
    static final int STEP_BYTES = 4 * 1024 * 1024;

    /**
     * Only chunks at least this old are rewritten (and counted in the fill rate): a young chunk still holds pages that
     * are about to be replaced anyway (the last leaf of each model's log, the versions), and moving them is wasted
     * writing. H2's own background compaction gets this from its 45 s {@code RETENTION_TIME}; Tandem's is 2 s.
     */
    static final int SETTLE_MILLIS = 30_000;

    /** Time one call may take, checked between steps. */
    static final long BUDGET_MILLIS = 60;

    /** Steps per call at most, whatever the time. */
    static final int MAX_STEPS = 4;

    private final DataSource dataSource;
    private final Object lock = new Object();
    private Object mvStore; // org.h2.mvstore.MVStore
    private Method compact;
    private Method commit;
    private Method populateInfo;
    private Method isClosed;
    private Method sync;
    private Method retentionTime;
    private Method setRetentionTime;
    private volatile boolean unavailable;
    private volatile long steps;

    private H2FileCompaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The compaction of the database behind {@code dataSource}, or null when {@code url} is not an embedded H2 file
     * database (PostgreSQL, H2 in memory or in server mode): nothing to do there.
     */
    public static H2FileCompaction forDatabase(String url, DataSource dataSource) {
        if (url == null
                || !(url.startsWith("jdbc:h2:file:")
                        || url.startsWith("jdbc:h2:./")
                        || url.startsWith("jdbc:h2:/")
                        || url.startsWith("jdbc:h2:~"))) {
            return null;
        }
        return new H2FileCompaction(dataSource);
    }

    /** Whether H2's store was reached: compaction runs. False before the first call, and for good after a failure. */
    public boolean active() {
        synchronized (lock) {
            return mvStore != null && !unavailable;
        }
    }

    /** Steps that rewrote chunks since start. */
    public long steps() {
        return steps;
    }

    /**
     * One call: rewrites the emptiest chunks until {@link #TARGET_FILL_RATE} is reached, the budget is spent or
     * nothing more can be rewritten. Never throws: a failure is logged and turns compaction off.
     */
    @Override
    public void run() {
        if (unavailable) {
            return;
        }
        synchronized (lock) {
            try {
                Object store = store();
                if (store == null) {
                    return;
                }
                long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000L;
                // H2 rewrites (and counts as rewritable) chunks older than its retention time: settled ones only.
                // Meanwhile it frees no dead chunk either; the next commit after this call does.
                int retention = (Integer) retentionTime.invoke(store);
                setRetentionTime.invoke(store, Math.max(retention, SETTLE_MILLIS));
                try {
                    for (int step = 0; step < MAX_STEPS && System.nanoTime() - deadline < 0; step++) {
                        if (info(store).getOrDefault("info.CHUNKS_FILL_RATE_RW", 100L) >= TARGET_FILL_RATE) {
                            return;
                        }
                        // 100: compact whatever the fill rate of all chunks (young ones included)
                        if (!(Boolean) compact.invoke(store, 100, STEP_BYTES)) {
                            return;
                        }
                        commit.invoke(store); // the rewritten pages go into one chunk now, not into the next round's
                        steps++;
                    }
                } finally {
                    setRetentionTime.invoke(store, retention);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                unavailable = true;
                LOG.log(
                        Level.WARNING,
                        "compacting the H2 file while running failed; it is off until a restart "
                                + "(the file grows under sustained load; a restart compacts it)",
                        cause);
            }
        }
    }

    /**
     * Forces what H2 wrote to the disk ({@code MVStore.sync}, {@code FileChannel.force}). H2 writes each commit before
     * it returns but never syncs it; it reuses a dead chunk's space once the chunk is {@code RETENTION_TIME} old,
     * trusting that the chunks that superseded it reached the disk by then. Tandem lowers that time from 45 s to 2 s
     * (dead chunks waiting out 45 s held about 45 s of writes: gigabytes under sustained load) and syncs every second
     * instead. Not under the compaction's lock, and never while the log's rounds wait: commits go on meanwhile.
     */
    public void sync() {
        if (unavailable) {
            return;
        }
        Object store;
        synchronized (lock) {
            try {
                store = store();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return;
            }
        }
        if (store == null) {
            return;
        }
        try {
            sync.invoke(store);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "syncing the H2 file failed (the database closing?)", e);
        }
    }

    /** The store's figures ({@code MVStore.populateInfo}, as in {@code INFORMATION_SCHEMA.SETTINGS}), as numbers. */
    public Map<String, Long> info() {
        synchronized (lock) {
            try {
                Object store = store();
                return store == null ? Map.of() : info(store);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Map.of();
            }
        }
    }

    private Map<String, Long> info(Object store) throws ReflectiveOperationException {
        Map<String, Long> info = new HashMap<>();
        BiConsumer<String, String> add = (name, value) -> {
            try {
                info.put(name, Long.parseLong(value));
            } catch (NumberFormatException e) {
                // a percentage with decimals: not needed here
            }
        };
        populateInfo.invoke(store, add);
        return info;
    }

    /** H2's MVStore of this database, resolved on first use and again after the database was closed and reopened. */
    private Object store() throws ReflectiveOperationException {
        if (mvStore != null && !(Boolean) isClosed.invoke(mvStore)) {
            return mvStore;
        }
        boolean first = mvStore == null;
        mvStore = null;
        try (Connection c = dataSource.getConnection()) {
            Class<?> jdbcConnection = h2Class("org.h2.jdbc.JdbcConnection", c);
            Object h2 = physical(c, jdbcConnection);
            Object session = jdbcConnection.getMethod("getSession").invoke(h2);
            Object database = session.getClass().getMethod("getDatabase").invoke(session); // SessionLocal: embedded
            Object store = database.getClass().getMethod("getStore").invoke(database);
            Object found = store.getClass().getMethod("getMvStore").invoke(store);
            Class<?> type = found.getClass();
            compact = type.getMethod("compact", int.class, int.class);
            commit = type.getMethod("commit");
            populateInfo = type.getMethod("populateInfo", BiConsumer.class);
            isClosed = type.getMethod("isClosed");
            sync = type.getMethod("sync");
            retentionTime = type.getMethod("getRetentionTime");
            setRetentionTime = type.getMethod("setRetentionTime", int.class);
            mvStore = found;
        } catch (java.sql.SQLException | ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(
                    Level.WARNING,
                    "H2's store is out of reach, so its file is not compacted while running "
                            + "(it grows under sustained load; a restart compacts it): " + e,
                    e);
            return null;
        }
        if (first) {
            Object retention = retentionTime.invoke(mvStore);
            LOG.info(() -> "Compacting the H2 file while running: chunks rewritten below " + TARGET_FILL_RATE
                    + "% live, at most " + BUDGET_MILLIS + " ms after each filing of the operation log; dead chunks "
                    + "reused after RETENTION_TIME=" + retention + " ms; the file synced to disk every second");
        }
        return mvStore;
    }

    /**
     * H2's own connection behind the pool's. Payara's {@code unwrap} accepts interfaces only; its data sources hand
     * out the physical connection through {@code com.sun.appserv.jdbc.DataSource.getConnection(Connection)}.
     */
    private Object physical(Connection c, Class<?> jdbcConnection)
            throws java.sql.SQLException, ReflectiveOperationException {
        if (jdbcConnection.isInstance(c)) {
            return c; // a plain H2 data source (the tests)
        }
        java.util.Deque<Class<?>> types = new java.util.ArrayDeque<>();
        for (Class<?> k = dataSource.getClass(); k != null; k = k.getSuperclass()) {
            types.add(k);
        }
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        while (!types.isEmpty()) {
            Class<?> type = types.poll();
            if (!seen.add(type)) {
                continue;
            }
            types.addAll(java.util.List.of(type.getInterfaces()));
            if (!java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            try {
                Object physical =
                        type.getMethod("getConnection", Connection.class).invoke(dataSource, c);
                if (jdbcConnection.isInstance(physical)) {
                    return physical;
                }
            } catch (NoSuchMethodException e) {
                // not this type
            }
        }
        return c.unwrap(jdbcConnection);
    }

    /** An H2 class as the connection's, the application's or the thread's class loader sees it. */
    private static Class<?> h2Class(String name, Connection c) throws ClassNotFoundException {
        ClassNotFoundException missing = null;
        for (ClassLoader loader : new ClassLoader[] {
            H2FileCompaction.class.getClassLoader(),
            Thread.currentThread().getContextClassLoader(),
            c.getClass().getClassLoader()
        }) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                missing = e;
            }
        }
        throw missing != null ? missing : new ClassNotFoundException(name);
    }
}
