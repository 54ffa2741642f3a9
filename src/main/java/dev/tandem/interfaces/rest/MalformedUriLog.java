package dev.tandem.interfaces.rest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Turns the web container's SEVERE stack trace for a request whose URI it cannot decode (a broken percent escape
 * such as {@code /%zz}, {@code /%u0041} or a trailing {@code %}) into one INFO line.
 *
 * <p>Payara's {@code CoyoteAdapter} catches only {@code CharConversionException} when it decodes the request URI
 * (that case gets a 400); Grizzly's decoder also throws {@code IllegalArgumentException} and
 * {@code IllegalStateException}, which reach the adapter's catch-all and are logged as "an exception or error
 * occurred in the container" with a 30-line trace. Anyone on the network can send such a URI, so the trace is noise
 * an operator cannot act on, and it hides real faults. The request never reaches the application (the container
 * answers it with an empty response), which is why a log filter, not an application filter, is the place for this.
 * Every other record of that logger passes unchanged. On other containers the logger is simply unused.
 */
@ApplicationScoped
public class MalformedUriLog implements Filter {

    /** The logger of Payara's web container core (message AS-WEB-CORE-00037). */
    static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";

    private static final Logger LOG = Logger.getLogger(MalformedUriLog.class.getName());

    /** Held here: the log manager keeps loggers only weakly, and a collected logger would forget its filter. */
    private Logger containerLogger;
    private Filter previous;

    void install(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        containerLogger = Logger.getLogger(CONTAINER_LOGGER);
        previous = containerLogger.getFilter();
        containerLogger.setFilter(this);
    }

    @PreDestroy
    void uninstall() {
        if (containerLogger != null && containerLogger.getFilter() == this) {
            containerLogger.setFilter(previous);
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (isUriDecodingFailure(record.getThrown())) {
            LOG.log(Level.INFO, "HTTP request dropped: the container could not decode its URI ({0})",
                    String.valueOf(record.getThrown()));
            return false;
        }
        return previous == null || previous.isLoggable(record);
    }

    /**
     * True for an exception thrown by Grizzly's URI decoder, found in its first stack frame: a broken escape
     * ({@code IllegalArgumentException}, {@code IllegalStateException}) or a request that has no URI left to decode
     * ({@code NullPointerException}, seen once in CI while fuzzing sockets were being torn down).
     */
    static boolean isUriDecodingFailure(Throwable thrown) {
        if (!(thrown instanceof RuntimeException)) {
            return false;
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals("org.glassfish.grizzly.http.util.URLDecoder");
    }
}
