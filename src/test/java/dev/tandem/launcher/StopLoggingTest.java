package dev.tandem.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StopLoggingTest {

    /**
     * The JVM starts all hooks, then joins them: the log's reset may begin before the server's hook has even
     * started. It still runs only once the server's hook has ended.
     */
    @Test
    void resetsTheLogOnlyAfterTheOtherHooksEnded() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch serverStopping = new CountDownLatch(1);
        Thread serverHook = new Thread(() -> {
            serverStopping.countDown();
            sleep(200); // undeploys, and logs while it does
            order.add("server stopped");
        });
        Thread logReset = new Thread(() -> order.add("log reset"));
        Thread replacement = new Thread(
                () -> StopLogging.resetAfter(List.of(serverHook), List.of(logReset), StopLogging.OTHER_HOOKS_WAIT));

        replacement.start(); // before the server's hook has started
        sleep(50);
        assertEquals(List.of(), order);
        serverHook.start();
        serverStopping.await(5, TimeUnit.SECONDS);
        replacement.join(5_000);

        assertFalse(replacement.isAlive());
        assertEquals(List.of("server stopped", "log reset"), order);
    }

    @Test
    void aHookThatNeverStartsDoesNotHoldTheResetPastTheBound() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Thread neverStarted = new Thread(() -> order.add("never"));
        Thread logReset = new Thread(() -> order.add("log reset"));
        Thread replacement = new Thread(() -> StopLogging.resetAfter(List.of(neverStarted), List.of(logReset), 100));

        replacement.start();
        replacement.join(5_000);

        assertFalse(replacement.isAlive());
        assertEquals(List.of("log reset"), order);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
