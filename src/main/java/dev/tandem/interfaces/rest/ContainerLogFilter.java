package dev.tandem.interfaces.rest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Turns the web container's SEVERE stack traces for two kinds of routine client behaviour into one INFO line each;
 * every other record of the container's logger passes unchanged.
 *
 * <ul>
 *   <li><b>A URI the container cannot decode</b> (a broken percent escape such as {@code /%zz}, {@code /%u0041} or a
 *       trailing {@code %}). Payara's {@code CoyoteAdapter} catches only {@code CharConversionException} when it
 *       decodes the request URI (that case gets a 400); Grizzly's decoder also throws
 *       {@code IllegalArgumentException} and {@code IllegalStateException}, and once in CI, while fuzzing sockets
 *       were being torn down, a {@code NullPointerException} for a request with no URI left. These reach the
 *       adapter's catch-all, "an exception or error occurred in the container" (AS-WEB-CORE-00037), with a 30-line
 *       trace. The request never reaches the application; the container answers it with an empty response.
 *   <li><b>A request whose connection was torn down while the container read its method</b>: once in CI, during
 *       the same fuzzing, Grizzly's {@code Method.valueOf} found no method string left in the request and its
 *       {@code Method} constructor threw a {@code NullPointerException}, again through the adapter's catch-all.
 *       Like the URI case, the request never reached the application.
 *   <li><b>A client that goes away during the WebSocket upgrade</b>: under a surge of connections (a hostile test
 *       opened 2,000 sockets at once) Tyrus's servlet upgrade fails with {@code IOException: Connection is closed}
 *       or a {@code NullPointerException} because "connection" is null, through the same catch-all. Nothing was
 *       accepted, so nothing is lost; the client's socket is already gone.
 *   <li><b>A client gone when the server closes its WebSocket</b> (a handshake timeout firing as the client hangs
 *       up): once in CI, while fuzzing, Payara's {@code OutputBuffer.close} found the recycled connection's Grizzly
 *       buffer gone and the web container logged the {@code NullPointerException} at WARNING. The socket was closing
 *       anyway; nothing was lost.
 *   <li><b>A client that goes away before its REST response is written</b> (it timed out, or a probe gave up): Jersey
 *       logs "Error while closing the output stream in order to commit response" at SEVERE with {@code Connection is
 *       closed} and a 60-line trace. The request was served; its answer had nobody left to read it.
 * </ul>
 *
 * <p>Anyone on the network can cause both, so the traces are noise an operator cannot act on, and they hide real
 * faults. They happen before any application code runs, which is why a log filter, not a servlet or JAX-RS filter,
 * is the place for this. On other containers these loggers are simply unused.
 */
@ApplicationScoped
public class ContainerLogFilter implements Filter {

    /** The logger of Payara's web container core (message AS-WEB-CORE-00037). */
    static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";

    /** Jersey's, which logs "Error while closing the output stream in order to commit response" at SEVERE. */
    static final String JERSEY_RESPONDER_LOGGER = "org.glassfish.jersey.server.ServerRuntime$Responder";

    /** The web container's own, which logs a failed close of a connection at WARNING. */
    static final String WEB_LOGGER = "jakarta.enterprise.web";

    static final List<String> LOGGERS = List.of(CONTAINER_LOGGER, JERSEY_RESPONDER_LOGGER, WEB_LOGGER);

    private static final Logger LOG = Logger.getLogger(ContainerLogFilter.class.getName());

    /** Held here: the log manager keeps loggers only weakly, and a collected logger would forget its filter. */
    private final Map<String, Logger> loggers = new HashMap<>();

    /** Each logger's filter before this one, which still decides for everything this one lets pass. */
    private final Map<String, Filter> previous = new HashMap<>();

    void install(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            loggers.put(name, logger);
            Filter former = logger.getFilter();
            if (former != null) {
                previous.put(name, former);
            }
            logger.setFilter(this);
        }
    }

    @PreDestroy
    void uninstall() {
        loggers.forEach((name, logger) -> {
            if (logger.getFilter() == this) {
                logger.setFilter(previous.get(name));
            }
        });
        loggers.clear();
        previous.clear();
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String routine = routineFailure(record.getThrown());
        if (routine != null) {
            LOG.log(Level.INFO, "HTTP request dropped: {0} ({1})", new Object[] {
                routine, String.valueOf(record.getThrown())
            });
            return false;
        }
        Filter former = record.getLoggerName() == null ? null : previous.get(record.getLoggerName());
        return former == null || former.isLoggable(record);
    }

    /** What routine client behaviour the container's exception shows, or null if it is not one of those. */
    static String routineFailure(Throwable thrown) {
        if (isUriDecodingFailure(thrown)) {
            return "the container could not decode its URI";
        }
        if (isMethodParsingFailure(thrown)) {
            return "the container could not read its method";
        }
        if (isClientGoneDuringUpgrade(thrown)) {
            return "its client went away during the WebSocket upgrade";
        }
        if (isClientGoneBeforeResponse(thrown)) {
            return "its client went away before the response was written";
        }
        if (isClientGoneBeforeWebSocketClose(thrown)) {
            return "its client was gone when the server closed its WebSocket";
        }
        return null;
    }

    /**
     * True when Jersey could not write a response because the client had closed its connection (a client that timed
     * out, a health probe that gave up): {@code Connection is closed} somewhere in the causes, thrown while Jersey's
     * responder wrote. The request was served; only its answer had nobody to go to.
     */
    static boolean isClientGoneBeforeResponse(Throwable thrown) {
        if (thrown == null || !inStack(thrown, "org.glassfish.jersey.server.ServerRuntime$Responder")) {
            return false;
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException && "Connection is closed".equals(cause.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * True for an exception thrown by Grizzly's URI decoder, found in its first stack frame: a broken escape
     * ({@code IllegalArgumentException}, {@code IllegalStateException}) or a request that has no URI left to decode
     * ({@code NullPointerException}).
     */
    static boolean isUriDecodingFailure(Throwable thrown) {
        if (!(thrown instanceof RuntimeException)) {
            return false;
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals("org.glassfish.grizzly.http.util.URLDecoder");
    }

    /**
     * True for an exception thrown by Grizzly's {@code Method} while the container reads a request's method (found in
     * its first stack frame), which happens only for a request with no method left to read.
     */
    static boolean isMethodParsingFailure(Throwable thrown) {
        if (!(thrown instanceof RuntimeException)) {
            return false;
        }
        StackTraceElement[] stack = thrown.getStackTrace();
        return stack.length > 0 && stack[0].getClassName().equals("org.glassfish.grizzly.http.Method");
    }

    /**
     * True for the two failures of a WebSocket upgrade whose connection closed meanwhile: {@code IOException:
     * Connection is closed} inside Tyrus's servlet upgrade, or a {@code NullPointerException} because "connection"
     * is null (Java's message for a null local or field named {@code connection}) in Tyrus or Grizzly code.
     */
    static boolean isClientGoneDuringUpgrade(Throwable thrown) {
        if (thrown instanceof java.io.IOException && "Connection is closed".equals(thrown.getMessage())) {
            return inStack(thrown, "org.glassfish.tyrus.servlet.TyrusServletUpgrade");
        }
        if (thrown instanceof NullPointerException
                && thrown.getMessage() != null
                && thrown.getMessage().contains("\"connection\" is null")) {
            return inStack(thrown, "org.glassfish.tyrus.") || inStack(thrown, "org.glassfish.grizzly.");
        }
        return false;
    }

    /**
     * True for the container's failure to finish a WebSocket's HTTP exchange that the server closes (a handshake
     * timeout, a reconnect) while its client has just gone: the connection was recycled, and Payara's
     * {@code OutputBuffer.close} finds no Grizzly buffer ({@code NullPointerException}), from Tyrus's servlet writer.
     */
    static boolean isClientGoneBeforeWebSocketClose(Throwable thrown) {
        return thrown instanceof NullPointerException
                && thrown.getMessage() != null
                && thrown.getMessage().contains("grizzlyOutputBuffer")
                && inStack(thrown, "org.glassfish.tyrus.servlet.TyrusServletWriter");
    }

    private static boolean inStack(Throwable thrown, String classPrefix) {
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith(classPrefix)) {
                return true;
            }
        }
        return false;
    }
}
