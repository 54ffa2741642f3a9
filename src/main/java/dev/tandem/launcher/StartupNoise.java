package dev.tandem.launcher;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Quiets what Payara logs during a start beyond what its logging properties can set.
 *
 * <p>The web container's deployment progress ({@code jakarta.enterprise.web}, "Created virtual server", "Loading
 * application"): Payara gives that logger its level itself, so {@code .level=WARNING} does not reach it; its INFO
 * records are dropped here unless {@code tandem.log.verbose} is set.
 *
 * <p>And one warning that every start of the WAR on Payara Micro logs and no operator can act on: "The web application
 * [unknown] registered the JDBC driver [org.postgresql.Driver] but failed to unregister it when the web application
 * was stopped". While it deploys, Payara scans the WAR with a temporary class loader; {@code DriverManager} registers
 * the PostgreSQL driver bundled in {@code WEB-INF/lib} through it, and when the scan's loader is closed the web
 * container unregisters the driver and warns. The application's own loader registers it again, so nothing is lost.
 * Only this message about the drivers Tandem ships is dropped; every other record of that logger passes.
 */
final class StartupNoise implements Filter {

    /** Payara's web container utilities (WebappClassLoader's leak warnings). */
    static final String LOGGER = "jakarta.enterprise.web.util";

    /** Payara's web container glue: deployment progress at INFO. */
    static final String WEB_LOGGER = "jakarta.enterprise.web";

    static final List<String> BUNDLED_DRIVERS = List.of("org.postgresql.Driver", "org.h2.Driver");

    /** Held for the life of the process: the log manager keeps loggers weakly, and a new one has no filter. */
    private static Logger held;

    private static Logger heldWeb;

    private final SimpleFormatter formatter = new SimpleFormatter();

    private StartupNoise() {}

    static void install(boolean verbose) {
        held = Logger.getLogger(LOGGER);
        held.setFilter(new StartupNoise());
        if (!verbose) {
            heldWeb = Logger.getLogger(WEB_LOGGER);
            heldWeb.setFilter(record -> record.getLevel().intValue() >= Level.WARNING.intValue());
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return !isBundledDriverUnregistered(record);
    }

    boolean isBundledDriverUnregistered(LogRecord record) {
        if (record.getLevel() != Level.WARNING) {
            return false;
        }
        String message = formatter.formatMessage(record);
        if (message == null || !message.contains("registered the JDBC driver [")) {
            return false;
        }
        return BUNDLED_DRIVERS.stream().anyMatch(driver -> message.contains("[" + driver + "]"));
    }

    static boolean dropped(LogRecord record) {
        return new StartupNoise().isBundledDriverUnregistered(record);
    }
}
