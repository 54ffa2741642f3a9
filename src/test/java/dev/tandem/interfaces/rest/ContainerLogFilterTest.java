package dev.tandem.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContainerLogFilterTest {

    private final ContainerLogFilter filter = new ContainerLogFilter();
    private final List<LogRecord> own = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            own.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger ownLogger = Logger.getLogger(ContainerLogFilter.class.getName());

    @BeforeEach
    void listen() {
        ownLogger.addHandler(capture);
    }

    @AfterEach
    void stop() {
        ownLogger.removeHandler(capture);
        filter.uninstall();
    }

    /** An exception whose first frame is the given class, as the container's decoder would throw it. */
    private static RuntimeException thrownIn(RuntimeException e, String className) {
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(className, "decode", "X.java", 199),
            new StackTraceElement("org.apache.catalina.connector.CoyoteAdapter", "postParseRequest", "C.java", 426)
        });
        return e;
    }

    private static LogRecord severe(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "An exception or error occurred in the container");
        record.setThrown(thrown);
        return record;
    }

    @Test
    void dropsTheDecodersFailuresAndSaysSoInOneLine() {
        String decoder = "org.glassfish.grizzly.http.util.URLDecoder";
        assertFalse(filter.isLoggable(severe(thrownIn(
                new IllegalArgumentException("Illegal hex characters in escape (%) pattern - %zz"), decoder))));
        assertFalse(filter.isLoggable(severe(thrownIn(new IllegalStateException("Unexpected termination"), decoder))));
        assertFalse(filter.isLoggable(severe(thrownIn(new NullPointerException(), decoder))));
        assertEquals(3, own.size());
        assertEquals(Level.INFO, own.get(0).getLevel());
        assertTrue(own.get(0).getParameters()[1].toString().contains("%zz"));
        assertEquals("the container could not decode its URI", own.get(0).getParameters()[0]);
    }

    @Test
    void dropsARequestWithNoMethodLeftToRead() {
        assertFalse(
                filter.isLoggable(severe(thrownIn(new NullPointerException(), "org.glassfish.grizzly.http.Method"))));
        assertEquals(1, own.size());
        assertEquals("the container could not read its method", own.get(0).getParameters()[0]);
        // the same exception from a class of the application is shown
        assertTrue(filter.isLoggable(severe(thrownIn(new NullPointerException(), "dev.tandem.interfaces.rest.X"))));
    }

    @Test
    void dropsAClientGoneDuringTheWebSocketUpgrade() {
        java.io.IOException closed = new java.io.IOException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.glassfish.grizzly.nio.NIOConnection", "assertOpen", "N.java", 1),
            new StackTraceElement("org.glassfish.tyrus.servlet.TyrusServletUpgrade", "upgrade", "T.java", 2)
        });
        assertFalse(filter.isLoggable(severe(closed)));
        assertFalse(filter.isLoggable(severe(thrownIn(
                new NullPointerException(
                        "Cannot invoke \"org.glassfish.grizzly.Connection.isOpen()\" because \"connection\" is null"),
                "org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler"))));
        assertEquals(2, own.size());
        assertTrue(own.get(0).getParameters()[0].toString().contains("WebSocket upgrade"));
        // The same exceptions elsewhere are not this case.
        java.io.IOException elsewhere = new java.io.IOException("Connection is closed");
        elsewhere.setStackTrace(new StackTraceElement[] {new StackTraceElement("dev.tandem.X", "y", "X.java", 1)});
        assertTrue(filter.isLoggable(severe(elsewhere)));
        assertTrue(filter.isLoggable(severe(thrownIn(
                new NullPointerException("\"connection\" is null"),
                "dev.tandem.interfaces.realtime.connection.ClientConnection"))));
    }

    @Test
    void dropsAClientGoneBeforeItsResponseWasWritten() {
        java.io.IOException closed =
                new java.io.IOException("Connection is closed", new java.io.IOException("Locally closed"));
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.glassfish.grizzly.nio.NIOConnection", "assertOpen", "N.java", 1)
        });
        java.io.UncheckedIOException wrapped = new java.io.UncheckedIOException(closed);
        wrapped.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.glassfish.jersey.message.internal.OutboundMessageContext", "close", "O.java", 1),
            new StackTraceElement("org.glassfish.jersey.server.ServerRuntime$Responder", "writeResponse", "S.java", 2)
        });
        assertFalse(filter.isLoggable(severe(wrapped)));
        assertEquals(1, own.size());
        assertTrue(own.get(0).getParameters()[0].toString().contains("before the response was written"));
        // a failure to write for another reason is still shown
        java.io.UncheckedIOException other = new java.io.UncheckedIOException(new java.io.IOException("disk full"));
        other.setStackTrace(wrapped.getStackTrace());
        assertTrue(filter.isLoggable(severe(other)));
    }

    @Test
    void dropsAClientGoneWhenTheServerClosesItsWebSocket() {
        NullPointerException npe = new NullPointerException(
                "Cannot invoke"
                        + " \"org.glassfish.grizzly.http.io.OutputBuffer.close()\" because \"this.grizzlyOutputBuffer\" is null");
        npe.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.apache.catalina.connector.OutputBuffer", "close", "O.java", 247),
            new StackTraceElement("org.glassfish.tyrus.servlet.TyrusServletWriter", "close", "T.java", 159),
            new StackTraceElement("dev.tandem.interfaces.realtime.connection.ClientConnection", "close", "C.java", 374)
        });
        LogRecord warning = new LogRecord(Level.WARNING, "");
        warning.setThrown(npe);
        assertFalse(filter.isLoggable(warning));
        assertEquals(1, own.size());
        assertTrue(own.get(0).getParameters()[0].toString().contains("closed its WebSocket"));
        // the same exception outside Tyrus's writer is shown
        NullPointerException other = new NullPointerException("\"this.grizzlyOutputBuffer\" is null");
        other.setStackTrace(new StackTraceElement[] {new StackTraceElement("dev.tandem.X", "y", "X.java", 1)});
        assertTrue(filter.isLoggable(severe(other)));
    }

    @Test
    void passesEverythingElse() {
        assertTrue(filter.isLoggable(severe(thrownIn(new IllegalArgumentException("x"), "org.apache.catalina.Foo"))));
        assertTrue(filter.isLoggable(severe(null)));
        assertTrue(filter.isLoggable(new LogRecord(Level.INFO, "hello")));
        assertTrue(own.isEmpty());
    }

    @Test
    void installsOnTheContainerLoggerAndKeepsItsFormerFilter() {
        Logger container = Logger.getLogger(ContainerLogFilter.CONTAINER_LOGGER);
        container.setFilter(record -> !record.getMessage().equals("refused by the former filter"));
        try {
            filter.install(null);
            assertTrue(container.getFilter() == filter);
            assertTrue(
                    Logger.getLogger(ContainerLogFilter.JERSEY_RESPONDER_LOGGER).getFilter() == filter);
            LogRecord refused = new LogRecord(Level.INFO, "refused by the former filter");
            refused.setLoggerName(ContainerLogFilter.CONTAINER_LOGGER);
            assertFalse(filter.isLoggable(refused));
            // the former filter of one logger does not decide for the other
            LogRecord jersey = new LogRecord(Level.INFO, "refused by the former filter");
            jersey.setLoggerName(ContainerLogFilter.JERSEY_RESPONDER_LOGGER);
            assertTrue(filter.isLoggable(jersey));
            filter.uninstall();
            assertFalse(container.getFilter() == filter);
        } finally {
            container.setFilter(null);
        }
    }
}
