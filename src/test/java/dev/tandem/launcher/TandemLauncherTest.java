package dev.tandem.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TandemLauncherTest {

    @Test
    void preBootCommandsBindTheListenersAndRaiseTheHeaderBuffer() {
        String commands = TandemLauncher.preBootCommands("127.0.0.1", 65536);
        for (String listener : new String[] {"http-listener", "https-listener"}) {
            assertTrue(commands.contains("network-listener." + listener + ".address=127.0.0.1\n"), commands);
            assertTrue(
                    commands.contains("protocols.protocol." + listener + ".http.header-buffer-length-bytes=65536\n"),
                    commands);
        }
    }

    private static final String SHIPPED = """
            handlers=java.util.logging.ConsoleHandler
            java.util.logging.ConsoleHandler.formatter=com.sun.enterprise.server.logging.ODLLogFormatter
            com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor=true
            java.util.logging.ConsoleHandler.level=FINE
            .level=INFO
            PayaraMicro.level=INFO
            javax.enterprise.system.core.level=INFO
            javax.enterprise.resource.sqltrace.level=FINE
            """;

    private static List<String> lines(String properties, String prefix) {
        return properties.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The value the last line for a key sets (later lines win in java.util.logging properties). */
    private static String value(String properties, String key) {
        List<String> found = lines(properties, key + "=");
        return found.isEmpty() ? null : found.get(found.size() - 1).substring(key.length() + 1);
    }

    @Test
    void jsonLogsNameOnlyPayarasJsonFormatterForTheConsole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("logging.properties");
        TandemLauncher.writeLogProperties(file, true, false, true);
        String written = Files.readString(file);
        assertEquals(
                List.of("java.util.logging.ConsoleHandler.formatter=" + TandemLauncher.JSON_FORMATTER),
                lines(written, "java.util.logging.ConsoleHandler.formatter="));
        assertTrue(written.contains("handlers=java.util.logging.ConsoleHandler"));
        assertEquals(List.of(), lines(written, "com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor="));
    }

    @Test
    void aQuietStartShowsTandemAtInfoAndTheContainerFromWarning() {
        String quiet = TandemLauncher.logProperties(SHIPPED, false, false, false);
        assertEquals("WARNING", value(quiet, ".level"));
        assertEquals("WARNING", value(quiet, "PayaraMicro.level"));
        assertEquals("WARNING", value(quiet, "javax.enterprise.system.core.level"));
        assertEquals("INFO", value(quiet, "dev.tandem.level"));
        assertEquals("SEVERE", value(quiet, TandemLauncher.EXPIRED_CERTIFICATES_LOGGER + ".level"));
        // handler levels and trace loggers stay as shipped
        assertEquals("FINE", value(quiet, "java.util.logging.ConsoleHandler.level"));
        assertEquals("FINE", value(quiet, "javax.enterprise.resource.sqltrace.level"));
        assertEquals(TandemLauncher.TEXT_FORMATTER, value(quiet, "java.util.logging.ConsoleHandler.formatter"));
        assertEquals("false", value(quiet, "com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor"));
    }

    @Test
    void verboseKeepsPayarasLevelsAndATerminalGetsColour() {
        String verbose = TandemLauncher.logProperties(SHIPPED, false, true, true);
        assertEquals("INFO", value(verbose, ".level"));
        assertEquals("INFO", value(verbose, "PayaraMicro.level"));
        assertEquals(null, value(verbose, "dev.tandem.level"));
        assertEquals("true", value(verbose, "com.sun.enterprise.server.logging.ODLLogFormatter.ansiColor"));
    }

    @Test
    void theReadyMessageKeepsItsFirstLineAndShowsAGeneratedPasswordOnlyWhenThereIsOne() {
        String first = TandemLauncher.readyMessage(12.34, "localhost", 8080, "admin", "s3cret-Generated");
        List<String> lines = first.lines().toList();
        assertEquals(
                "Tandem ready in 12.3 s: realtime ws://localhost:8080/api/realtime/convergence/default"
                        + "  REST http://localhost:8080/api/rest",
                lines.get(0));
        assertTrue(first.contains("http://localhost:8080/openapi"), first);
        assertTrue(first.contains("  console       http://localhost:8080/console/   (sign in as admin)"), first);
        assertTrue(first.contains("  demo          http://localhost:8080/demo/   (a shared editor"), first);
        assertTrue(first.contains("http://localhost:8080/health"), first);
        assertTrue(first.contains("admin / s3cret-Generated"), first);
        assertTrue(first.contains("\"password\":\"s3cret-Generated\""), first);
        assertTrue(lines.size() <= 10, first);

        String later = TandemLauncher.readyMessage(9.0, "localhost", 8080, "root", null);
        assertFalse(later.contains("s3cret"), later);
        assertTrue(later.contains("\"username\":\"root\",\"password\":\"<password>\""), later);
    }

    @Test
    void dropsOnlyTheBundledDriversUnregistrationWarning() {
        String format = "The web application [{0}] registered the JDBC driver [{1}] but failed to unregister it when "
                + "the web application was stopped. To prevent a memory leak, the JDBC Driver has been forcibly "
                + "unregistered.";
        java.util.logging.LogRecord postgres = new java.util.logging.LogRecord(java.util.logging.Level.WARNING, format);
        postgres.setParameters(new Object[] {"unknown", "org.postgresql.Driver"});
        assertTrue(StartupNoise.dropped(postgres));
        java.util.logging.LogRecord other = new java.util.logging.LogRecord(java.util.logging.Level.WARNING, format);
        other.setParameters(new Object[] {"unknown", "com.example.Driver"});
        assertFalse(StartupNoise.dropped(other));
        java.util.logging.LogRecord leak = new java.util.logging.LogRecord(
                java.util.logging.Level.WARNING, "The web application [x] appears to have started a thread");
        assertFalse(StartupNoise.dropped(leak));
    }

    @Test
    void forgetsThePreviousDeploymentButKeepsTheUnpackedRuntime(@TempDir Path root) throws IOException {
        for (String file : List.of(
                "config/domain.xml",
                "config/domain.xml.bak",
                "config/keystore.p12",
                "applications/tandem/WEB-INF/web.xml",
                "generated/jsp/x.class",
                "runtime/web-core.jar")) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), "x");
        }
        TandemLauncher.forgetPreviousDeployment(root);
        for (String gone : List.of("config/domain.xml", "config/domain.xml.bak", "applications", "generated")) {
            assertFalse(Files.exists(root.resolve(gone)), gone);
        }
        assertTrue(Files.exists(root.resolve("config/keystore.p12")));
        assertTrue(Files.exists(root.resolve("runtime/web-core.jar")));
        TandemLauncher.forgetPreviousDeployment(root.resolve("never-started")); // a first start has nothing to remove
    }

    @Test
    void marksTheClassDataArchiveOfAStartThatGotReady(@TempDir Path dir) throws IOException {
        Path archive = dir.resolve("tandem-1.jsa.new");
        TandemLauncher.markClassDataArchiveUsable(
                List.of("-Xmx1g", "-XX:ArchiveClassesAtExit=" + archive, "-Dtandem.http.port=8080"));
        assertTrue(Files.exists(dir.resolve("tandem-1.jsa.new.ready")));
    }

    @Test
    void leavesNoMarkWithoutAnArchiveWrittenAtExit() {
        assertTrue(TandemLauncher.archiveWrittenAtExit(List.of("-Xmx1g", "-XX:SharedArchiveFile=/d/cds/a.jsa"))
                .isEmpty());
        assertEquals(
                "/d/cds/b.jsa.new",
                TandemLauncher.archiveWrittenAtExit(List.of("-XX:ArchiveClassesAtExit=/d/cds/b.jsa.new"))
                        .orElseThrow());
    }
}
