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

    @Test
    void jsonLogsNameOnlyPayarasJsonFormatterForTheConsole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("logging.properties");
        TandemLauncher.writeJsonLogProperties(file);
        List<String> formatters = Files.readAllLines(file).stream()
                .filter(line -> line.startsWith("java.util.logging.ConsoleHandler.formatter="))
                .toList();
        assertEquals(
                List.of("java.util.logging.ConsoleHandler.formatter=" + TandemLauncher.JSON_FORMATTER), formatters);
        assertTrue(Files.readString(file).contains("handlers=java.util.logging.ConsoleHandler"));
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
}
