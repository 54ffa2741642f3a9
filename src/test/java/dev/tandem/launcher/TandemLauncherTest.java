package dev.tandem.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TandemLauncherTest {

    @Test
    void preBootCommandsBindTheListenersAndRaiseTheHeaderBuffer() {
        String commands = TandemLauncher.preBootCommands("127.0.0.1", 65536);
        for (String listener : new String[] {"http-listener", "https-listener"}) {
            assertTrue(commands.contains("network-listener." + listener + ".address=127.0.0.1\n"), commands);
            assertTrue(commands.contains("protocols.protocol." + listener
                    + ".http.header-buffer-length-bytes=65536\n"), commands);
        }
    }
}
