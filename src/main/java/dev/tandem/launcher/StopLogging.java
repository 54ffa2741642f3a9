package dev.tandem.launcher;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the log working while the server stops, so that what Tandem logs then (the models' drain, the sockets it
 * closes, a drain that runs out of time) reaches the log.
 *
 * <p>The JDK's log manager registers a shutdown hook that resets it: it closes and removes every handler. The JVM
 * starts all its shutdown hooks at once, so that reset raced Payara Micro's own hook, which undeploys Tandem: by the
 * time Tandem's stop ran, the root logger had no handler left and nothing of the stop was logged. This replaces the
 * log manager's hooks with one that first waits for the other hooks (Payara's) to finish, at most
 * {@link #OTHER_HOOKS_WAIT}, then resets the log as before.
 *
 * <p>The JVM keeps its hooks in a private map of {@code java.lang.ApplicationShutdownHooks} (the launcher's manifest
 * opens {@code java.lang} to it, as Payara Micro needs too). If anything there is not as expected, this logs why and
 * leaves the hooks as they are: the log then loses the stop's lines again, nothing else.
 */
final class StopLogging {

    private static final Logger LOG = Logger.getLogger(StopLogging.class.getName());

    /** The class of the JDK log manager's shutdown hook (private, so only its name identifies it). */
    static final String LOG_MANAGER_HOOK = "java.util.logging.LogManager$Cleaner";

    /** Longer than an orderly stop takes (the models' drain is bounded at 10 s), short enough not to hang an exit. */
    static final long OTHER_HOOKS_WAIT = TimeUnit.SECONDS.toMillis(60);

    private StopLogging() {}

    /** Call once the server has booted: Payara Micro sets up its logging (and its hook) while it boots. */
    static void keepThroughStop() {
        Class<?> registry;
        Map<Thread, Thread> hooks;
        try {
            registry = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = registry.getDeclaredField("hooks");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<Thread, Thread> found = (Map<Thread, Thread>) field.get(null);
            hooks = found;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot reach the shutdown hooks; the stop may not be logged: {0}", e.toString());
            return;
        }
        List<Thread> resets = new ArrayList<>();
        List<Thread> others = new ArrayList<>();
        synchronized (registry) { // the lock of ApplicationShutdownHooks' own (static synchronized) methods
            for (Thread hook : hooks.keySet()) {
                (LOG_MANAGER_HOOK.equals(hook.getClass().getName()) ? resets : others).add(hook);
            }
        }
        if (resets.isEmpty()) {
            return;
        }
        for (Thread reset : resets) {
            Runtime.getRuntime().removeShutdownHook(reset);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> resetAfter(others, resets, OTHER_HOOKS_WAIT), "tandem-log-reset"));
    }

    /**
     * Waits for the other hooks to end (each has been started, or is about to be), at most {@code waitMillis} in all,
     * then resets the log.
     */
    static void resetAfter(List<Thread> others, List<Thread> resets, long waitMillis) {
        long deadline = System.currentTimeMillis() + waitMillis;
        for (Thread other : others) {
            try {
                // The JVM starts every hook, then joins them; this one may run before the others have started.
                while (other.getState() == Thread.State.NEW && System.currentTimeMillis() < deadline) {
                    Thread.sleep(1);
                }
                long left = deadline - System.currentTimeMillis();
                if (left > 0) {
                    other.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread reset : resets) {
            reset.run();
        }
    }
}
